"""Where an organisation stands with the Charter, in one place: which of its commitments
counts, and the status shown for it.

The public directory, the network pages and the reports all read these two rules, so a
member has the same status wherever it appears.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Commitment, CommitmentStatus

if TYPE_CHECKING:
    from .deadlines import DeadlineState

BINDING = frozenset({CommitmentStatus.DECIDED, CommitmentStatus.SIGNED})


class Standing(models.TextChoices):
    """Where a signatory stands: its commitment's status, with its action plan once bound."""

    CONSIDERING = "considering", _("Considering")
    RECOMMENDED = "recommended", _("Recommended")
    DECIDED = "decided", _("Decided")
    SIGNED = "signed", _("Signed")
    WITH_PLAN = "with_plan", _("With plan")
    OVERDUE = "overdue", _("Plan overdue")


def is_binding(commitment: Commitment) -> bool:
    """Part II binds the organisation: the decision to sign is taken (or it signed)."""
    return commitment.status in BINDING


def counting_commitments(commitments: Iterable[Commitment]) -> dict[int, Commitment]:
    """Each organisation's commitment that counts, by organisation id.

    ``commitments`` come newest Charter text first within each organisation; withdrawn ones
    are skipped. A signature stays valid when a newer text is only considered or
    recommended: the newest binding commitment counts first, else the newest one.
    """
    chosen: dict[int, Commitment] = {}
    for commitment in commitments:
        if commitment.status == CommitmentStatus.WITHDRAWN:
            continue
        current = chosen.get(commitment.organisation_id)
        if current is None or (not is_binding(current) and is_binding(commitment)):
            chosen[commitment.organisation_id] = commitment
    return chosen


def standing(commitment: Commitment, deadline: DeadlineState, *, has_plan: bool) -> Standing:
    """The status shown for the counting commitment: before the decision, its own status;
    once bound, "with plan" when an action plan is adopted, "plan overdue" when the deadline
    passed without one, else decided or signed."""
    if not is_binding(commitment):
        return Standing(commitment.status)
    if has_plan:
        return Standing.WITH_PLAN
    if deadline.overdue:
        return Standing.OVERDUE
    return Standing(commitment.status)
