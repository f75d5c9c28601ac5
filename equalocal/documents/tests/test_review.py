"""Review: accepting creates or updates data with provenance; nothing changes before that."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from equalocal.charters.models import Commitment, CommitmentStatus, CommitmentStep
from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.documents.models import ItemStatus, Stage
from equalocal.documents.services import item_accept, item_reject, items_accept_confident
from equalocal.documents.services.review import activity_status_from, timeframe_dates
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus, PlanStatus
from equalocal.plans.services import plan_save
from tests.factories import (
    DocumentFactory,
    ExtractedItemFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    user = UserFactory()
    user.org = OrganisationFactory(name="Ragunda kommun")
    MembershipFactory(user=user, organisation=user.org, role="editor")
    return user


def _row(document, **data):
    base = {"goal": "Jämställd service", "activity": "Utbildning", "responsible": "HR",
            "timeframe": "januari – april 2014", "status": "unknown", "charter_article": "unknown",
            "confidence": 0.9, "page": 2}  # fmt: skip
    return ExtractedItemFactory(document=document, kind="action_row", data={**base, **data})


def test_accepting_a_decision_to_sign_adds_a_commitment_step_with_provenance(editor):
    document = DocumentFactory(organisation=editor.org, title="KSAU protokoll")
    item = ExtractedItemFactory(document=document)
    assert not Commitment.objects.exists()
    item = item_accept(item=item, by=editor, lock_version=item.lock_version)
    step = CommitmentStep.objects.get()
    assert item.target == step
    assert item.status == ItemStatus.ACCEPTED and item.reviewed_by == editor
    assert step.commitment.organisation == editor.org
    assert step.status == CommitmentStatus.DECIDED
    assert step.date == date(2024, 10, 1)
    assert (step.deciding_body, step.paragraph, step.case_number) == (
        "Kommunstyrelsen",
        "§ 62",
        "KS 2024/108",
    )
    assert "KSAU protokoll" in step.note and "page 1" in step.note
    assert step.commitment.decided_on == date(2024, 10, 1)
    document.refresh_from_db()
    assert document.stage == Stage.REVIEWED  # its only item is reviewed


def test_a_proposal_to_sign_becomes_a_recommendation(editor):
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data["status"] = "proposed"
    item.save()
    step = item_accept(item=item, by=editor).target
    assert step.status == CommitmentStatus.RECOMMENDED


def test_a_proposal_is_dated_by_the_day_it_was_proposed(editor):
    """The extractor leaves a proposal's decision date unknown (the council has not decided)
    and keeps the proposing body's day apart: the recommendation takes that day."""
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data.update(status="proposed", decision_date="unknown", proposal_date="unknown")
    item.save()
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor)
    assert error.value.field == "proposal_date"
    assert "proposal" in error.value.message
    step = item_accept(item=item, by=editor, corrections={"proposal_date": "2024-09-24"}).target
    assert (step.status, step.date) == (CommitmentStatus.RECOMMENDED, date(2024, 9, 24))


def test_decision_for_an_organisation_the_reviewer_cannot_edit_is_refused(editor):
    other = OrganisationFactory(name="Annan kommun")
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data["organisation_id"] = other.pk
    item.save()
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor)
    assert error.value.field == "organisation"
    assert not CommitmentStep.objects.exists()
    # Correcting the organisation to the reviewer's own records it there.
    step = item_accept(item=item, by=editor, corrections={"organisation": "ragunda KOMMUN"}).target
    assert step.commitment.organisation == editor.org


def test_a_typed_organisation_that_is_not_registered_is_refused(editor):
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor, corrections={"organisation": "Ingenstans kommun"})
    assert error.value.field == "organisation"


def test_batch_acceptance_does_not_adopt_the_plan_chosen_for_activities(editor):
    plan = plan_save(plan=ActionPlan(organisation=editor.org, title="Utkast"), by=editor)
    document = DocumentFactory(organisation=editor.org)
    decision = ExtractedItemFactory(document=document, confidence=0.95)
    decision.data.update(decision_type="adopt_action_plan")
    decision.save()
    _row(document)
    items_accept_confident(document=document, by=editor, plan=plan)
    plan.refresh_from_db()
    assert plan.status != PlanStatus.ADOPTED
    assert plan.activities.count() == 1


def test_corrections_are_checked_and_kept_apart(editor):
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor, corrections={"decision_date": "1 okt"})
    assert error.value.field == "decision_date"
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor, corrections={"status": "maybe"})
    assert error.value.field == "status"
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor, corrections={"password": "x"})
    assert error.value.field == "password"
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING and not CommitmentStep.objects.exists()

    item = item_accept(
        item=item, by=editor, corrections={"decision_date": "2024-09-30", "paragraph": "§ 63"}
    )
    assert item.data["decision_date"] == "2024-10-01"  # what was extracted is kept
    assert item.corrected == {"decision_date": "2024-09-30", "paragraph": "§ 63"}
    assert (item.target.date, item.target.paragraph) == (date(2024, 9, 30), "§ 63")


def test_decision_without_a_full_date_stays_pending(editor):
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data["decision_date"] = "2024"
    item.save()
    with pytest.raises(ApplicationError) as error:
        item_accept(item=item, by=editor)
    assert error.value.field == "decision_date"
    item.refresh_from_db()
    assert item.status == ItemStatus.PENDING


def test_accepting_plan_adoption_marks_the_given_plan_adopted(editor):
    plan = plan_save(plan=ActionPlan(organisation=editor.org, title="Handlingsplan"), by=editor)
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data["decision_type"] = "adopt_action_plan"
    item.save()
    item = item_accept(item=item, by=editor, plan=plan)
    plan.refresh_from_db()
    assert item.target == plan
    assert plan.status == PlanStatus.ADOPTED
    assert (plan.adopted_on, plan.adopted_by, plan.adoption_case_number) == (
        date(2024, 10, 1),
        "Kommunstyrelsen",
        "KS 2024/108",
    )


def test_other_decisions_are_accepted_as_a_record_only(editor):
    item = ExtractedItemFactory(document=DocumentFactory(organisation=editor.org))
    item.data["decision_type"] = "follow_up_report"
    item.save()
    item = item_accept(item=item, by=editor)
    assert item.status == ItemStatus.ACCEPTED and item.target is None
    assert not CommitmentStep.objects.exists() and not ActionPlan.objects.exists()


def test_action_rows_become_activities_in_one_draft_plan_per_document(editor):
    document = DocumentFactory(organisation=editor.org, title="Verksamhetsplan 2014")
    first = _row(document)
    second = _row(document, activity="Statistik", status="Pågår", timeframe="2014")
    third = _row(document, goal="Annat mål", activity="Uppföljning", status="klar")
    for item in (first, second, third):
        item_accept(item=item, by=editor)
    plan = ActionPlan.objects.get()
    assert plan.title == "Verksamhetsplan 2014" and plan.status == PlanStatus.DRAFT
    assert plan.organisation == editor.org
    activities = {a.title: a for a in Activity.objects.filter(plan=plan)}
    assert set(activities) == {"Utbildning", "Statistik", "Uppföljning"}
    training = activities["Utbildning"]
    assert training.goal.title == "Jämställd service"
    assert training.responsible_unit == "HR"
    assert training.timing_note == "januari – april 2014"
    assert (training.start_date, training.end_date) == (date(2014, 1, 1), date(2014, 4, 30))
    assert activities["Statistik"].goal == training.goal  # same goal title, one goal
    assert activities["Statistik"].status == ActivityStatus.IN_PROGRESS
    assert activities["Uppföljning"].status == ActivityStatus.DONE
    assert plan.goals.count() == 2
    first.refresh_from_db()
    assert first.target == training
    assert first.target_type == ContentType.objects.get_for_model(Activity)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Verksamhetsplan 2014", "operational"),
        ("Annual operational plan 2026", "operational"),
        ("Protokoll KS 2024-10-01", "other"),
    ],
)
def test_a_draft_plan_from_an_annual_plan_is_operational(editor, title, kind):
    document = DocumentFactory(organisation=editor.org, title=title, cemr_related=False)
    item_accept(item=_row(document), by=editor)
    assert ActionPlan.objects.get().kind == kind


def test_action_row_goes_to_the_chosen_plan(editor):
    plan = plan_save(plan=ActionPlan(organisation=editor.org, title="Min plan"), by=editor)
    item = _row(DocumentFactory(organisation=editor.org))
    activity = item_accept(item=item, by=editor, plan=plan).target
    assert activity.plan == plan
    assert ActionPlan.objects.count() == 1


def test_an_action_row_naming_charter_articles_links_them(editor):
    from equalocal.charters.models import Article

    item = _row(DocumentFactory(organisation=editor.org), charter_article="Art. 12, 24")
    activity = item_accept(item=item, by=editor).target
    numbers = sorted(activity.articles.values_list("number", flat=True))
    expected = sorted(
        Article.objects.filter(charter__is_current=True, number__in=[12, 24]).values_list(
            "number", flat=True
        )
    )
    assert numbers == expected == [12, 24]


def test_a_plan_of_an_organisation_the_reviewer_cannot_edit_is_refused(editor):
    plan = plan_save(plan=ActionPlan(organisation=OrganisationFactory(), title="Deras plan"))
    item = _row(DocumentFactory(organisation=editor.org))
    with pytest.raises(ApplicationError):
        item_accept(item=item, by=editor, plan=plan)
    assert not Activity.objects.exists()


def test_reject_changes_nothing_and_a_stale_version_is_refused(editor):
    document = DocumentFactory(organisation=editor.org)
    item = ExtractedItemFactory(document=document)
    version = item.lock_version
    item_reject(item=item, by=editor, lock_version=version)
    assert item.status == ItemStatus.REJECTED
    assert not CommitmentStep.objects.exists()
    with pytest.raises(ConcurrentEditError):
        item_accept(item=item, by=editor, lock_version=version)
    assert not CommitmentStep.objects.exists()


def test_batch_accepts_only_confident_items_that_need_no_correction(editor):
    document = DocumentFactory(organisation=editor.org)
    confident = _row(document, confidence=0.95)
    confident.confidence = 0.95
    confident.save()
    unsure = _row(document, activity="Osäker")
    unsure.confidence = 0.5
    unsure.save()
    incomplete = ExtractedItemFactory(document=document, confidence=0.9)
    incomplete.data["decision_date"] = "unknown"
    incomplete.save()
    assert items_accept_confident(document=document, by=editor, threshold=0.8) == 1
    statuses = {i.pk: i.status for i in document.items.all()}
    assert statuses == {
        confident.pk: ItemStatus.ACCEPTED,
        unsure.pk: ItemStatus.PENDING,
        incomplete.pk: ItemStatus.PENDING,
    }
    document.refresh_from_db()
    assert document.stage == Stage.REVIEW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("januari – april 2014", (date(2014, 1, 1), date(2014, 4, 30))),
        ("2015–2016", (date(2015, 1, 1), date(2016, 12, 31))),
        ("Q2 2025", (date(2025, 4, 1), date(2025, 6, 30))),
        ("Q3 2025 – Q1 2026", (date(2025, 7, 1), date(2026, 3, 31))),
        ("HT 2025", (date(2025, 8, 1), date(2025, 12, 31))),
        ("vecka 12 2026", (date(2026, 3, 16), date(2026, 3, 22))),
        ("2024-03-01 – 2024-06-30", (date(2024, 3, 1), date(2024, 6, 30))),
        ("löpande", (None, None)),
        ("unknown", (None, None)),
    ],
)
def test_timeframe_dates(text, expected):
    assert timeframe_dates(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Pågår", "in_progress"), ("Klar", "done"), ("Ej påbörjad", "planned"),
     ("delayed", "delayed"), ("Inställd", "cancelled"), ("?", None)],
)  # fmt: skip
def test_activity_status_from(text, expected):
    assert activity_status_from(text) == expected
