"""Reads for the public site: only what organisations publish, in a fixed number of queries.

A signatory's commitment is shown when the organisation publishes its commitment
(``permissions.published``, the defaults included). Plans count only when published one by
one; their progress and its latest update only when the organisation publishes progress.
The directory's "with plan" and "plan overdue" therefore read the published plans: a plan an
organisation keeps private is, to the public, no plan.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db import connection
from django.db.models import DateTimeField, F, Max, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_countries import countries

from equalocal.charters.deadlines import DeadlineState, provisional_deadline
from equalocal.charters.models import Commitment, CommitmentStatus, CommitmentStep
from equalocal.charters.standing import Standing, counting_commitments, is_binding, standing
from equalocal.core.registry import public_sources
from equalocal.networks.selectors import network_member_ids
from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation, OrganisationKind, Person, Publishing
from equalocal.plans.models import ActionPlan, Activity, Goal, PlanKind, PlanStatus, ProgressUpdate
from equalocal.plans.selectors import progress_published, weighted_progress

from .geo import inside, project

DUE_SOON_DAYS = 180
COMMITMENT_FIELDS = (
    "id",
    "organisation_id",
    "charter_id",
    "status",
    "decided_on",
    "signed_on",
    "organisation__id",
    "organisation__name",
    "organisation__slug",
    "organisation__kind",
    "organisation__country",
    "organisation__website",
    "organisation__latitude",
    "organisation__longitude",
    "charter__id",
    "charter__code",
    "charter__year",
)


# The public directory shows the Charter standing every page shows (``charters.standing``).
DirectoryStatus = Standing


@dataclass
class Signatory:
    organisation: Organisation
    commitment: Commitment
    status: DirectoryStatus
    deadline: DeadlineState
    provisional: bool
    plan: ActionPlan | None  # the published Charter plan adopted first, if any

    @property
    def bound(self) -> bool:
        """Part II binds it: the decision to sign is taken."""
        return is_binding(self.commitment)

    @property
    def days_overdue(self) -> int | None:
        return -self.deadline.days_left if self.deadline.overdue else None

    @property
    def due_soon(self) -> bool:
        days = self.deadline.days_left
        return days is not None and 0 <= days <= DUE_SOON_DAYS

    @property
    def on_time(self) -> bool:
        """A plan adopted by the deadline, or the deadline more than 180 days away."""
        if self.deadline.met:
            return self.deadline.met_in_time or not self.deadline.known
        days = self.deadline.days_left
        return days is not None and days > DUE_SOON_DAYS


def signatories(*, today: date, organisation_ids=None) -> list[Signatory]:
    """Every organisation with a published commitment (the newest one not withdrawn), with
    its public status and deadline, sorted by name.

    Four queries whatever the number: commitments with their organisations and texts, the
    publishing settings, the latest recommendations and the published Charter plans. The
    deadline follows ``charters.deadlines`` as ``charters.selectors.commitment_deadline``
    does, from one aggregate instead of every commitment's steps.
    """
    commitments = (
        Commitment.objects.exclude(status=CommitmentStatus.WITHDRAWN)
        .select_related("organisation", "charter")
        .only(*COMMITMENT_FIELDS)
        .order_by("organisation__name", "organisation_id", "-charter__year")
    )
    if organisation_ids is not None:
        commitments = commitments.filter(organisation_id__in=organisation_ids)
    newest = counting_commitments(commitments)
    publishing = permissions.publishing_map(list(newest))
    shown = {pk: c for pk, c in newest.items() if publishing[pk].commitment}

    # Before a decision, the deadline counts from the latest recommendation (provisional).
    recommended = [c.pk for c in shown.values() if c.status == CommitmentStatus.RECOMMENDED]
    recommended_on = dict(
        CommitmentStep.objects.filter(
            commitment_id__in=recommended, status=CommitmentStatus.RECOMMENDED
        )
        .values_list("commitment_id")
        .annotate(latest=Max("date"))
        .order_by()
    )

    first_plan: dict[int, ActionPlan] = {}
    for plan in (
        ActionPlan.objects.alive()
        .filter(
            organisation_id__in=list(shown),
            is_published=True,
            kind=PlanKind.CHARTER,
            adopted_on__isnull=False,
        )
        .only("id", "organisation_id", "title", "adopted_on", "status")
        .order_by("organisation_id", "adopted_on", "pk")
    ):
        first_plan.setdefault(plan.organisation_id, plan)

    rows = []
    for pk, commitment in shown.items():
        plan = first_plan.get(pk)
        deadline = commitment.plan_deadline
        provisional = False
        if deadline is None and commitment.pk in recommended_on:
            deadline = provisional_deadline(recommended_on=recommended_on[commitment.pk])
            provisional = True
        state = DeadlineState(
            deadline=deadline, plan_adopted_on=plan.adopted_on if plan else None, today=today
        )
        rows.append(
            Signatory(
                organisation=commitment.organisation,
                commitment=commitment,
                status=standing(commitment, state, has_plan=plan is not None),
                deadline=state,
                provisional=provisional,
                plan=plan,
            )
        )
    return rows


def filter_signatories(
    rows: list[Signatory], *, country="", kind="", status="", version=""
) -> list[Signatory]:
    if country:
        rows = [row for row in rows if row.organisation.country == country]
    if kind:
        rows = [row for row in rows if row.organisation.kind == kind]
    if status:
        rows = [row for row in rows if row.status == status]
    if version:
        rows = [row for row in rows if row.commitment.charter.code == version]
    return rows


def counts_by_country(rows: list[Signatory]) -> list[tuple[str, str, int]]:
    """(code, name, number) per country, most signatories first, then by name."""
    counts = Counter(str(row.organisation.country) for row in rows)
    names = {code: countries.name(code) for code in counts}
    return sorted(
        ((code, names[code], n) for code, n in counts.items()),
        key=lambda item: (-item[2], str(item[1])),
    )


# The map ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPoint:
    signatory: Signatory
    x: float
    y: float


def map_points(rows: list[Signatory]) -> tuple[list[MapPoint], list[Signatory]]:
    """The signatories placed on the map, and those without coordinates or outside it."""
    points, unplaced = [], []
    for row in rows:
        org = row.organisation
        if org.latitude is None or org.longitude is None:
            unplaced.append(row)
            continue
        x, y = project(float(org.longitude), float(org.latitude))
        if inside(x, y):
            points.append(MapPoint(signatory=row, x=round(x, 1), y=round(y, 1)))
        else:
            unplaced.append(row)
    return points, unplaced


# The profile ------------------------------------------------------------------------------------


@dataclass
class PublicPlan:
    plan: ActionPlan
    goals: list[Goal]
    loose_activities: list[Activity]  # activities under no goal
    progress: int | None  # None when the organisation does not publish progress
    last_update: date | None


@dataclass
class Profile:
    organisation: Organisation
    publishing: Publishing
    commitments: list[Commitment]  # published, each with its steps, newest text first
    signatory: Signatory | None
    plans: list[PublicPlan]
    contacts: list[Person]

    @property
    def shows_progress(self) -> bool:
        """The page is the same for everyone: progress shows where it is published."""
        return progress_published(self.organisation)


def get_public_organisation(slug: str) -> Organisation:
    """Organisations are a public directory: every one has a profile."""
    return get_object_or_404(Organisation.objects.select_related("parent"), slug=slug)


def profile(organisation: Organisation, *, today: date) -> Profile:
    """What anyone may see of the organisation, in a bounded number of queries."""
    publishing = permissions.publishing_of(organisation)
    shows_progress = progress_published(organisation)
    commitments = []
    if publishing.commitment:
        commitments = list(
            organisation.commitments.select_related("charter")
            .prefetch_related(Prefetch("steps", queryset=CommitmentStep.objects.order_by("date")))
            .order_by("-charter__year")
        )
    rows = signatories(today=today, organisation_ids=[organisation.pk])
    plans = list(
        ActionPlan.objects.alive()
        .filter(organisation=organisation, is_published=True)
        .exclude(status=PlanStatus.SUPERSEDED)
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.order_by("order", "pk")),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("goal").order_by("order", "pk"),
            ),
        )
        .order_by(F("adopted_on").desc(nulls_last=True), "-version_number")
    )
    last_updates = {}
    if shows_progress and plans:
        last_updates = dict(
            ProgressUpdate.objects.filter(activity__plan__in=plans)
            .values_list("activity__plan_id")
            .annotate(latest=Max("date"))
            .order_by()
        )
    public_plans = []
    for plan in plans:
        activities = list(plan.activities.all())
        goals = list(plan.goals.all())
        by_goal: dict[int, list[Activity]] = {}
        for activity in activities:
            by_goal.setdefault(activity.goal_id, []).append(activity)
        for goal in goals:
            goal.public_activities = by_goal.get(goal.pk, [])
        public_plans.append(
            PublicPlan(
                plan=plan,
                goals=goals,
                loose_activities=by_goal.get(None, []),
                progress=weighted_progress(activities) if shows_progress else None,
                last_update=last_updates.get(plan.pk),
            )
        )
    contacts = list(
        Person.objects.filter(organisation=organisation, is_public_contact=True).order_by("name")
    )
    return Profile(
        organisation=organisation,
        publishing=publishing,
        commitments=commitments,
        signatory=rows[0] if rows else None,
        plans=public_plans,
        contacts=contacts,
    )


# Networks and the national overview -------------------------------------------------------------


def member_signatories(network: Organisation, *, today: date) -> tuple[list, list[Signatory]]:
    """The network's current members (of the network itself, not of its groups only), and
    those of them with a published commitment."""
    ids = network_member_ids(network, today=today)
    members = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
    return members, signatories(today=today, organisation_ids=ids)


@dataclass
class NationalOverview:
    association: Organisation
    members: list[Organisation]
    rows: list[Signatory]
    last_reports: dict[int, date]

    @property
    def signatories(self) -> list[Signatory]:
        return [row for row in self.rows if row.bound]

    @property
    def on_time(self) -> int:
        return sum(1 for row in self.signatories if row.on_time)

    @property
    def due_soon(self) -> int:
        return sum(1 for row in self.signatories if row.due_soon)

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.signatories if row.deadline.overdue)

    @property
    def no_plan(self) -> int:
        return sum(1 for row in self.signatories if row.plan is None)

    @property
    def not_published(self) -> int:
        return len(self.members) - len(self.rows)

    @property
    def latest_report(self) -> date | None:
        return max(self.last_reports.values(), default=None)


NATIONAL_KINDS = (OrganisationKind.NATIONAL_ASSOCIATION,)


def get_national_association(slug: str) -> Organisation:
    return get_object_or_404(Organisation, slug=slug, kind__in=NATIONAL_KINDS)


def national_overview(association: Organisation, *, today: date) -> NationalOverview:
    """The association's member signatories with their deadlines, and the latest progress
    report of each member that publishes its progress; a fixed number of queries."""
    members, rows = member_signatories(association, today=today)
    publishing = permissions.publishing_map([row.organisation.pk for row in rows])
    reporting = [pk for pk, settings in publishing.items() if settings.progress]
    last_reports = dict(
        ProgressUpdate.objects.filter(
            activity__plan__organisation_id__in=reporting,
            activity__plan__is_published=True,
            activity__plan__deleted_at=None,
        )
        .values_list("activity__plan__organisation_id")
        .annotate(latest=Max("date"))
        .order_by()
    )
    return NationalOverview(
        association=association, members=members, rows=rows, last_reports=last_reports
    )


def national_associations() -> list[Organisation]:
    return list(Organisation.objects.filter(kind__in=NATIONAL_KINDS).order_by("name"))


# Feed and freshness -----------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    key: str
    kind: str  # "signature" or "plan"
    organisation: Organisation
    day: date
    title: str
    link: str


def feed_entries(*, limit: int = 50) -> list[FeedEntry]:
    """New signatures (signing steps of published commitments) and adopted published plans,
    newest first; three queries."""
    steps = list(
        CommitmentStep.objects.filter(status=CommitmentStatus.SIGNED)
        .select_related("commitment__organisation", "commitment__charter")
        .order_by("-date", "-pk")[: limit * 2]
    )
    plans = list(
        ActionPlan.objects.alive()
        .filter(is_published=True, adopted_on__isnull=False)
        .select_related("organisation")
        .order_by("-adopted_on", "-pk")[:limit]
    )
    publishing = permissions.publishing_map({step.commitment.organisation_id for step in steps})
    entries = [
        FeedEntry(
            key=f"signature-{step.pk}",
            kind="signature",
            organisation=step.commitment.organisation,
            day=step.date,
            title=str(step.commitment.charter.year),
            link=step.commitment.organisation.slug,
        )
        for step in steps
        if publishing[step.commitment.organisation_id].commitment
    ]
    entries += [
        FeedEntry(
            key=f"plan-{plan.pk}",
            kind="plan",
            organisation=plan.organisation,
            day=plan.adopted_on,
            title=plan.title,
            link=plan.organisation.slug,
        )
        for plan in plans
    ]
    entries.sort(key=lambda entry: (entry.day, entry.key), reverse=True)
    return entries[:limit]


def public_data_version() -> tuple[datetime | None, str]:
    """When public data last changed, and a fingerprint that also changes on deletions.

    Read by the conditional-GET decorators and the cache of rendered parts on every request,
    so it is one query: the count and latest change of each table the public pages show.
    """
    sources = [
        (Organisation, "updated_at", ""),
        (Commitment, "updated_at", ""),
        (CommitmentStep, "created_at", ""),
        (ActionPlan, "updated_at", ""),
        (Publishing.history.model, "history_date", ""),
        (Person, "updated_at", " WHERE is_public_contact"),
        (ProgressUpdate, "created_at", ""),
    ]
    # Tables other apps show on the public pages through sections (``core/registry.py``).
    sources += [(model, field, "") for model, field in public_sources()]
    quote = connection.ops.quote_name
    # Only the models' own table and column names go into the text: no input does.
    sql = " UNION ALL ".join(
        f"SELECT {n} AS n, COUNT(*), MAX({quote(field)}) FROM {quote(model._meta.db_table)}{where}"  # noqa: S608
        for n, (model, field, where) in enumerate(sources)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = sorted(cursor.fetchall())
    converter = DateTimeField()
    stamps, fingerprint = [], []
    for _n, count, latest in rows:
        if isinstance(latest, str):  # SQLite gives text
            latest = converter.to_python(latest)
        if latest is not None and timezone.is_naive(latest):
            latest = timezone.make_aware(latest, UTC)
        if latest is not None:
            stamps.append(latest)
        fingerprint.append(f"{count}:{latest.timestamp() if latest else 0}")
    return max(stamps, default=None), "|".join(fingerprint)
