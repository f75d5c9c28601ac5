"""Charter commitments and their steps: public when the organisation publishes them."""

from __future__ import annotations

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from equalocal.charters.models import Commitment
from equalocal.charters.selectors import published_commitments_for_user

from ..auth import public
from ..errors import ERRORS
from ..inputs import Text

router = Router(tags=["commitments"])


class StepOut(Schema):
    id: int
    status: str
    date: date
    deciding_body: str
    paragraph: str
    case_number: str
    source_url: str


class CommitmentOut(Schema):
    id: int
    charter: str
    status: str
    decided_on: date | None
    signed_on: date | None
    signed_by: str
    plan_deadline: date | None
    steps: list[StepOut]


class CommitmentList(Schema):
    items: list[CommitmentOut]


def _out(commitment: Commitment) -> dict:
    return {
        "id": commitment.pk,
        "charter": commitment.charter.code,
        "status": commitment.status,
        "decided_on": commitment.decided_on,
        "signed_on": commitment.signed_on,
        "signed_by": commitment.signed_by,
        "plan_deadline": commitment.plan_deadline,
        "steps": [
            {
                "id": step.pk,
                "status": step.status,
                "date": step.date,
                "deciding_body": step.deciding_body,
                "paragraph": step.paragraph,
                "case_number": step.case_number,
                "source_url": step.source_url,
            }
            for step in commitment.steps.all()
        ],
    }


@router.get(
    "/organisations/{slug}/commitments",
    response={200: CommitmentList, **ERRORS},
    auth=public,
    url_name="commitments",
)
def list_commitments(request, slug: Text):
    """The organisation's Charter commitments with their steps (a handful per organisation,
    one per Charter text, so not paged). Public when the organisation publishes its
    commitment; otherwise for its members only."""
    rows = published_commitments_for_user(request.user, slug)
    return {"items": [_out(c) for c in rows]}


@router.get(
    "/organisations/{slug}/commitments/{commitment_id}",
    response={200: CommitmentOut, **ERRORS},
    auth=public,
    url_name="commitment",
)
def get_commitment(request, slug: Text, commitment_id: int):
    """One commitment with its steps."""
    return _out(
        get_object_or_404(published_commitments_for_user(request.user, slug), pk=commitment_id)
    )
