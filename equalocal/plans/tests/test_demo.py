"""The demo data of the charters and plans apps: what the samples say, loaded idempotently."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equalocal.charters.models import Commitment, CommitmentStatus, CommitmentStep
from equalocal.core.demo import load_demo
from equalocal.organisations.models import Organisation
from equalocal.plans.models import (
    ActionPlan,
    Activity,
    Goal,
    GoalSet,
    PlanKind,
    PlanStatus,
    ProgressUpdate,
    ReferenceGoal,
    Timing,
)
from equalocal.plans.selectors import plan_summary

pytestmark = pytest.mark.django_db

UMEAREGIONEN = ["umea", "vannas", "vindeln", "robertsfors", "nordmaling", "bjurholm"]
MODELS = [
    Commitment,
    CommitmentStep,
    ActionPlan,
    Goal,
    Activity,
    ProgressUpdate,
    GoalSet,
    ReferenceGoal,
]


@pytest.fixture
def demo():
    return load_demo()


def _counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update(
        {
            f"history of {model.__name__}": model.history.count()
            for model in MODELS
            if hasattr(model, "history")
        }
    )
    return counts


def test_demo_runs_twice_without_changing_anything(demo):
    before = _counts()
    load_demo()
    assert _counts() == before
    # Ragunda, the six Umeåregionen municipalities (2006), five of them again (2022, demo
    # dates), and five UBC cities (demo dates).
    assert before["Commitment"] == 17
    for model in (Commitment, CommitmentStep, ActionPlan, Goal, Activity):
        for item in model.objects.all():
            item.full_clean()


def test_ragunda_has_the_recommendation_of_sample_003(demo):
    commitment = Commitment.objects.get(organisation__slug="ragunda")
    assert commitment.charter.code == "2022"
    assert commitment.status == CommitmentStatus.RECOMMENDED
    step = commitment.steps.get()
    assert (step.status, step.date, step.deciding_body, step.paragraph, step.case_number) == (
        CommitmentStatus.RECOMMENDED,
        date(2024, 10, 1),
        "Kommunstyrelsens arbetsutskott",
        "§ 62",
        "KS 2024/108",
    )
    assert (
        "Kommunstyrelsen undertecknar den europeiska deklarationen för jämställdhet mellan kvinnor och män"
        in step.note
    )
    assert "uppdrar kommundirektören att upprätta handlingsplan" in step.note
    assert commitment.plan_deadline is None
    assert commitment.provisional_plan_deadline == date(2026, 10, 1)


def test_the_six_umearegionen_municipalities_signed_the_2006_text_without_invented_dates(demo):
    commitments = Commitment.objects.filter(
        organisation__slug__in=UMEAREGIONEN, charter__code="2006"
    ).select_related("charter")
    assert len(commitments) == 6
    for commitment in commitments:
        assert commitment.charter.code == "2006"
        assert commitment.status == CommitmentStatus.SIGNED
        assert (commitment.decided_on, commitment.signed_on) == (None, None)
        assert commitment.note == "Signature date not recorded in the source (umearegionen.se)."
    assert not Commitment.objects.filter(organisation__slug="ornskoldsvik").exists()


def test_verksamhetsplan_2014_of_sample_002(demo):
    plan = ActionPlan.objects.get(
        title="Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp"
    )
    assert plan.organisation.slug == "umearegionen"
    assert plan.kind == PlanKind.OPERATIONAL
    assert (plan.period_start, plan.period_end) == (date(2014, 1, 1), date(2014, 12, 31))
    assert (plan.contact.name, plan.contact.organisation.slug) == ("Ingrid Lundström", "vannas")
    assert "utvecklings-, personal- och jämställdhetsfrågor" in plan.field_of_work
    assert "Avsikt/syfte" in plan.purpose
    texts = {t.reference_goal.number: t.text for t in plan.goal_texts.all()}
    assert set(texts) == {1, 2, 3} and "Normstorm" in texts[2]
    regional = list(plan.reference_goals.order_by("number"))
    assert [goal.title_sv for goal in regional] == [
        "Utveckla regionen",
        "Effektivisera den kommunala förvaltningen",
        "Samverkan ska vara demokratiskt förankrad",
    ]
    assert regional[0].goal_set.owner.slug == "umearegionen"
    goals = list(plan.goals.order_by("order"))
    assert len(goals) == 4
    assert goals[3].title == "Öka samarbetet med Örnsköldsviks kommun"
    activities = list(plan.activities.select_related("goal").order_by("order"))
    assert [(a.goal.order, a.timing_note, a.timing) for a in activities] == [
        (1, "Januari – april 2014", Timing.DATED),
        (1, "Januari – april 2014", Timing.DATED),
        (2, "April – juni 2014", Timing.DATED),
        (2, "April – juni 2014", Timing.DATED),
        (3, "Löpande under året", Timing.ONGOING),
        (4, "Löpande under året", Timing.ONGOING),
    ]
    assert activities[0].title.startswith("Genomföra analys av enkäten")
    assert (activities[0].start_date, activities[0].end_date) == (
        date(2014, 1, 1),
        date(2014, 4, 30),
    )
    assert {a.responsible_unit for a in activities} == {"Jämställdhetsgruppen"}


def test_umea_demo_plan_shows_the_features_and_is_labelled(demo):
    plan = ActionPlan.objects.get(organisation__slug="umea", kind=PlanKind.CHARTER)
    assert "(demoexempel)" in plan.title and plan.purpose.startswith("Demoexempel")
    assert plan.status == PlanStatus.ADOPTED and plan.is_published
    assert plan.commitment == Commitment.objects.get(
        organisation__slug="umea", charter__code="2022"
    )
    assert sorted(plan.priorities.values_list("number", flat=True)) == [9, 11, 13, 22]
    assert plan.consultations.count() == 1
    goals = list(plan.goals.prefetch_related("articles", "reference_goals"))
    assert len(goals) == 3
    assert all(goal.articles.all() and goal.reference_goals.all() for goal in goals)
    summary = plan_summary(plan, today=timezone.localdate())
    assert 7 <= len(summary.activities) <= 10
    assert len({a.status for a in summary.activities}) >= 4
    assert len(summary.overdue) == 1
    assert len(summary.due_for_review) == 1
    updates = ProgressUpdate.objects.filter(activity__plan=plan)
    assert updates.exclude(text="").count() > len(summary.activities)
    assert set(updates.values_list("by__email", flat=True)) == {"editor@example.org"}
    assert plan.history.first().history_user.email == "editor@example.org"


def test_ragunda_admin_sees_the_recommendation_and_its_provisional_deadline(client, demo):
    client.force_login(demo.objects["users"]["outsider@example.org"])
    commitment = Commitment.objects.get(organisation__slug="ragunda")
    response = client.get(
        reverse("charters:commitment", kwargs={"org": "ragunda", "commitment": commitment.pk})
    )
    html = " ".join(response.content.decode().split())
    assert "§ 62" in html and "KS 2024/108" in html
    assert "Provisional deadline 1 October 2026" in html


def test_demo_reminders_go_to_the_demo_editor_once(demo):
    from django.core import mail

    from equalocal.plans.reminders import reminders_send_due

    plan = ActionPlan.objects.get(organisation__slug="umea", kind=PlanKind.CHARTER)
    assert plan.contact.user.email == "editor@example.org"  # invented plan, invented contact
    reminders_send_due(today=timezone.localdate())
    [digest] = [message for message in mail.outbox if message.to == ["editor@example.org"]]
    assert "Kartlägga sjukfrånvaro efter kön och arbetsplats" in digest.body  # overdue
    assert "Utbilda nämndsekreterare och handläggare i jämställdhetsanalys" in digest.body  # review
    assert reminders_send_due(today=timezone.localdate()).digests == 0
    # Ragunda's admin hears of its provisional deadline, which passed on 1 October 2026.
    [notice] = [message for message in mail.outbox if message.to == ["outsider@example.org"]]
    assert "provisional action-plan deadline of Ragunda kommun has passed" in notice.subject


def test_the_demo_shows_every_state_of_the_deadline_with_its_dates_marked_as_demo(demo):
    """On time, due soon, overdue, provisional, met in time and unknown, on the dashboards."""
    from equalocal.charters.selectors import active_commitment, commitment_overview

    today = timezone.localdate()
    states = {}
    for slug in ["umea", "vindeln", "vannas", "robertsfors", "nordmaling", "bjurholm", "ragunda"]:
        commitment = active_commitment(Organisation.objects.get(slug=slug))
        deadline = commitment_overview(commitment, today=today).deadline
        state = deadline.state
        if state.met:
            states[slug] = "met in time" if state.met_in_time else "met late"
        elif not state.known:
            states[slug] = "unknown"
        elif deadline.provisional:
            states[slug] = "provisional"
        elif state.overdue:
            states[slug] = "overdue"
        elif state.days_left <= 90:
            states[slug] = "due soon"
        else:
            states[slug] = "on time"
        if slug not in ("ragunda", "bjurholm"):
            assert commitment.note.startswith("Demo data"), slug
    assert states == {
        "umea": "met in time",
        "vindeln": "on time",
        "vannas": "due soon",
        "robertsfors": "overdue",
        "nordmaling": "provisional",
        "bjurholm": "unknown",
        "ragunda": "provisional",
    }


def test_ubc_has_signatories_in_the_demo(demo, client):
    from equalocal.networks.selectors import dashboard_counts, network_dashboard

    ubc = Organisation.objects.get(slug="ubc")
    rows = network_dashboard(ubc, today=timezone.localdate())
    assert dashboard_counts(rows).signed >= 3


def test_progress_updates_have_a_history_over_the_plans_period(demo):
    from equalocal.plans.models import ProgressUpdate

    plan = ActionPlan.objects.get(organisation__slug="umea", kind=PlanKind.CHARTER)
    dates = set(ProgressUpdate.objects.filter(activity__plan=plan).values_list("date", flat=True))
    assert len(dates) >= 5
    assert min(dates) < timezone.localdate() - timedelta(days=180)
    assert max(dates) <= timezone.localdate()
