"""Writes for Charter commitments; views, the API and the demo call these."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.locking import claim_lock

from .models import Commitment, CommitmentStatus, CommitmentStep


def _ensure_one_per_text(commitment: Commitment) -> None:
    """Report a second commitment to the same text on the Charter field, naming the text."""
    if not commitment.organisation_id or not commitment.charter_id:
        return
    others = Commitment.objects.filter(
        organisation_id=commitment.organisation_id, charter_id=commitment.charter_id
    ).exclude(pk=commitment.pk)
    if others.exists():
        raise ValidationError(
            {
                "charter": _(
                    "%(org)s already has a commitment to the %(year)s text; open it and add a step instead."
                )
                % {"org": commitment.organisation.name, "year": commitment.charter.year}
            }
        )


@transaction.atomic
def commitment_save(
    *, commitment: Commitment, by=None, expected_lock_version: int | None = None
) -> Commitment:
    """Create or update a commitment; a stale ``expected_lock_version`` is refused.

    Raises ValidationError for bad dates (a signature before the decision) or a
    second commitment to the same Charter text, and ConcurrentEditError when
    someone else saved the commitment since ``expected_lock_version`` was read.
    """
    _ensure_one_per_text(commitment)
    commitment.full_clean()
    claim_lock(Commitment, commitment, expected_lock_version)
    if by is not None:
        commitment._history_user = by
    commitment.save()
    return commitment


def _d(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _check_step_date(commitment: Commitment, *, status: str, date) -> None:
    if date > timezone.localdate():
        raise ApplicationError(
            _("A step is recorded once it has taken place; the date cannot be in the future."),
            field="date",
        )
    # Only a step that sets the decision or signature date can contradict the other date.
    sets_signature = status == CommitmentStatus.SIGNED and commitment.signed_on is None
    sets_decision = status == CommitmentStatus.DECIDED and commitment.decided_on is None
    if sets_signature and commitment.decided_on and date < commitment.decided_on:
        raise ApplicationError(
            _("The Charter cannot be signed before the decision to sign it (%(decided)s).")
            % {"decided": _d(commitment.decided_on)},
            field="date",
        )
    if sets_decision and commitment.signed_on and date > commitment.signed_on:
        raise ApplicationError(
            _("The decision to sign cannot come after the signature (%(signed)s).")
            % {"signed": _d(commitment.signed_on)},
            field="date",
        )


# How far along the way to signing each status is; a withdrawal is handled by date.
STATUS_RANK = {
    CommitmentStatus.CONSIDERING: 0,
    CommitmentStatus.RECOMMENDED: 1,
    CommitmentStatus.DECIDED: 2,
    CommitmentStatus.SIGNED: 3,
}


def status_after_step(commitment: Commitment, step: CommitmentStep) -> str:
    """The commitment's status once ``step`` is recorded (see ``commitment_add_step``)."""
    later = commitment.steps.exclude(pk=step.pk).filter(date__gt=step.date)
    withdrawn_later = later.filter(status=CommitmentStatus.WITHDRAWN).exists()
    if step.status == CommitmentStatus.WITHDRAWN:
        return CommitmentStatus.WITHDRAWN if not later.exists() else commitment.status
    if commitment.status == CommitmentStatus.WITHDRAWN:
        # Before the withdrawal it changes nothing; after it, the way starts again.
        last_withdrawal = (
            commitment.steps.filter(status=CommitmentStatus.WITHDRAWN).order_by("-date").first()
        )
        if last_withdrawal is not None and step.date <= last_withdrawal.date:
            return commitment.status
        return step.status
    if withdrawn_later:
        return commitment.status
    current = STATUS_RANK.get(commitment.status, -1)
    return step.status if STATUS_RANK[step.status] > current else commitment.status


@transaction.atomic
def commitment_add_step(
    *,
    commitment: Commitment,
    status: str,
    date,
    deciding_body: str = "",
    paragraph: str = "",
    case_number: str = "",
    note: str = "",
    source_url: str = "",
    by=None,
) -> CommitmentStep:
    """Record a step (proposal, decision, signature, withdrawal) and move the status along.

    The commitment's status comes from its most advanced step, not the last one entered:
    recording a missed earlier decision on a signed commitment keeps it signed. A
    withdrawal counts when it is the latest step; a step after a withdrawal starts
    again. A decision to sign
    sets the decision date and a signature the signature date, unless those were
    already recorded, so the action-plan deadline follows the first decision. A
    step in the future, or a signature dated before the decision, is refused and
    nothing is saved. The commitment's lock version moves on, so anyone editing
    it at the same time is warned instead of overwriting the new status.
    """
    if status not in CommitmentStatus.values:
        raise ApplicationError(
            _("Unknown status: %(status)s.") % {"status": status}, field="status"
        )
    if date is None:
        raise ApplicationError(_("Give the date of the step."), field="date")
    _check_step_date(commitment, status=status, date=date)
    step = CommitmentStep(
        commitment=commitment,
        status=status,
        date=date,
        deciding_body=deciding_body,
        paragraph=paragraph,
        case_number=case_number,
        note=note,
        source_url=source_url,
    )
    step.full_clean()
    if by is not None:
        step._history_user = by
    step.save()
    getattr(commitment, "_prefetched_objects_cache", {}).pop("steps", None)
    if status == CommitmentStatus.DECIDED and commitment.decided_on is None:
        commitment.decided_on = date
    if status == CommitmentStatus.SIGNED and commitment.signed_on is None:
        commitment.signed_on = date
    commitment.status = status_after_step(commitment, step)
    claim_lock(Commitment, commitment, None)
    if by is not None:
        commitment._history_user = by
    # Only what the step changes: other fields may have been edited since the page was opened.
    commitment.save(
        update_fields=["status", "decided_on", "signed_on", "lock_version", "updated_at"]
    )
    return step
