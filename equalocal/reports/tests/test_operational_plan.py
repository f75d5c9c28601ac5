"""The operational plan (verksamhetsplan, sample 002) as a document, and the fields it needs:
the field of work, a text per higher-level goal, each representative's share of time."""

from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from equalocal.plans.models import PlanGoalText
from equalocal.plans.services import plan_new_version
from equalocal.reports import services
from equalocal.reports.models import ReportState
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    GoalFactory,
    GoalSetFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ReferenceGoalFactory,
    SeatFactory,
    UserFactory,
)

from .helpers import docx_text, editor_of, pdf_text

pytestmark = pytest.mark.django_db


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@pytest.fixture
def plan():
    region = NetworkFactory(name="Umeåregionen", slug="umearegionen")
    vannas = OrganisationFactory(name="Vännäs kommun")
    vindeln = OrganisationFactory(name="Vindeln kommun")
    NetworkMembershipFactory(network=region, member=vannas)
    NetworkMembershipFactory(network=region, member=vindeln)
    goal_set = GoalSetFactory(code="umea-region", title_en="Regional goals", owner=region)
    develop = ReferenceGoalFactory(goal_set=goal_set, number=1, title_en="Develop the region")
    democratic = ReferenceGoalFactory(
        goal_set=goal_set, number=3, title_en="Democratic cooperation"
    )
    contact = PersonFactory(
        organisation=vannas, name="Ingrid Holm", title="HR consultant", is_public_contact=True
    )
    hidden = PersonFactory(organisation=vindeln, name="Olof Berg", title="Strategist")
    plan = ActionPlanFactory(
        organisation=region,
        title="Verksamhetsplan 2026",
        kind="operational",
        contact=contact,
        field_of_work="Development, HR and equality <em>questions</em>",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    plan.reference_goals.set([develop, democratic])
    PlanGoalText.objects.create(
        plan=plan, reference_goal=develop, text="Shared learning about equality."
    )
    first = GoalFactory(plan=plan, title="Bring gender equality into the region's groups", order=1)
    ActivityFactory(goal=first, title="Analyse the survey", timing_note="January – April 2026")
    group = BodyFactory(network=region, name="Jämställdhetsgruppen", plan=plan)
    SeatFactory(body=group, person=contact, role="contact", share_of_time=20)
    SeatFactory(body=group, member=vindeln, person=None)
    SeatFactory(body=group, person=hidden, share_of_time=50)
    return plan


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Contact person and field of work",
                "Purpose",
                "Goals for the year",
                "Activities",
                "Representatives",
                "Share of time",
                "vacant",
                "Goal 1",
            ],
        ),
        (
            "sv",
            [
                "Kontaktperson och verksamhetsområde",
                "Syfte",
                "Mål för året",
                "Aktiviteter",
                "Representanter",
                "Andel av arbetstiden",
                "vakant",
                "Mål 1",
            ],
        ),
    ],
)
def test_operational_plan_reads_like_the_verksamhetsplan(plan, language, words):
    report = services.report_create(
        organisation=plan.organisation,
        kind="operational_plan",
        plan=plan,
        by=editor_of(plan.organisation),
        language=language,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    for content, reader in ((report.pdf_file, pdf_text), (report.docx_file, docx_text)):
        text = " ".join(reader(read(content)).split())
        for word in [
            *words,
            "Verksamhetsplan 2026",
            "Ingrid Holm",
            "Development, HR and equality <em>questions</em>",
            "Develop the region",
            "Shared learning about equality.",
            "Democratic cooperation",
            "Bring gender equality into the region's groups",
            "Analyse the survey",
            "January – April 2026",
            "20 %",
            "Vindeln kommun",
        ]:
            assert word in text, (reader.__name__, word)
        # Vindeln shares no contacts with the region: its representative by title only.
        assert "Olof Berg" not in text
        assert "Strategist" in text


def test_goal_texts_are_edited_on_the_plan_form_and_kept_in_a_new_version(plan):
    editor = UserFactory()
    from equalocal.organisations.models import Role
    from tests.factories import MembershipFactory

    MembershipFactory(user=editor, organisation=plan.organisation, role=Role.EDITOR)
    from django.test import Client

    client = Client()
    client.force_login(editor)
    url = reverse("plans:edit", kwargs={"org": plan.organisation.slug, "plan": plan.pk})
    page = client.get(url)
    assert "What the plan does for “Democratic cooperation”" in page.text
    goals = {g.number: g for g in plan.reference_goals.all()}
    data = {
        "lock_version": plan.lock_version,
        "title": plan.title,
        "kind": "operational",
        "status": "draft",
        "field_of_work": "HR",
        "currency": "SEK",
        "reference_goals": [g.pk for g in goals.values()],
        f"goal_text_{goals[1].pk}": "",
        f"goal_text_{goals[3].pk}": "Meet regularly.",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.text
    texts = {t.reference_goal.number: t.text for t in plan.goal_texts.all()}
    assert texts == {3: "Meet regularly."}
    plan.refresh_from_db()
    assert plan.field_of_work == "HR"
    copy = plan_new_version(plan=plan)
    assert [t.text for t in copy.goal_texts.all()] == ["Meet regularly."]
    assert copy.field_of_work == "HR"


def test_a_share_of_time_over_100_is_refused(plan):
    from django.core.exceptions import ValidationError

    from equalocal.networks.models import Seat

    seat = Seat.objects.filter(body__plan=plan, role="contact").get()
    seat.share_of_time = 120
    with pytest.raises(ValidationError):
        seat.full_clean()
