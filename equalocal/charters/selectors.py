"""Reads of the Charter texts and of commitments, with the access helper for commitments."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from equalocal.core.registry import provide
from equalocal.organisations import permissions
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import Change, changes_for

from .compliance import CharterPlans, CheckLine, compliance_checklist
from .deadlines import DeadlineState, provisional_deadline
from .models import Article, CharterText, Commitment, CommitmentStatus, CommitmentStep, Section


def charter_texts():
    return list(CharterText.objects.order_by("-year"))


def current_charter() -> CharterText | None:
    return CharterText.objects.filter(is_current=True).order_by("-year").first()


EXPLANATIONS_FILE = Path(__file__).parent / "data" / "article_explanations.json"


@lru_cache(maxsize=1)
def _explanations() -> dict:
    return json.loads(EXPLANATIONS_FILE.read_text(encoding="utf-8"))


def get_article(charter: CharterText, number: int) -> Article:
    """An article of a Charter text by number; reference data, readable by everyone."""
    return get_object_or_404(
        Article.objects.select_related("charter", "section"), charter=charter, number=number
    )


@dataclass(frozen=True)
class ArticleExplanation:
    text: str
    official_url: str


def article_explanation(article: Article) -> ArticleExplanation:
    """The short explanation of an article in the active language (empty when none is
    written yet), with the link to the official text."""
    data = _explanations()
    entry = data["texts"].get(article.charter.code, {}).get(str(article.number), {})
    language = (get_language() or "en").split("-")[0]
    return ArticleExplanation(
        text=entry.get(language) or entry.get("en", ""), official_url=data["official_url"]
    )


def get_charter_text(code: str) -> CharterText:
    """A Charter text by code; reference data, readable by everyone."""
    return get_object_or_404(CharterText, code=code)


def charter_sections(charter: CharterText) -> list[Section]:
    """Sections in order, each with its articles prefetched (two queries)."""
    return list(
        charter.sections.order_by("order").prefetch_related(
            Prefetch("articles", queryset=Article.objects.order_by("number"))
        )
    )


# Commitments ------------------------------------------------------------------------------------


def get_commitment_for_user(
    user, org_slug: str, commitment_pk: int, *, action: str = Action.VIEW
) -> Commitment:
    """A commitment of the organisation with its steps.

    Commitments are internal: non-members get 404; members below ``action``
    (Action.EDIT to change it or add a step) get 403.
    """
    commitment = get_object_or_404(
        Commitment.objects.select_related("organisation", "charter").prefetch_related("steps"),
        pk=commitment_pk,
        organisation__slug=org_slug,
    )
    permissions.require(user, commitment.organisation, action)
    return commitment


def published_commitments_for_user(user, org_slug: str) -> QuerySet:
    """The organisation's commitments, oldest Charter text first, with their steps in date
    order: anyone's when the organisation publishes its commitment, otherwise its
    members' (404 for others)."""
    from equalocal.organisations.models import Organisation, Shared

    organisation = get_object_or_404(Organisation, slug=org_slug)
    public = permissions.published(organisation, Shared.COMMITMENT)
    permissions.require(user, organisation, Action.VIEW, public=public)
    return (
        Commitment.objects.filter(organisation=organisation)
        .select_related("charter")
        .prefetch_related(Prefetch("steps", queryset=CommitmentStep.objects.order_by("date", "pk")))
        .order_by("charter__year", "pk")
    )


def commitments_of(organisation) -> list[Commitment]:
    return list(
        organisation.commitments.select_related("charter")
        .prefetch_related("steps")
        .order_by("-charter__year")
    )


def active_commitment(organisation) -> Commitment | None:
    """The commitment that drives the deadline: the newest one not withdrawn."""
    for commitment in commitments_of(organisation):
        if commitment.status != CommitmentStatus.WITHDRAWN:
            return commitment
    return None


@dataclass(frozen=True)
class CommitmentDeadline:
    """The action-plan deadline as a page shows it.

    ``provisional`` is true when the date counts from a recommendation to sign,
    because no decision or signature date is recorded yet.
    """

    state: DeadlineState
    provisional: bool

    @property
    def days_overdue(self) -> int | None:
        return -self.state.days_left if self.state.overdue else None


def commitment_deadline(
    commitment: Commitment,
    *,
    plan_adopted_on: date | None,
    today: date,
    recommended_on: date | None = None,
) -> CommitmentDeadline:
    """The deadline from the decision or signature; before them, the provisional one.

    ``recommended_on`` (the latest recommendation to sign, read for many commitments at once)
    saves reading the commitment's steps; without it they are read."""
    deadline = commitment.plan_deadline
    provisional = False
    if deadline is None:
        if recommended_on is not None and commitment.status == CommitmentStatus.RECOMMENDED:
            deadline = provisional_deadline(recommended_on=recommended_on)
        else:
            deadline = commitment.provisional_plan_deadline
        provisional = deadline is not None
    return CommitmentDeadline(
        state=DeadlineState(deadline=deadline, plan_adopted_on=plan_adopted_on, today=today),
        provisional=provisional,
    )


@dataclass(frozen=True)
class CommitmentOverview:
    commitment: Commitment
    deadline: CommitmentDeadline
    checklist: list[CheckLine]
    plans: list

    @property
    def checklist_applies(self) -> bool:
        """Part II binds signatories: once the decision to sign is taken, until a withdrawal."""
        return self.commitment.status in {CommitmentStatus.DECIDED, CommitmentStatus.SIGNED}


def charter_plans(organisation) -> CharterPlans:
    """The organisation's Charter action plans, as the plans app provides them."""
    return provide("charter_plans", organisation)


def commitment_overview(
    commitment: Commitment, *, today: date, plans: CharterPlans | None = None
) -> CommitmentOverview:
    """The deadline and the Part II checklist of a commitment, in a fixed number of queries.

    The one computation every page shows; ``plans`` are loaded when not given.
    """
    if plans is None:
        plans = charter_plans(commitment.organisation)
    return CommitmentOverview(
        commitment=commitment,
        deadline=commitment_deadline(
            commitment, plan_adopted_on=plans.first_adopted_on, today=today
        ),
        checklist=compliance_checklist(
            commitment=commitment,
            plans=plans.plans,
            last_progress_on=plans.last_progress_on,
            today=today,
        ),
        plans=plans.plans,
    )


@dataclass(frozen=True)
class CommitmentRow:
    commitment: Commitment
    deadline: CommitmentDeadline


def commitment_rows(organisation, *, today: date) -> list[CommitmentRow]:
    """The organisation's commitments, each with its deadline, for the list page."""
    adopted = charter_plans(organisation).first_adopted_on
    return [
        CommitmentRow(
            commitment=item,
            deadline=commitment_deadline(item, plan_adopted_on=adopted, today=today),
        )
        for item in commitments_of(organisation)
    ]


def commitment_history(commitment: Commitment, *, limit: int = 100) -> list[Change]:
    """The audit trail of the commitment and its steps, newest first."""
    label = _("Commitment to the %(year)s text") % {"year": commitment.charter.year}
    changes = changes_for(
        Commitment.history.filter(id=commitment.pk),
        str(Commitment._meta.verbose_name),
        lambda record: label,
    ) + changes_for(
        CommitmentStep.history.filter(commitment_id=commitment.pk),
        str(CommitmentStep._meta.verbose_name),
        lambda record: f"{record.get_status_display()} {record.date:%Y-%m-%d}",
    )
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
