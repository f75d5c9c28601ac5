"""Helpers the plans views share."""

from django.utils.http import url_has_allowed_host_and_scheme

from equalocal.organisations import permissions

from ..models import ActivityStatus


def next_url(request, default: str) -> str:
    """Where a plain form goes back to: a safe ``next`` from the form, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def status_choices() -> list[tuple[str, str]]:
    """Status choices with their labels translated once, not once per row of a long table."""
    return [(value, str(label)) for value, label in ActivityStatus.choices]


def may_edit(request, organisation) -> bool:
    return permissions.can_edit(request.user, organisation)
