"""The load benchmark's pages: ``equalocal load_setup`` (run by ``make bench-load``).

Each app's ``benchmarks.py`` may have ``load_pages(setup)``. It finds its showcase objects in
the database — those of ``equalocal scale-data``, or else the largest there are — builds a
small one of the same size when none is there and ``setup.build_missing`` is set, and adds
its pages with :meth:`LoadSetup.add`. A signed-in page carries a session made here for a
non-staff user (staff need two-factor sign-in); the API carries a personal token.

The set-up writes the pages to a JSON file that the locust file (``scripts/bench/
locustfile.py``) reads; ``scripts/bench_load.py`` runs the whole benchmark.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model

from .bench import benchmark_modules

#: Every load-benchmark user's address ends with this; they are made by the set-up only.
USER_DOMAIN = "load.bench.invalid"


@dataclass(frozen=True)
class LoadPage:
    """One page the simulated users request; ``floor`` marks the trivial page."""

    name: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    size: str = ""
    floor: bool = False


@dataclass
class LoadSetup:
    build_missing: bool = False
    pages: list[LoadPage] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    _cookies: dict[int, str] = field(default_factory=dict)

    def add(
        self,
        name: str,
        path: str,
        *,
        user=None,
        headers: dict[str, str] | None = None,
        size: str = "",
        floor: bool = False,
    ) -> None:
        """Add a page, signed in as ``user`` when given (a session cookie), else anonymous."""
        headers = dict(headers or {})
        if user is not None:
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={self.session_key(user)}"
        self.pages.append(LoadPage(name=name, path=path, headers=headers, size=size, floor=floor))

    def user(self, name: str):
        """The load benchmark's (non-staff) user called ``name``, made once."""
        user, created = get_user_model().objects.get_or_create(
            email=f"{name}@{USER_DOMAIN}", defaults={"is_staff": False, "is_superuser": False}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def session_key(self, user) -> str:
        """A signed-in session for ``user``, as if they had signed in with their password.

        One per user for the whole run; the cookie is sent as a header because production
        marks it Secure and the benchmark speaks plain HTTP on loopback.
        """
        if user.is_staff:
            raise ValueError("staff sign in with two factors; use a non-staff user")
        if user.pk not in self._cookies:
            engine = import_module(settings.SESSION_ENGINE)
            session = engine.SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            self._cookies[user.pk] = session.session_key
        return self._cookies[user.pk]

    def note(self, line: str) -> None:
        self.log.append(line)

    def as_dict(self) -> dict:
        return {
            "made": int(time.time()),
            "pages": [asdict(page) for page in self.pages],
            "log": self.log,
        }


def load_page_functions():
    """Each app's ``load_pages``, in the order of INSTALLED_APPS."""
    for label, module in benchmark_modules():
        function = getattr(module, "load_pages", None)
        if function is not None:
            yield label, function


def load_setup(*, build_missing: bool = False) -> LoadSetup:
    setup = LoadSetup(build_missing=build_missing)
    for _label, function in load_page_functions():
        function(setup)
    return setup
