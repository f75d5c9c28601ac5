"""What apps contribute to places that belong to a lower floor, registered in ``ready()``.

``core`` sits below every domain app and imports none of them, and a lower app never imports
a higher one. Where a lower page shows something a higher app owns (the documents a
commitment step came from, the indicators that evidence a plan, the invitations on an
organisation's members page), the higher app registers a *section* for that page. Where the
worker starts periodic work, each app registers a *start-up job*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    """A part of another app's page.

    ``context(request, obj)`` returns the template's context, or None to show nothing; the
    page passes its main object (a plan, a commitment, an organisation).
    """

    page: str
    template: str
    context: Callable[[HttpRequest, Any], dict | None]
    order: int = 100


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict


@dataclass(frozen=True)
class NavItem:
    """An entry of the main navigation.

    ``url(request)`` gives the link, or None to leave the entry out (for example without a
    current organisation); ``active(request)`` says whether the page shown belongs to it.
    """

    key: str
    label: Any
    order: int
    url: Callable[[HttpRequest], str | None]
    active: Callable[[HttpRequest], bool]


_sections: dict[str, list[Section]] = {}
_nav: dict[str, NavItem] = {}
_worker_start: list[tuple[str, Callable[[], str | None]]] = []


def register_section(
    page: str, *, template: str, context: Callable[[HttpRequest, Any], dict | None], order=100
) -> None:
    """Add a section to ``page``; registering the same template twice keeps one."""
    sections = [s for s in _sections.get(page, []) if s.template != template]
    sections.append(Section(page=page, template=template, context=context, order=order))
    _sections[page] = sorted(sections, key=lambda section: (section.order, section.template))


def sections_for(page: str, request: HttpRequest, obj: Any) -> list[RenderedSection]:
    """The sections registered for ``page`` that have something to show for ``obj``."""
    rendered = []
    for section in _sections.get(page, []):
        context = section.context(request, obj)
        if context is not None:
            rendered.append(RenderedSection(template=section.template, context=context))
    return rendered


def register_worker_start(name: str, job: Callable[[], str | None]) -> None:
    """Run ``job`` when a worker starts (queue a periodic task, take over stuck work).

    It returns a line to print, or None when there is nothing to say.
    """
    global _worker_start
    _worker_start = [(n, j) for n, j in _worker_start if n != name] + [(name, job)]


def worker_start_jobs() -> list[tuple[str, Callable[[], str | None]]]:
    return list(_worker_start)


# Providers: a lower app states what it needs (for example the Charter pages need facts about
# an organisation's action plans) and the app that owns those facts provides them.
_providers: dict[str, Callable[..., Any]] = {}


def register_provider(name: str, provider: Callable[..., Any]) -> None:
    _providers[name] = provider


def provide(name: str, *args, **kwargs):
    """Call the provider registered under ``name``; a missing one is a wiring error."""
    try:
        provider = _providers[name]
    except KeyError:
        raise LookupError(f"no provider registered for {name!r}") from None
    return provider(*args, **kwargs)


# Personal data: each app that refers to people says what it holds about one, so a person's
# export is complete while organisations (which owns people) imports none of those apps.
_personal_data: dict[str, Callable[[Any], Any]] = {}


def register_personal_data(key: str, collect: Callable[[Any], Any]) -> None:
    """Add ``key`` to every person's export: ``collect(person)`` returns JSON-ready data."""
    _personal_data[key] = collect


def personal_data_for(person) -> dict[str, Any]:
    """What every registered app holds about ``person``, by key, in key order."""
    return {key: collect(person) for key, collect in sorted(_personal_data.items())}


# Public data: the public pages are cached by a fingerprint of the tables they read. An app whose
# data a public page shows through a section names the table here, so the pages change with it.
_public_sources: dict[str, tuple[Any, str]] = {}


def register_public_source(key: str, model, field: str) -> None:
    """Count ``model`` (and its latest ``field``, a date-time) in the public pages' version.

    Choose the field that changes when what the public sees changes (a report's ``sent_at``,
    not its ``updated_at``, which moves with every step of generating a draft)."""
    _public_sources[key] = (model, field)


def public_sources() -> list[tuple[Any, str]]:
    """The registered (model, field) pairs, in key order."""
    return [_public_sources[key] for key in sorted(_public_sources)]


def register_nav(item: NavItem) -> None:
    """Add (or replace, by key) an entry of the main navigation."""
    _nav[item.key] = item


def nav_for(request: HttpRequest) -> list[tuple[str, str, bool]]:
    """The navigation as this request sees it: (label, url, current) in order."""
    entries = []
    for item in sorted(_nav.values(), key=lambda entry: (entry.order, entry.key)):
        url = item.url(request)
        if url:
            entries.append((str(item.label), url, bool(item.active(request))))
    return entries
