"""What the indicators app shows on other apps' pages (registered in ``apps.py``)."""

from __future__ import annotations

from .selectors import plan_evidence


def plan_indicators(request, plan) -> dict | None:
    """The indicators linked to a plan's goals or activities: the evidence it shows."""
    evidence = plan_evidence(plan)
    return {"evidence": evidence, "organisation": plan.organisation} if evidence else None
