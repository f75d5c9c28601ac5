"""Benchmark of the network dashboard with 500 member organisations."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from equalocal.charters.models import CharterText, Commitment, CommitmentStatus
from equalocal.organisations.models import Membership, Organisation, OrganisationKind, Role
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus, PlanStatus, ProgressUpdate

from .models import NetworkMembership

MEMBERS = 500
ACTIVITIES_PER_PLAN = 8
COUNTRIES = ["SE", "FI", "NO", "PL", "LV", "LT", "EE", "DK"]


def _data():
    network = Organisation.objects.create(
        slug="bench-network", name="Benchnätverket", kind=OrganisationKind.NETWORK, country="SE"
    )
    coordinator = get_user_model().objects.create_user(
        email="networks-bench@example.org", password="bench-password"
    )
    Membership.objects.create(user=coordinator, organisation=network, role=Role.EDITOR)
    members = Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-member-{n}",
            name=f"Benchkommun {n:03d}",
            kind=OrganisationKind.MUNICIPALITY,
            country=COUNTRIES[n % len(COUNTRIES)],
        )
        for n in range(MEMBERS)
    )
    NetworkMembership.objects.bulk_create(
        NetworkMembership(
            network=network,
            member=member,
            joined_on=date(2016, 1, 1) + timedelta(days=n),
            # Every tenth member has left: the dashboard shows current members only.
            left_on=date(2024, 6, 30) if n % 10 == 9 else None,
        )
        for n, member in enumerate(members)
    )
    charter = CharterText.objects.get(code="2022")
    statuses = [CommitmentStatus.SIGNED, CommitmentStatus.DECIDED, CommitmentStatus.RECOMMENDED]
    commitments = Commitment.objects.bulk_create(
        Commitment(
            organisation=member,
            charter=charter,
            status=statuses[n % 3],
            decided_on=date(2022, 1, 1) + timedelta(days=n),
            signed_on=(
                date(2022, 3, 1) + timedelta(days=n)
                if statuses[n % 3] == CommitmentStatus.SIGNED
                else None
            ),
        )
        for n, member in enumerate(members)
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            organisation=member,
            title=f"Handlingsplan {member.name}",
            status=PlanStatus.ADOPTED,
            adopted_on=date(2024, 1, 15),
            commitment=commitment,
            period_start=date(2024, 1, 1),
            period_end=date(2026, 12, 31),
        )
        for n, (member, commitment) in enumerate(zip(members, commitments, strict=True))
        if n % 2 == 0
    )
    progress = {"planned": 0, "in_progress": 40, "done": 100, "delayed": 20, "cancelled": 0}
    activity_statuses = list(ActivityStatus)
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            order=n,
            title=f"Aktivitet {n}",
            status=activity_statuses[(p + n) % 5],
            progress=progress[activity_statuses[(p + n) % 5]],
            start_date=date(2024, 2, 1),
            end_date=date(2024, 6, 1) + timedelta(days=90 * n),
        )
        for p, plan in enumerate(plans)
        for n in range(1, ACTIVITIES_PER_PLAN + 1)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=activity,
            date=date(2025, 1, 1) + timedelta(days=i % 300),
            status=activity.status,
            progress=activity.progress,
            text="Uppföljning",
            by=coordinator,
        )
        for i, activity in enumerate(activities)
        if i % 3 == 0
    )
    return coordinator, network


def bench_network_dashboard(bench):
    coordinator, network = _data()
    client = Client()
    client.force_login(coordinator)
    url = reverse("networks:dashboard", kwargs={"org": network.slug})
    size = {"members": MEMBERS, "plans": MEMBERS // 2, "activities per plan": ACTIVITIES_PER_PLAN}
    for label, page in [
        ("network dashboard", url),
        ("network dashboard, overdue first by deadline", f"{url}?flag=overdue&sort=-deadline"),
    ]:
        median, queries = bench.time_page(client, page)
        bench.record(f"{label}: server time", median, "ms", **size)
        bench.record(f"{label}: queries", queries, "queries", **size)


# ``equalocal scale-data``'s showcase network (of 500 members).
SHOWCASE_NETWORK = "scale-network"


def largest_network():
    """The showcase network of ``scale-data``, else the network with the most current
    members (with ``current``), or None."""
    from django.db.models import Count, Q

    networks = (
        Organisation.objects.filter(kind=OrganisationKind.NETWORK)
        .annotate(
            current=Count(
                "network_members",
                filter=Q(network_members__left_on__isnull=True, network_members__body=None),
            )
        )
        .order_by("-current", "pk")
    )
    return networks.filter(slug=SHOWCASE_NETWORK).first() or networks.first()


def load_pages(setup):
    """The dashboard of the network with the most current members, as its coordinator."""
    from equalocal.organisations.benchmarks import load_reader

    network = largest_network()
    if (network is None or network.current < MEMBERS * 9 // 10) and setup.build_missing:
        _coordinator, network = _data()
        network.current = NetworkMembership.objects.filter(
            network=network, left_on__isnull=True
        ).count()
        setup.note(f"built a network of {MEMBERS} members: {network.slug}")
    if network is None:
        return
    user = load_reader(setup, network, role=Role.EDITOR)
    setup.add(
        "network dashboard",
        reverse("networks:dashboard", kwargs={"org": network.slug}),
        user=user,
        size=f"{network.current} members",
    )
