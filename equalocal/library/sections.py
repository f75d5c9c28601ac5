"""What the library adds to other apps' pages (registered in ``apps.ready``)."""

from __future__ import annotations

from . import selectors


def article_practices(request, article) -> dict | None:
    """On a Charter article's page: the published practices tagged with it."""
    return {"article": article, "practices": selectors.practices_for_article(article)}


def article_plans(request, article) -> dict | None:
    """On a Charter article's page: the published plans that prioritise it."""
    return {"article": article, "plans": selectors.plans_prioritising(article)}


def public_profile_practices(request, organisation) -> dict | None:
    """On the public profile: the organisation's published good practices."""
    practices, total = selectors.published_practices_of(organisation)
    if not practices:
        return None
    return {"organisation": organisation, "practices": practices, "total": total}


def home_library(request, organisation) -> dict | None:
    """On a member's home page: the way to the organisation's practices and events, with the
    practices waiting for an admin's review."""
    from equalocal.organisations import permissions

    if organisation is None or not permissions.can_view_internal(request.user, organisation):
        return None
    return {
        "organisation": organisation,
        "in_review": selectors.practices_in_review(organisation),
        "can_review": permissions.can_manage(request.user, organisation),
    }
