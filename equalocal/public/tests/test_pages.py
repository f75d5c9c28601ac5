"""Public profiles, national overviews, network signatory lists and the feed show only
what organisations publish."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.organisations.models import OrganisationKind
from equalocal.plans.models import ActivityStatus, PlanKind, PlanStatus
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    CommitmentStepFactory,
    GoalFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    PublishingFactory,
)

pytestmark = pytest.mark.django_db


def _commitment(organisation, *, status=CommitmentStatus.SIGNED, decided_on=date(2025, 3, 1)):
    commitment = CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code="2022"),
        status=status,
        decided_on=decided_on,
    )
    CommitmentStepFactory(
        commitment=commitment,
        status=CommitmentStatus.DECIDED,
        date=decided_on,
        deciding_body="Kommunfullmäktige",
        paragraph="§ 12",
        case_number="KS 2025/7",
    )
    return commitment


def _published_plan(organisation, **fields):
    defaults = {
        "kind": PlanKind.CHARTER,
        "status": PlanStatus.ADOPTED,
        "adopted_on": date(2025, 9, 1),
        "is_published": True,
        "title": "Jämställdhetsplan 2025–2027",
    }
    plan = ActionPlanFactory(organisation=organisation, **{**defaults, **fields})
    goal = GoalFactory(plan=plan, title="Lika lön")
    activity = ActivityFactory(
        plan=plan, goal=goal, title="Lönekartläggning", status=ActivityStatus.DONE, progress=100
    )
    return plan, activity


def test_anonymous_profile_shows_published_steps_plans_and_public_contacts(client):
    organisation = OrganisationFactory(
        name="Umeå kommun",
        address="901 84 Umeå",
        phone="090-16 10 00",
        vision="Ett jämställt Umeå.",
        latitude=63.82578,
        longitude=20.26302,
    )
    _commitment(organisation)
    _plan, _activity = _published_plan(organisation)
    ActionPlanFactory(organisation=organisation, title="Utkast om våld i nära relationer")
    PersonFactory(organisation=organisation, name="Offentlig Kontakt", is_public_contact=True)
    PersonFactory(organisation=organisation, name="Intern Handläggare", email="intern@umea.example")

    response = client.get(reverse("public:profile", kwargs={"org": organisation.slug}))

    content = response.content.decode()
    assert response.status_code == 200
    for shown in [
        "Ett jämställt Umeå.",
        "901 84 Umeå",
        "090-16 10 00",
        "Kommunfullmäktige",
        "KS 2025/7",
        "Jämställdhetsplan 2025–2027",
        "Lika lön",
        "Lönekartläggning",
        "Offentlig Kontakt",
        '<meta name="description" content="Ett jämställt Umeå.">',
        '"@type": "GovernmentOrganization"',
    ]:
        assert shown in content, shown
    for hidden in ["Utkast om våld", "Intern Handläggare", "intern@umea.example"]:
        assert hidden not in content, hidden
    # Progress is not published by default.
    assert "Latest progress report" not in content


def test_profile_hides_the_commitment_when_it_is_not_published_and_shows_progress_when_it_is(
    client,
):
    organisation = OrganisationFactory(name="Vindelns kommun")
    _commitment(organisation)
    _plan, activity = _published_plan(organisation)
    ProgressUpdateFactory(activity=activity, date=date(2025, 11, 3))
    PublishingFactory(organisation=organisation, commitment=False, progress=True)

    response = client.get(reverse("public:profile", kwargs={"org": organisation.slug}))

    content = response.content.decode()
    assert "KS 2025/7" not in content
    assert "No Charter commitment is published." in content
    assert response.context["profile"].signatory is None
    (public_plan,) = response.context["profile"].plans
    assert public_plan.progress == 100
    assert public_plan.last_update == date(2025, 11, 3)
    assert "Latest progress report" in content


def test_a_visitor_goes_from_the_profile_to_the_plan_and_on_to_its_priority_articles(client):
    """The path of issue 16's visitor: the directory's profile links the published plan's page,
    and the plan page links each priority to the article's page (its practices and plans)."""
    from equalocal.charters.models import Article

    organisation = OrganisationFactory(name="Umeå kommun")
    _commitment(organisation)
    plan, _activity = _published_plan(organisation)
    article = Article.objects.get(charter__code="2022", number=9)
    plan.priorities.set([article])

    profile = client.get(reverse("public:profile", kwargs={"org": organisation.slug}))
    assert f'href="{plan.get_absolute_url()}"' in profile.content.decode()
    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    article_url = reverse("charters:article", kwargs={"charter": "2022", "number": 9})
    assert f'href="{article_url}"' in page.content.decode()
    assert plan.title in client.get(article_url).content.decode()


def test_profile_of_an_unknown_organisation_is_404(client):
    assert client.get(reverse("public:profile", kwargs={"org": "no-such"})).status_code == 404


def test_profile_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    organisation = OrganisationFactory()
    _commitment(organisation)
    for _ in range(3):
        _published_plan(organisation)
    url = reverse("public:profile", kwargs={"org": organisation.slug})
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(20):
        plan, _activity = _published_plan(organisation)
        GoalFactory(plan=plan)
        ActivityFactory(plan=plan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def _association_with_members(today):
    skr = NetworkFactory(name="SKR", kind=OrganisationKind.NATIONAL_ASSOCIATION)
    rows = {
        # name: (decided, plan adopted)
        "I tid": (today - timedelta(days=100), None),
        "Snart": (today - timedelta(days=2 * 365 - 60), None),
        "Sen": (today - timedelta(days=3 * 365), None),
        "Klar": (today - timedelta(days=400), today - timedelta(days=30)),
    }
    for name, (decided, adopted) in rows.items():
        member = OrganisationFactory(name=name)
        NetworkMembershipFactory(network=skr, member=member, joined_on=date(2020, 1, 1))
        _commitment(member, decided_on=decided)
        if adopted:
            _plan, activity = _published_plan(member, adopted_on=adopted)
            ProgressUpdateFactory(activity=activity, date=today - timedelta(days=3))
            PublishingFactory(organisation=member, progress=True)
    quiet = OrganisationFactory(name="Tyst")
    NetworkMembershipFactory(network=skr, member=quiet, joined_on=date(2020, 1, 1))
    _commitment(quiet)
    PublishingFactory(organisation=quiet, commitment=False)
    NetworkMembershipFactory(network=skr, member=OrganisationFactory(name="Utan"))
    return skr


def test_national_overview_counts_on_time_due_overdue_and_no_plan(client):
    today = timezone.localdate()
    skr = _association_with_members(today)

    response = client.get(reverse("public:national", kwargs={"org": skr.slug}))

    overview = response.context["overview"]
    assert len(overview.members) == 6
    assert len(overview.signatories) == 4
    assert overview.on_time == 2  # "I tid" (deadline far) and "Klar" (adopted in time)
    assert overview.due_soon == 1
    assert overview.overdue == 1
    assert overview.no_plan == 3
    assert overview.latest_report == today - timedelta(days=3)
    assert overview.not_published == 2
    assert "Tyst" not in response.content.decode()


def test_national_overview_is_only_for_national_associations(client):
    network = NetworkFactory()
    assert client.get(reverse("public:national", kwargs={"org": network.slug})).status_code == 404


def test_public_network_page_lists_members_charter_status_and_deadline(client):
    network = NetworkFactory(name="Umeåregionen")
    shown = OrganisationFactory(name="Vännäs kommun")
    _commitment(shown, decided_on=date(2025, 3, 1))
    private = OrganisationFactory(name="Bjurholms kommun")
    _commitment(private)
    PublishingFactory(organisation=private, commitment=False)
    for member in (shown, private):
        NetworkMembershipFactory(network=network, member=member, joined_on=date(2020, 1, 1))

    response = client.get(reverse("public_networks:network", kwargs={"org": network.slug}))

    content = response.content.decode()
    section = content[content.index("Members and the Equality Charter") :]
    assert "Vännäs kommun" in section
    assert '<time datetime="2027-03-01">' in section  # two years after the decision
    assert "Bjurholms kommun" in section
    assert section.count("not published") == 1


def test_feed_lists_published_signatures_and_plans_only(client):
    open_org = OrganisationFactory(name="Öppna kommun")
    commitment = _commitment(open_org)
    CommitmentStepFactory(
        commitment=commitment, status=CommitmentStatus.SIGNED, date=date(2025, 4, 1)
    )
    _published_plan(open_org)
    closed = OrganisationFactory(name="Slutna kommun")
    commitment = _commitment(closed)
    CommitmentStepFactory(
        commitment=commitment, status=CommitmentStatus.SIGNED, date=date(2025, 4, 2)
    )
    PublishingFactory(organisation=closed, commitment=False)
    ActionPlanFactory(organisation=closed, title="Opublicerad plan", adopted_on=date(2025, 5, 1))

    response = client.get(reverse("public:feed"))

    content = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Öppna kommun signed the Charter (2022 text)" in content
    assert "Öppna kommun adopted “Jämställdhetsplan 2025–2027”" in content
    assert "Slutna kommun" not in content
    assert "Opublicerad plan" not in content


def test_admin_sets_address_phone_vision_and_coordinates(client, personas):
    client.force_login(personas.user("admin"))
    org = personas.org_a
    url = reverse("organisations:edit", kwargs={"org": org.slug})
    data = {
        "name": org.name,
        "country": "SE",
        "website": "",
        "description": "",
        "vision": "Jämställdhet i allt vi gör.",
        "address": "Box 1, 901 84 Umeå",
        "phone": "090-16 10 00",
        "latitude": "63.82578",
        "longitude": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.content.decode()

    response = client.post(url, {**data, "longitude": "20.26302"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.vision, org.phone, str(org.longitude)) == (
        "Jämställdhet i allt vi gör.",
        "090-16 10 00",
        "20.26302",
    )
    response = client.post(url, {**data, "latitude": "91", "longitude": "20"})
    assert response.status_code == 200
    org.refresh_from_db()
    assert str(org.latitude) == "63.82578"
