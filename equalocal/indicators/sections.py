"""What the indicators app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from django.urls import reverse

from .selectors import plan_evidence


def plan_indicators(request, plan) -> dict | None:
    """The indicators linked to a plan's goals or activities: the evidence it shows."""
    evidence = plan_evidence(plan)
    return {"evidence": evidence, "organisation": plan.organisation} if evidence else None


def indicators_nav_url(request) -> str | None:
    """The organisation's scorecards when it has a current one; else the indicator list."""
    if not request.user.is_authenticated:
        return None
    organisation = getattr(request, "organisation", None)
    if organisation is not None:
        return reverse("indicators:scorecards", kwargs={"org": organisation.slug})
    return reverse("indicators:list")
