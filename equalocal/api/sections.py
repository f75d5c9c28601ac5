"""What the API app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from .selectors import tokens_of


def profile_tokens(request, user) -> dict | None:
    """A link to the API token settings on the profile page, with the count of active ones."""
    if not request.user.is_authenticated:
        return None
    return {"active_tokens": tokens_of(request.user).filter(revoked_at__isnull=True).count()}
