"""What the library adds to other apps' pages (registered in ``apps.ready``)."""

from __future__ import annotations

from . import selectors


def article_practices(request, article) -> dict | None:
    """On a Charter article's page: the published practices tagged with it."""
    return {"article": article, "practices": selectors.practices_for_article(article)}


def article_plans(request, article) -> dict | None:
    """On a Charter article's page: the published plans that prioritise it."""
    return {"article": article, "plans": selectors.plans_prioritising(article)}
