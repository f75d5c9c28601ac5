"""Benchmarks of the plan page and the organisation dashboard with 200 activities."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.test import Client

from equalocal.charters.models import Article, CharterText, Commitment, CommitmentStatus
from equalocal.organisations.models import Membership, Organisation, OrganisationKind, Role

from .models import ActionPlan, Activity, ActivityStatus, Goal, PlanKind, PlanStatus, ProgressUpdate

ACTIVITIES = 200
GOALS = 10


def _data(name: str = "plans"):
    """An organisation with a plan of ``ACTIVITIES`` activities, and an editor of it; each
    benchmark that builds one passes its own ``name`` (one throwaway database for all)."""
    organisation = Organisation.objects.create(
        slug=f"bench-{name}-org",
        name=f"Benchkommun {name}",
        kind=OrganisationKind.MUNICIPALITY,
        country="SE",
    )
    user = get_user_model().objects.create_user(
        email=f"{name}-bench@example.org", password="bench-password"
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.EDITOR)
    charter = CharterText.objects.get(code="2022")
    commitment = Commitment.objects.create(
        organisation=organisation,
        charter=charter,
        status=CommitmentStatus.SIGNED,
        decided_on=date(2024, 3, 1),
        signed_on=date(2024, 4, 1),
    )
    plan = ActionPlan.objects.create(
        organisation=organisation,
        title="Handlingsplan 2025–2026",
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=date(2025, 1, 15),
        commitment=commitment,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
        resources="Två tjänster",
    )
    articles = list(Article.objects.filter(charter=charter).order_by("number"))
    plan.priorities.set(articles[:10])
    goals = Goal.objects.bulk_create(
        Goal(plan=plan, order=n, title=f"Mål {n}") for n in range(1, GOALS + 1)
    )
    statuses = list(ActivityStatus)
    progress = {"planned": 0, "in_progress": 40, "done": 100, "delayed": 20, "cancelled": 0}
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            goal=goals[n % GOALS],
            order=n,
            title=f"Aktivitet {n}",
            responsible_unit=f"Förvaltning {n % 7}",
            status=statuses[n % 5],
            progress=progress[statuses[n % 5]],
            start_date=date(2025, 1, 1) + timedelta(days=n * 3),
            end_date=date(2025, 3, 1) + timedelta(days=n * 3),
            next_review_on=date(2025, 6, 1) + timedelta(days=n),
        )
        for n in range(1, ACTIVITIES + 1)
    )
    through = Activity.articles.through
    through.objects.bulk_create(
        through(activity_id=a.pk, article_id=articles[i % len(articles)].pk)
        for i, a in enumerate(activities)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=a, status=a.status, progress=a.progress, text="Uppföljning", by=user
        )
        for a in activities
    )
    return user, organisation, plan


def bench_plan_pages(bench):
    user, organisation, plan = _data()
    client = Client()
    client.force_login(user)
    size = {"activities": ACTIVITIES, "goals": GOALS}
    for label, url in [
        ("plan page", plan.get_absolute_url()),
        (
            "plan page, filtered and sorted",
            f"{plan.get_absolute_url()}?status=in_progress&sort=-progress",
        ),
        ("plan timeline", f"{plan.get_absolute_url()}timeline/"),
        ("plan coverage", f"{plan.get_absolute_url()}coverage/"),
        ("organisation dashboard", f"/organisations/{organisation.slug}/plans/dashboard/"),
    ]:
        median, queries = bench.time_page(client, url)
        bench.record(f"{label}: server time", median, "ms", **size)
        bench.record(f"{label}: queries", queries, "queries", **size)


# The organisation of ``equalocal scale-data``'s showcase plan (of 200 activities).
SHOWCASE_ORGANISATION = "scale-municipality-1"


def largest_plan():
    """The showcase plan of ``scale-data``, else the plan with the most activities (with
    ``activity_count``), or None."""
    from django.db.models import Count

    plans = (
        ActionPlan.objects.alive()
        .annotate(activity_count=Count("activities"))
        .order_by("-activity_count", "pk")
        .select_related("organisation")
    )
    return plans.filter(organisation__slug=SHOWCASE_ORGANISATION).first() or plans.first()


def load_pages(setup):
    """The plan with the most activities and its organisation's dashboard, as an editor."""
    from django.urls import reverse

    from equalocal.organisations.benchmarks import load_reader

    plan = largest_plan()
    if (plan is None or plan.activity_count < ACTIVITIES) and setup.build_missing:
        _user, _organisation, plan = _data()
        plan.activity_count = ACTIVITIES
        setup.note(f"built a plan of {ACTIVITIES} activities in {plan.organisation.slug}")
    if plan is None:
        return
    organisation = plan.organisation
    user = load_reader(setup, organisation, role=Role.EDITOR)
    setup.add(
        "organisation dashboard",
        reverse("plans:dashboard", kwargs={"org": organisation.slug}),
        user=user,
    )
    setup.add(
        "plan page",
        plan.get_absolute_url(),
        user=user,
        size=f"{plan.activity_count} activities",
    )
