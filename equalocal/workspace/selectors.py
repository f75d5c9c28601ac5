"""Reads for a signed-in person's starting points: search over everything they may see,
their own work, and an organisation's first steps.

This app sits on the top floor: it reads every app's data, always through the access gate
(``organisations.permissions``), and writes nothing but the person's own settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from equalocal.accounts.models import Invitation
from equalocal.charters.compliance import CharterPlans
from equalocal.charters.models import CommitmentStatus
from equalocal.charters.selectors import active_commitment, commitment_overview
from equalocal.documents.models import Document, Stage
from equalocal.documents.search import search_documents
from equalocal.indicators.models import FigureProposal, Indicator, Measurement
from equalocal.networks.models import Meeting
from equalocal.networks.selectors import networks_of
from equalocal.organisations.models import (
    Membership,
    NetworkSharing,
    Organisation,
    Person,
    Role,
    SharingStatus,
)
from equalocal.organisations.selectors import memberships_for_user
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus, Goal, PlanKind

PER_GROUP = 10
REVIEW_DAYS = 14
OPEN = [ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS, ActivityStatus.DELAYED]


# Search over everything -------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    context: str = ""
    snippet_html: str = ""  # escaped text with <mark> only (document search)


@dataclass
class HitGroup:
    key: str
    label: str
    hits: list[Hit]
    more_url: str = ""


@dataclass
class SearchResults:
    query: str
    groups: list[HitGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def _member_ids(user) -> list[int]:
    return [m.organisation_id for m in memberships_for_user(user)]


def _visible_plans(user):
    """Plans the user may read: every live plan of their organisations, others' published."""
    plans = ActionPlan.objects.alive()
    if user.is_authenticated and user.is_staff:
        return plans
    return plans.filter(Q(organisation_id__in=_member_ids(user)) | Q(is_published=True))


def search_everything(user, query: str) -> SearchResults:
    """What matches ``query`` among organisations, plans, goals, activities, indicators,
    documents and meetings the user may see, grouped by type; a fixed number of queries."""
    query = " ".join((query or "").split())[:200]
    results = SearchResults(query=query)
    if len(query) < 2:
        return results
    plans = _visible_plans(user)

    organisations = Organisation.objects.filter(
        Q(name__icontains=query) | Q(official_code__iexact=query)
    ).order_by("name")[:PER_GROUP]
    results.groups.append(
        HitGroup(
            "organisations",
            _("Organisations"),
            [Hit(o.name, o.get_absolute_url(), o.get_kind_display()) for o in organisations],
        )
    )
    found_plans = plans.filter(title__icontains=query).select_related("organisation")[:PER_GROUP]
    results.groups.append(
        HitGroup(
            "plans",
            _("Plans"),
            [Hit(p.title, p.get_absolute_url(), p.organisation.name) for p in found_plans],
        )
    )
    goals = (
        Goal.objects.filter(plan__in=plans)
        .filter(Q(title__icontains=query) | Q(description__icontains=query))
        .select_related("plan__organisation")[:PER_GROUP]
    )
    results.groups.append(
        HitGroup(
            "goals",
            _("Goals"),
            [
                Hit(
                    g.title,
                    f"{g.plan.get_absolute_url()}#goals",
                    f"{g.plan.title} · {g.plan.organisation.name}",
                )
                for g in goals
            ],
        )
    )
    activities = (
        Activity.objects.filter(plan__in=plans)
        .filter(Q(title__icontains=query) | Q(description__icontains=query))
        .select_related("plan__organisation")[:PER_GROUP]
    )
    results.groups.append(
        HitGroup(
            "activities",
            _("Activities"),
            [
                Hit(a.title, a.get_absolute_url(), f"{a.plan.title} · {a.plan.organisation.name}")
                for a in activities
            ],
        )
    )
    if user.is_authenticated:
        indicators = Indicator.objects.filter(
            Q(owner__isnull=True) | Q(owner_id__in=_member_ids(user))
        ).filter(
            Q(title_en__icontains=query) | Q(title_sv__icontains=query) | Q(code__iexact=query)
        )
        results.groups.append(
            HitGroup(
                "indicators",
                _("Indicators"),
                [
                    Hit(f"{i.code} {i.title}", i.get_absolute_url(), i.unit)
                    for i in indicators.order_by("code")[:PER_GROUP]
                ],
            )
        )
        documents = search_documents(
            organisation_ids=_searchable_ids(user), query=query, limit=PER_GROUP
        )
        results.groups.append(
            HitGroup(
                "documents",
                _("Documents"),
                [_document_hit(hit) for hit in documents.hits],
                more_url=f"{reverse('document_search:search')}?q={query}"
                if documents.total > len(documents.hits)
                else "",
            )
        )
        meetings = _visible_meetings(user).filter(
            Q(place__icontains=query)
            | Q(agenda__icontains=query)
            | Q(minutes__icontains=query)
            | Q(body__name__icontains=query)
        )
        results.groups.append(
            HitGroup(
                "meetings",
                _("Meetings"),
                [
                    Hit(
                        f"{m.body.name}, {m.place or m.body.network.name}",
                        m.get_absolute_url(),
                        m.body.network.name,
                    )
                    for m in meetings.select_related("body__network").order_by("-date")[:PER_GROUP]
                ],
            )
        )
    results.groups = [group for group in results.groups if group.hits]
    return results


def _searchable_ids(user) -> list[int]:
    from equalocal.documents.selectors import searchable_organisations

    return [organisation.pk for organisation in searchable_organisations(user)]


def _document_hit(hit) -> Hit:
    document = Document.objects.filter(pk=hit.document_id).select_related("organisation").first()
    url = ""
    if document is not None:
        url = reverse(
            "documents:detail", kwargs={"org": document.organisation.slug, "document": document.pk}
        )
    return Hit(hit.title, url, hit.organisation_name, snippet_html=hit.snippet_html)


def _visible_meetings(user):
    """Meetings of the groups of networks the user works in (as a member or coordinator)."""
    if user.is_staff:
        return Meeting.objects.all()
    network_ids = set()
    for membership in memberships_for_user(user):
        network_ids |= {n.pk for n in networks_of(membership.organisation, today=date.today())}
    return Meeting.objects.filter(body__network_id__in=network_ids)


# My work ------------------------------------------------------------------------------------------


@dataclass
class Deadline:
    organisation: Organisation
    overview: object  # charters.selectors.CommitmentOverview


@dataclass
class MyWork:
    activities: list[Activity]
    reviews: list[Activity]
    documents: list[Document]
    deadlines: list[Deadline]
    proposals: list[FigureProposal]
    requests: list[NetworkSharing]
    today: date

    @property
    def empty(self) -> bool:
        return not (self.activities or self.reviews or self.documents or self.proposals)


def my_work(user, *, today: date) -> MyWork:
    """What waits for this person: their activities (overdue first), reviews due within two
    weeks, documents to review and figures to answer in organisations where they edit,
    network requests where they are admin, and each organisation's deadline."""
    people = Person.objects.filter(user=user)
    mine = (
        Activity.objects.filter(responsible_person__in=people, status__in=OPEN)
        .filter(plan__deleted_at__isnull=True)
        .select_related("plan__organisation", "goal")
    )
    activities = sorted(
        mine,
        key=lambda a: (
            not a.is_overdue(today),
            a.end_date or date.max,
            a.title,
        ),
    )
    horizon = today + timedelta(days=REVIEW_DAYS)
    reviews = [a for a in activities if a.next_review_on and a.next_review_on <= horizon]
    memberships = memberships_for_user(user)
    editing = [m.organisation_id for m in memberships if m.role in (Role.EDITOR, Role.ADMIN)]
    managing = [m.organisation_id for m in memberships if m.role == Role.ADMIN]
    documents = list(
        Document.objects.filter(organisation_id__in=editing, stage=Stage.REVIEW)
        .select_related("organisation")
        .order_by("-created_at")[:20]
    )
    proposals = list(
        FigureProposal.objects.filter(
            organisation_id__in=editing, status=FigureProposal.Status.PENDING
        ).select_related("network", "organisation")
    )
    requests = list(
        NetworkSharing.objects.filter(
            member_id__in=managing, status=SharingStatus.PENDING
        ).select_related("network", "member")
    )
    deadlines = []
    for membership in memberships:
        commitment = active_commitment(membership.organisation)
        if commitment is not None:
            deadlines.append(
                Deadline(
                    organisation=membership.organisation,
                    overview=commitment_overview(commitment, today=today),
                )
            )
    return MyWork(
        activities=activities,
        reviews=reviews,
        documents=documents,
        deadlines=deadlines,
        proposals=proposals,
        requests=requests,
        today=today,
    )


# The first-run checklist ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    done: bool
    url: str  # the page where the step is done; empty while it waits for an earlier step
    action: str
    role: str = Role.EDITOR  # the least role that does the step
    waiting: str = ""  # why there is no page for the step yet


def first_run_checklist(organisation: Organisation, *, today: date) -> list[ChecklistItem]:
    """An organisation's first steps, each ticked by its data, each with the page to do it.

    Every link leads to the form where its step is done in the current state: the decision
    to the commitment's step form (or to recording the commitment when there is none), the
    priorities to the plan's form (the new plan's before a plan exists). Adding an activity
    and recording the adoption need the plan: until it exists, they have no link but say so.
    """
    slug = {"org": organisation.slug}
    commitment = active_commitment(organisation)
    decided = commitment is not None and commitment.status in (
        CommitmentStatus.DECIDED,
        CommitmentStatus.SIGNED,
    )
    plans = list(
        ActionPlan.objects.alive()
        .filter(organisation=organisation, kind=PlanKind.CHARTER)
        .order_by("-version_number")
    )
    plan = plans[0] if plans else None
    articles = bool(plan) and (
        plan.priorities.exists() or Goal.objects.filter(plan=plan, articles__isnull=False).exists()
    )
    activity = bool(plan) and plan.activities.exists()
    # The rule the commitment's deadline and checklist use: a plan is adopted on its date.
    adopted = CharterPlans(plans=plans, last_progress_on=None).first_adopted_on is not None
    colleagues = (
        Membership.objects.filter(organisation=organisation).count() > 1
        or Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True).exists()
    )
    figures = Measurement.objects.filter(organisation=organisation).exists()
    if commitment is None:
        decision_url = reverse("charters:commitment-create", kwargs=slug)
    else:
        decision_url = reverse(
            "charters:commitment-step", kwargs={**slug, "commitment": commitment.pk}
        )
    if plan is None:
        plan_form_url = reverse("plans:create", kwargs=slug)
        activity_url = adoption_url = ""
    else:
        plan_form_url = reverse("plans:edit", kwargs={**slug, "plan": plan.pk})
        activity_url = reverse("plans:activity-create", kwargs={**slug, "plan": plan.pk})
        adoption_url = plan_form_url
    needs_plan = _("Once the plan is created.")
    return [
        ChecklistItem(
            "decision",
            _("Record the decision to sign the Charter"),
            decided,
            decision_url,
            _("Record a step") if commitment else _("Record the commitment"),
        ),
        ChecklistItem(
            "plan",
            _("Create the action plan"),
            plan is not None,
            plan.get_absolute_url() if plan else reverse("plans:create", kwargs=slug),
            _("Open the plan") if plan else _("Create the plan"),
        ),
        ChecklistItem(
            "articles",
            _("Link the plan to the Charter articles it works on"),
            articles,
            # The priorities are a field of the plan's form, new or saved.
            f"{plan_form_url}#id_priorities",
            _("Choose priorities"),
        ),
        ChecklistItem(
            "activity",
            _("Add the first activity"),
            activity,
            activity_url,
            _("Add an activity"),
            waiting=needs_plan,
        ),
        ChecklistItem(
            "adopted",
            _("Record the plan's adoption"),
            adopted,
            adoption_url,
            _("Record the adoption"),
            waiting=needs_plan,
        ),
        ChecklistItem(
            "colleagues",
            _("Invite colleagues"),
            colleagues,
            reverse("organisations:members", kwargs=slug) + "#invite",
            _("Invite someone"),
            role=Role.ADMIN,
        ),
        ChecklistItem(
            "indicators",
            _("Add indicators, or import figures from Kolada"),
            figures,
            reverse("indicators:import", kwargs=slug),
            _("Import figures"),
        ),
    ]
