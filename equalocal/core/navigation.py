"""Helpers for the apps' navigation entries (see ``registry.register_nav``)."""

from __future__ import annotations

from django.urls import reverse


def match(request, *, app: str | None = None, names: tuple[str, ...] = (), exclude=()) -> bool:
    """Whether the page shown is in ``app`` (and, if given, one of the url ``names``)."""
    resolved = getattr(request, "resolver_match", None)
    if resolved is None:
        return False
    if app is not None and resolved.app_name != app:
        return False
    if names and resolved.url_name not in names:
        return False
    return resolved.url_name not in exclude


def org_url(name: str):
    """A link to ``name`` for the organisation the user works in, if any."""

    def url(request) -> str | None:
        organisation = getattr(request, "organisation", None)
        return reverse(name, kwargs={"org": organisation.slug}) if organisation else None

    return url


def signed_in_url(name: str):
    def url(request) -> str | None:
        return reverse(name) if request.user.is_authenticated else None

    return url
