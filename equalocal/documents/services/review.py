"""Review of extracted items: accept (creating or updating data), correct, reject.

Nothing a document says changes other data until a person accepts the item. Accepting goes
through the owning apps' services (``charters.services``, ``plans.services``), so their rules
and audit trail apply, and records the object created or updated in ``item.target``: the
provenance link back to the document and page.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.locking import claim_lock
from equalocal.docmine.types import UNKNOWN, DecisionStatus, DecisionType

from ..models import Document, ExtractedItem, ItemKind, ItemStatus, Stage

DECISION_FIELDS = {
    "organisation",
    "organisation_id",
    "country",
    "decision_date",
    "signing_date",
    "proposal_date",
    "deciding_body",
    "paragraph",
    "case_number",
    "decision_type",
    "status",
    "evidence",
}
ACTION_ROW_FIELDS = {"goal", "activity", "responsible", "timeframe", "status", "charter_article"}
DATE_FIELDS = {"decision_date", "signing_date", "proposal_date"}


# Values -----------------------------------------------------------------------------------------


def _known(value) -> str:
    """A field's text, or "" when the extractor did not find it."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return "" if text.lower() == UNKNOWN else text


def _full_date(value) -> date | None:
    text = _known(value)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _validate_date(name: str, value) -> str:
    text = _known(value)
    if not text:
        return UNKNOWN
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        parts = [int(p) for p in text.split("-")]
        try:
            date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return text
    raise ApplicationError(_("Write the date as YYYY-MM-DD (for example 2024-10-01)."), field=name)


def _clean_corrections(item: ExtractedItem, corrections: dict) -> dict:
    """Only the item's own fields, with dates and choices checked."""
    allowed = DECISION_FIELDS if item.kind == ItemKind.DECISION else ACTION_ROW_FIELDS
    clean = {}
    for name, value in corrections.items():
        if name not in allowed:
            raise ApplicationError(
                _("“%(field)s” is not a field of this item.") % {"field": name}, field=name
            )
        if name in DATE_FIELDS:
            clean[name] = _validate_date(name, value)
        elif name == "decision_type":
            if value not in DecisionType:
                raise ApplicationError(_("Choose a type of decision from the list."), field=name)
            clean[name] = value
        elif name == "status" and item.kind == ItemKind.DECISION:
            if value not in DecisionStatus:
                raise ApplicationError(_("Choose a status from the list."), field=name)
            clean[name] = value
        elif name == "organisation_id":
            clean[name] = _organisation_id(value)
        else:
            clean[name] = _known(value) or UNKNOWN
    return clean


def _organisation_id(value) -> int | None:
    from equalocal.organisations.models import Organisation

    if value in (None, ""):
        return None
    try:
        pk = int(value)
    except (TypeError, ValueError):
        pk = None
    if pk is None or not Organisation.objects.filter(pk=pk).exists():
        raise ApplicationError(_("Choose an organisation from the list."), field="organisation_id")
    return pk


def _source_note(item: ExtractedItem) -> str:
    evidence = _known(item.values.get("evidence")) or _known(item.evidence)
    if item.page:
        source = _("From document “%(title)s”, page %(page)s.") % {
            "title": item.document.title,
            "page": item.page,
        }
    else:
        source = _("From document “%(title)s”.") % {"title": item.document.title}
    return f"{evidence}\n\n{source}".strip() if evidence else source


def _raise_validation(error: ValidationError):
    """A model's ValidationError as the one error type views know, keeping the first field."""
    if hasattr(error, "message_dict"):
        field, messages = next(iter(error.message_dict.items()))
        raise ApplicationError(" ".join(messages), field=field) from error
    raise ApplicationError(" ".join(error.messages)) from error


# Decisions --------------------------------------------------------------------------------------


def _decision_organisation(item: ExtractedItem, values: dict, by):
    """The organisation the decision is recorded for.

    A name the reviewer typed is looked up among the registered organisations; otherwise the
    extracted match is used, or the document's own organisation. Recording a decision for an
    organisation the reviewer cannot edit is refused, with the field to correct.
    """
    from equalocal.organisations.models import Organisation
    from equalocal.organisations.permissions import can_edit

    document_org = item.document.organisation
    typed = (
        _known(item.corrected.get("organisation"))
        if "organisation_id" not in item.corrected
        else ""
    )
    if typed:
        found = Organisation.objects.filter(name__iexact=typed.strip()).first()
        if found is None:
            raise ApplicationError(
                _(
                    "No organisation called “%(name)s” is registered. Give its name as registered, "
                    "or reject the item."
                )
                % {"name": typed},
                field="organisation",
            )
        pk = found.pk
    else:
        pk = values.get("organisation_id")
    if not pk or pk == document_org.pk:
        return document_org
    matched = Organisation.objects.filter(pk=pk).first()
    if matched is None:
        return document_org
    if by is not None and not can_edit(by, matched):
        raise ApplicationError(
            _(
                "You cannot record decisions for %(name)s. Correct the organisation, or reject "
                "the item."
            )
            % {"name": matched.name},
            field="organisation",
        )
    return matched


def _charter_for(day: date | None):
    from equalocal.charters.models import CharterText

    texts = CharterText.objects.order_by("-year")
    if day is not None:
        text = texts.filter(year__lte=day.year).first()
        if text is not None:
            return text
    return texts.filter(is_current=True).first() or texts.first()


def _commitment_for(organisation, day: date | None, by):
    from equalocal.charters.models import Commitment
    from equalocal.charters.services import commitment_save

    existing = (
        Commitment.objects.filter(organisation=organisation)
        .select_related("charter")
        .order_by("-charter__year")
        .first()
    )
    if existing is not None:
        return existing
    charter = _charter_for(day)
    if charter is None:
        raise ApplicationError(_("The Charter texts are not loaded; ask the site's staff."))
    try:
        return commitment_save(
            commitment=Commitment(organisation=organisation, charter=charter), by=by
        )
    except ValidationError as error:
        _raise_validation(error)


def _accept_signing(item: ExtractedItem, values: dict, by):
    from equalocal.charters.models import CommitmentStatus
    from equalocal.charters.services import commitment_add_step

    status = values.get("status") or DecisionStatus.ADOPTED
    if status == DecisionStatus.REJECTED:
        return None
    day = _full_date(values.get("decision_date"))
    signed = _full_date(values.get("signing_date"))
    if status == DecisionStatus.ADOPTED and day is None and signed is not None:
        day = signed
    if status != DecisionStatus.ADOPTED and day is None:
        # A recommendation is dated by the day it was made; the council has not decided yet.
        day = _full_date(values.get("proposal_date"))
    if day is None and status != DecisionStatus.ADOPTED:
        raise ApplicationError(
            _("Give the full date of the proposal (YYYY-MM-DD) before accepting it."),
            field="proposal_date",
        )
    if day is None:
        raise ApplicationError(
            _("Give the full date of the decision (YYYY-MM-DD) before accepting it."),
            field="decision_date",
        )
    step_status = {
        DecisionStatus.ADOPTED: CommitmentStatus.DECIDED,
        DecisionStatus.PROPOSED: CommitmentStatus.RECOMMENDED,
        DecisionStatus.ON_AGENDA: CommitmentStatus.CONSIDERING,
    }.get(status, CommitmentStatus.CONSIDERING)
    if status == DecisionStatus.ADOPTED and signed is not None and signed == day:
        step_status = CommitmentStatus.SIGNED
    organisation = _decision_organisation(item, values, by)
    commitment = _commitment_for(organisation, day, by)
    step = commitment.steps.filter(status=step_status, date=day).first()
    if step is None:
        step = commitment_add_step(
            commitment=commitment,
            status=step_status,
            date=day,
            deciding_body=_known(values.get("deciding_body"))[:200],
            paragraph=_known(values.get("paragraph"))[:40],
            case_number=_known(values.get("case_number"))[:60],
            note=_source_note(item),
            by=by,
        )
    signed_later = step_status == CommitmentStatus.DECIDED and signed is not None and signed > day
    if signed_later and not commitment.steps.filter(status=CommitmentStatus.SIGNED).exists():
        commitment_add_step(
            commitment=commitment,
            status=CommitmentStatus.SIGNED,
            date=signed,
            note=_source_note(item),
            by=by,
        )
    return step


# A working group's annual plan (sample 002) names itself so in its title or opening lines.
OPERATIONAL_PLAN = re.compile(
    r"\b(verksamhetsplan\w*|operational plan|annual (?:work |operational )?plan|work ?plan)\b",
    re.IGNORECASE,
)


def _imported_plan_kind(document) -> str:
    """Operational when the document calls itself an annual or operational plan; else a Charter
    plan when it concerns the Charter, else another plan."""
    from equalocal.plans.models import PlanKind

    first_page = document.pages.order_by("number").values_list("text", flat=True).first() or ""
    if OPERATIONAL_PLAN.search(f"{document.title}\n{first_page[:2000]}"):
        return PlanKind.OPERATIONAL
    return PlanKind.CHARTER if document.cemr_related else PlanKind.OTHER


def _accept_plan_adoption(item: ExtractedItem, values: dict, by, plan):
    from equalocal.plans.models import ActionPlan, PlanKind, PlanStatus
    from equalocal.plans.services import plan_save

    status = values.get("status") or DecisionStatus.ADOPTED
    if status == DecisionStatus.REJECTED:
        return None
    organisation = _decision_organisation(item, values, by)
    if plan is None:
        plan = ActionPlan(
            organisation=organisation,
            title=item.document.title[:300],
            kind=PlanKind.CHARTER,
            status=PlanStatus.DRAFT,
        )
    if status == DecisionStatus.ADOPTED:
        day = _full_date(values.get("decision_date"))
        if day is None:
            raise ApplicationError(
                _("Give the full date of the decision (YYYY-MM-DD) before accepting it."),
                field="decision_date",
            )
        plan.status = PlanStatus.ADOPTED
        plan.adopted_on = day
        plan.adopted_by = _known(values.get("deciding_body"))[:200] or plan.adopted_by
        plan.adoption_case_number = (
            _known(values.get("case_number"))[:60] or plan.adoption_case_number
        )
    elif plan.pk is None:
        plan.status = (
            PlanStatus.CONSULTATION if status == DecisionStatus.PROPOSED else PlanStatus.DRAFT
        )
    if plan.pk is None:
        plan.purpose = _source_note(item)
    try:
        return plan_save(plan=plan, by=by)
    except ValidationError as error:
        _raise_validation(error)


# Action rows ------------------------------------------------------------------------------------


def timeframe_dates(text: str, language: str | None = None) -> tuple[date | None, date | None]:
    """Start and end dates from a timeframe as written: "januari – april 2014", "2015–2016",
    "2024-03-01 – 2024-06-30", "Q2 2025", "HT 2025", "vecka 12 2026" (see
    ``docmine.extraction.periods``). Unparseable text gives (None, None)."""
    from equalocal.docmine.extraction.periods import period_dates

    return period_dates(_known(text), language or None)


_ACTIVITY_STATUS_WORDS = [
    ("cancelled", ("cancel", "inställ", "avbru", "stryk", "struk", "peru", "abgesagt", "annul")),
    ("done", ("done", "klar", "genomför", "complete", "finish", "slutför", "erledigt", "valmis", "utført", "gennemført", "réalisé", "realizado", "zrealiz")),
    ("delayed", ("delay", "försen", "försen", "verzög", "myöhäs", "forsink", "retard")),
    ("in_progress", ("progress", "pågå", "påbörj", "ongoing", "started", "laufend", "käynnis", "i gang", "en cours", "en curso", "in corso", "w trakcie")),
    ("planned", ("plan", "ej påbörj", "not started", "geplant", "suunnit", "prévu")),
]  # fmt: skip


def activity_status_from(text: str) -> str | None:
    """An ActivityStatus value for a status as written in a table, when it is recognisable."""
    text = _known(text).lower()
    if not text:
        return None
    if (text.startswith(("ej ", "inte ")) and "påbörj" in text) or "not started" in text:
        return "planned"
    for status, words in _ACTIVITY_STATUS_WORDS:
        if any(word in text for word in words):
            return status
    return None


def _plan_for_rows(item: ExtractedItem, by):
    """The draft plan this document's rows go to: the one made for an earlier row, or a new one."""
    from django.contrib.contenttypes.models import ContentType

    from equalocal.plans.models import ActionPlan, Activity, PlanStatus
    from equalocal.plans.services import plan_save

    activity_type = ContentType.objects.get_for_model(Activity)
    earlier = (
        ExtractedItem.objects.filter(
            document_id=item.document_id,
            kind=ItemKind.ACTION_ROW,
            status=ItemStatus.ACCEPTED,
            target_type=activity_type,
        )
        .exclude(pk=item.pk)
        .values_list("target_id", flat=True)
    )
    plan = (
        ActionPlan.objects.filter(activities__pk__in=list(earlier), deleted_at__isnull=True)
        .order_by("pk")
        .first()
    )
    if plan is not None:
        return plan
    document = item.document
    return plan_save(
        plan=ActionPlan(
            organisation=document.organisation,
            title=document.title[:300],
            kind=_imported_plan_kind(document),
            status=PlanStatus.DRAFT,
            purpose=_("Draft made from the activity table of the document “%(title)s”.")
            % {"title": document.title},
        ),
        by=by,
    )


def _goal_in(plan, title: str, by):
    from equalocal.plans.models import Goal
    from equalocal.plans.services import goal_save

    title = title[:400]
    goal = plan.goals.filter(title__iexact=title).first()
    return goal or goal_save(goal=Goal(plan=plan, title=title), by=by)


def _accept_action_row(item: ExtractedItem, values: dict, by, plan):
    from equalocal.plans.models import DEFAULT_PROGRESS, Activity, ActivityStatus, Timing
    from equalocal.plans.services import activity_save

    title = _known(values.get("activity"))
    if not title:
        raise ApplicationError(
            _("Give the activity a title before accepting it."), field="activity"
        )
    if plan is None:
        plan = _plan_for_rows(item, by)
    goal_title = _known(values.get("goal"))
    goal = _goal_in(plan, goal_title, by) if goal_title else None
    timeframe = _known(values.get("timeframe"))
    start, end = timeframe_dates(timeframe, item.document.language)
    status = activity_status_from(values.get("status")) or ActivityStatus.PLANNED
    activity = Activity(
        plan=plan,
        goal=goal,
        title=title[:400],
        responsible_unit=_known(values.get("responsible"))[:200],
        timing=Timing.DATED if start else Timing.ONGOING if timeframe else Timing.DATED,
        timing_note=timeframe[:120],
        start_date=start,
        end_date=end,
        status=status,
        progress=DEFAULT_PROGRESS[ActivityStatus(status)],
        comment=_source_note(item),
    )
    try:
        return activity_save(
            activity=activity, by=by, articles=_articles_named(values.get("charter_article"), plan)
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "start_date" in error.error_dict:
            # The row's dates come from its timeframe: that is the field to correct.
            error.error_dict = {"timeframe": error.error_dict.pop("start_date"), **error.error_dict}
        _raise_validation(error)


def _articles_named(text, plan) -> list:
    """The Charter articles a row names ("Art. 12", "Artikel 6, 24"), in the plan's Charter."""
    from equalocal.charters.models import Article

    numbers = {int(n) for n in re.findall(r"\b(\d{1,2})\b", _known(text))}
    if not numbers:
        return []
    charter_id = plan.commitment.charter_id if plan.commitment_id else None
    articles = Article.objects.filter(number__in=numbers)
    if charter_id:
        return list(articles.filter(charter_id=charter_id))
    return list(articles.filter(charter__is_current=True))


# Services ---------------------------------------------------------------------------------------


def _mark_document_reviewed(document: Document) -> None:
    if not document.items.filter(status=ItemStatus.PENDING).exists():
        Document.objects.filter(pk=document.pk, stage=Stage.REVIEW).update(stage=Stage.REVIEWED)


def _check_plan(plan, by) -> None:
    from equalocal.organisations.permissions import can_edit

    if plan is not None and by is not None and not can_edit(by, plan.organisation):
        raise ApplicationError(_("You cannot change that plan."), field="plan")


@transaction.atomic
def item_accept(
    *,
    item: ExtractedItem,
    by,
    corrections: dict | None = None,
    lock_version: int | None = None,
    plan=None,
) -> ExtractedItem:
    """Accept an extracted item, with the reviewer's corrections, and apply it.

    - A decision to sign the Charter adds a step to the organisation's commitment
      (created when there is none): adopted → decided (signed when the signing date is
      the decision date), proposed → recommended, on the agenda → considering.
    - A decision to adopt an action plan marks ``plan`` adopted, or creates the plan.
    - Other decisions, and rejected proposals, are accepted as a record only.
    - An action row becomes an activity in ``plan`` or, without one, in a draft plan made
      for the document (one per document), under a goal of the same title.

    The object created or updated becomes ``item.target``. Corrections are checked
    (dates, choices; only the item's fields) and kept apart from what was extracted.
    A stale ``lock_version`` raises ConcurrentEditError; any refusal saves nothing.
    """
    if item.status == ItemStatus.ACCEPTED:
        raise ApplicationError(_("This item has already been accepted."))
    _check_plan(plan, by)
    clean = _clean_corrections(item, corrections or {})
    claim_lock(ExtractedItem, item, lock_version)
    item.corrected = {**item.corrected, **clean}
    values = item.values
    target = None
    if item.kind == ItemKind.DECISION:
        decision_type = values.get("decision_type")
        if decision_type == DecisionType.SIGN_CHARTER:
            target = _accept_signing(item, values, by)
        elif decision_type == DecisionType.ADOPT_ACTION_PLAN:
            target = _accept_plan_adoption(item, values, by, plan)
    else:
        target = _accept_action_row(item, values, by, plan)
    item.target = target
    item.status = ItemStatus.ACCEPTED
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    item.save()
    _mark_document_reviewed(item.document)
    return item


@transaction.atomic
def item_reject(*, item: ExtractedItem, by, lock_version: int | None = None) -> ExtractedItem:
    """Reject an extracted item: nothing is changed, and it is not offered again."""
    if item.status == ItemStatus.ACCEPTED:
        raise ApplicationError(
            _("This item has already been accepted; change the data it created instead.")
        )
    claim_lock(ExtractedItem, item, lock_version)
    item.status = ItemStatus.REJECTED
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "reviewed_by", "reviewed_at", "lock_version"])
    _mark_document_reviewed(item.document)
    return item


def items_accept_confident(*, document: Document, by, threshold: float = 0.8, plan=None) -> int:
    """Accept every pending item of ``document`` with a confidence of at least ``threshold``.

    An item that cannot be accepted as it stands (a date missing, say) stays pending
    for a person to correct. Returns the number accepted.
    """
    accepted = 0
    pending = document.items.filter(status=ItemStatus.PENDING, confidence__gte=threshold)
    for item in pending.order_by("kind", "order", "pk"):
        try:
            # The chosen plan receives activities; it is not the plan a decision adopts.
            item_accept(item=item, by=by, plan=plan if item.kind == ItemKind.ACTION_ROW else None)
        except ApplicationError:
            continue
        accepted += 1
    return accepted
