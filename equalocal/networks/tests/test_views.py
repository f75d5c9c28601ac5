"""The network pages through the test client: roles, forms, bad input, htmx, queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equalocal.charters.models import CommitmentStatus
from equalocal.networks.models import (
    Body,
    DashboardVisibility,
    MatrixCell,
    Meeting,
    MeetingDecision,
    NetworkMembership,
    NetworkSettings,
    Seat,
    SeatRole,
)
from equalocal.organisations.models import NetworkSharing, Role
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    BodyFactory,
    CommitmentFactory,
    CommitmentStepFactory,
    MatrixCellFactory,
    MeetingFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkSettingsFactory,
    NetworkSharingFactory,
    OrganisationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    SeatFactory,
    UserFactory,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Network:
    """A network N of which org A is a member (not a coordinator), with a working group."""

    def __init__(self, personas):
        today = timezone.localdate()
        self.today = today
        self.network = NetworkFactory(name="Nätverket N", slug="network-n")
        self.coordinator = UserFactory(email="coordinator@network-n.example")
        MembershipFactory(user=self.coordinator, organisation=self.network, role=Role.EDITOR)
        self.network_admin = UserFactory(email="admin@network-n.example")
        MembershipFactory(user=self.network_admin, organisation=self.network, role=Role.ADMIN)
        self.org_a = personas.org_a
        self.org_c = OrganisationFactory(name="Kotka", slug="kotka")
        self.org_d = OrganisationFactory(name="Vindeln", slug="vindeln")
        self.membership_a = NetworkMembershipFactory(
            network=self.network, member=self.org_a, joined_on=date(2020, 1, 1)
        )
        # Org A lets the network see its plan progress and its contacts; Vindeln its progress.
        NetworkSharing.objects.filter(network=self.network, member=self.org_a).update(
            progress=True, contacts=True
        )
        self.membership_c = NetworkMembershipFactory(
            network=self.network,
            member=self.org_c,
            joined_on=date(2015, 1, 1),
            left_on=date(2023, 6, 30),
            leave_reason="Kotka has left",
        )
        self.membership_d = NetworkMembershipFactory(
            network=self.network, member=self.org_d, joined_on=date(2018, 5, 1)
        )
        NetworkSharing.objects.filter(network=self.network, member=self.org_d).update(progress=True)
        NetworkSharing.objects.filter(network=self.network, member=self.org_d).update(progress=True)
        self.group = BodyFactory(
            network=self.network,
            name="Gender Equality Working Group",
            slug="gender-equality",
            purpose="Equality in member cities.",
            set_up_by="UBC Executive Board",
            set_up_where="Kemi",
            set_up_on=date(2015, 9, 1),
        )
        self.commission = BodyFactory(
            network=self.network, kind="commission", name="Sustainable Cities", slug="sustainable"
        )
        self.board = BodyFactory(
            network=self.network, kind="board", name="Board", slug="board", is_public=False
        )
        self.anna = PersonFactory(
            organisation=self.org_a, name="Anna Hemlig", email="anna@org-a.example"
        )
        self.bertil = PersonFactory(organisation=self.org_a, name="Bertil Byte")
        self.public_person = PersonFactory(
            organisation=self.org_d,
            name="Petra Publik",
            email="petra@vindeln.example",
            is_public_contact=True,
        )
        self.seat_a = SeatFactory(
            body=self.group, member=self.org_a, person=self.anna, role=SeatRole.COORDINATOR
        )
        self.seat_d = SeatFactory(body=self.group, member=self.org_d, person=None)
        self.seat_d_contact = SeatFactory(
            body=self.group, member=self.org_d, person=self.public_person, role=SeatRole.CONTACT
        )
        self.meeting = MeetingFactory(
            body=self.group, date=today + timedelta(days=30), place="Kristiansand"
        )

    def kwargs(self, name):
        group = {"org": self.network.slug, "group": self.group.slug}
        return {
            "overview": {"org": self.network.slug},
            "dashboard": {"org": self.network.slug},
            "members": {"org": self.network.slug},
            "member-join": {"org": self.network.slug},
            "member-leave": {"org": self.network.slug, "membership": self.membership_a.pk},
            "settings": {"org": self.network.slug},
            "group": group,
            "seat-create": group,
            "seat-edit": {**group, "seat": self.seat_a.pk},
            "meeting": {**group, "meeting": self.meeting.pk},
            "meeting-create": group,
            "meeting-edit": {**group, "meeting": self.meeting.pk},
            "decision-add": {**group, "meeting": self.meeting.pk},
            "matrix-edit": group,
            "matrix-export": group,
        }[name]

    def url(self, name, **extra):
        return reverse(f"networks:{name}", kwargs={**self.kwargs(name), **extra})


@pytest.fixture
def net(personas):
    return Network(personas)


def signed_in(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


# Who may open which page: org A is a member of the network, not a coordinator --------------------

PERSONA_ORDER = ["anonymous", "viewer", "editor", "admin", "outsider", "staff"]
MEMBER_PAGE = [302, 200, 200, 200, 404, 200]
COORDINATOR_PAGE = [302, 403, 403, 403, 404, 200]
EXPECTED = {
    "overview": MEMBER_PAGE,
    "dashboard": MEMBER_PAGE,
    "members": MEMBER_PAGE,
    "member-join": COORDINATOR_PAGE,
    "member-leave": COORDINATOR_PAGE,
    "settings": COORDINATOR_PAGE,
    "group": MEMBER_PAGE,
    "seat-create": COORDINATOR_PAGE,
    # Org A's own seat: its admin may change the representative.
    "seat-edit": [302, 403, 403, 200, 404, 200],
    "meeting": MEMBER_PAGE,
    "meeting-create": COORDINATOR_PAGE,
    "meeting-edit": COORDINATOR_PAGE,
    "decision-add": COORDINATOR_PAGE,
    "matrix-edit": COORDINATOR_PAGE,
    # A file: anonymous visitors get 404, as outsiders do (tests/test_media_probe.py).
    "matrix-export": [404, *MEMBER_PAGE[1:]],
}


@pytest.mark.parametrize("name", list(EXPECTED))
@pytest.mark.parametrize("persona", PERSONA_ORDER)
def test_pages_by_persona(client, personas, net, name, persona):
    expected = EXPECTED[name][PERSONA_ORDER.index(persona)]
    response = signed_in(client, personas, persona).get(net.url(name))
    assert response.status_code == expected


@pytest.mark.parametrize("persona", PERSONA_ORDER)
def test_public_pages_are_open_to_everyone(client, personas, net, persona):
    signed_in(client, personas, persona)
    network_page = client.get(reverse("public_networks:network", kwargs={"org": "network-n"}))
    group_page = client.get(
        reverse("public_networks:group", kwargs={"org": "network-n", "group": "gender-equality"})
    )
    assert network_page.status_code == 200
    assert group_page.status_code == 200


@pytest.mark.parametrize("name", ["overview", "group", "member-join"])
def test_coordinator_opens_the_pages(client, net, name):
    client.force_login(net.coordinator)
    assert client.get(net.url(name)).status_code == 200


def test_coordinator_may_not_change_settings(client, net):
    client.force_login(net.coordinator)
    assert client.get(net.url("settings")).status_code == 403


def test_a_municipality_has_no_network_pages(client, personas):
    sign_in(client, personas.user("staff"))
    assert client.get(reverse("networks:overview", kwargs={"org": "org-a"})).status_code == 404
    public = reverse("public_networks:network", kwargs={"org": "org-a"})
    assert client.get(public).status_code == 404


def test_unknown_group_meeting_and_seat_give_404(client, net):
    client.force_login(net.coordinator)
    group = {"org": "network-n", "group": "gender-equality"}
    assert client.get(reverse("networks:group", kwargs={**group, "group": "nope"})).status_code == (
        404
    )
    assert client.get(
        reverse("networks:meeting", kwargs={**group, "meeting": 999})
    ).status_code == (404)
    assert client.get(reverse("networks:seat-edit", kwargs={**group, "seat": 999})).status_code == (
        404
    )


def test_a_seat_of_another_group_is_404(client, net):
    other = SeatFactory(body=net.commission, member=net.org_a, person=net.anna)
    client.force_login(net.coordinator)
    url = reverse(
        "networks:seat-edit",
        kwargs={"org": "network-n", "group": "gender-equality", "seat": other.pk},
    )
    assert client.get(url).status_code == 404


def test_admin_of_a_member_may_not_edit_another_members_seat(client, personas, net):
    client.force_login(personas.user("admin"))
    assert client.get(net.url("seat-edit", seat=net.seat_d.pk)).status_code == 403


def test_a_member_that_left_no_longer_sees_the_network(client, net):
    user = UserFactory()
    MembershipFactory(user=user, organisation=net.org_c, role=Role.ADMIN)
    sign_in(client, user)
    assert client.get(net.url("overview")).status_code == 404


# The dashboard ----------------------------------------------------------------------------------


def test_members_see_every_row_by_default(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("dashboard"))
    assert {row.organisation.name for row in response.context["rows"]} == {
        "Org A kommun",
        "Vindeln",
    }
    assert response.context["counts"].members == 2


def test_with_coordinators_only_a_member_admin_sees_their_own_row(client, personas, net):
    NetworkSettingsFactory(
        network=net.network, dashboard_visibility=DashboardVisibility.COORDINATORS
    )
    client.force_login(personas.user("admin"))
    response = client.get(net.url("dashboard"))
    assert [row.organisation.name for row in response.context["rows"]] == ["Org A kommun"]
    assert "Vindeln" not in response.content.decode()
    assert response.context["own_rows_only"]


def test_with_coordinators_only_a_member_viewer_gets_404(client, personas, net):
    NetworkSettingsFactory(
        network=net.network, dashboard_visibility=DashboardVisibility.COORDINATORS
    )
    client.force_login(personas.user("viewer"))
    assert client.get(net.url("dashboard")).status_code == 404
    assert client.get(net.url("overview")).status_code == 200


def test_with_coordinators_only_coordinators_see_everything(client, net):
    NetworkSettingsFactory(
        network=net.network, dashboard_visibility=DashboardVisibility.COORDINATORS
    )
    client.force_login(net.coordinator)
    assert client.get(net.url("dashboard")).context["counts"].members == 2


def test_dashboard_shows_commitment_progress_and_last_update(client, net):
    plan = ActionPlan.objects.get(organisation=net.org_a, title="Handlingsplan")
    Activity.objects.filter(plan=plan).update(status=ActivityStatus.IN_PROGRESS, progress=40)
    ProgressUpdateFactory(
        activity=plan.activities.first(), date=date(2025, 5, 2), status="in_progress", progress=40
    )
    client.force_login(net.coordinator)
    response = client.get(net.url("dashboard"))
    rows = {row.organisation.name: row for row in response.context["rows"]}
    assert rows["Org A kommun"].commitment.status == CommitmentStatus.DECIDED
    assert rows["Org A kommun"].progress == 40
    assert rows["Org A kommun"].last_update == date(2025, 5, 2)
    assert rows["Vindeln"].no_plan
    assert response.context["counts"].with_plan == 1


def test_dashboard_shows_a_recommended_members_provisional_deadline(client, net):
    """A member whose council has only been recommended to sign: the commitment page shows a
    provisional deadline (two years from the recommendation), and so does the dashboard now,
    with the same words (charters/includes/deadline.html); it binds nobody yet, so no flag."""
    from equalocal.charters.models import CommitmentStep
    from equalocal.exchange.exports import dashboard_export

    recommended_on = net.today - timedelta(days=800)
    commitment = CommitmentFactory(organisation=net.org_d, status=CommitmentStatus.RECOMMENDED)
    CommitmentStep.objects.create(
        commitment=commitment, status=CommitmentStatus.RECOMMENDED, date=recommended_on
    )
    deadline = commitment.provisional_plan_deadline
    assert deadline is not None and deadline < net.today
    client.force_login(net.coordinator)
    response = client.get(net.url("dashboard"))
    page = " ".join(response.content.decode().split())
    row = page[page.index(">Vindeln</a>") :]
    row = row[: row.index("</tr>")]
    assert "Provisional" in row
    assert f"Provisional deadline {deadline:%-d %B %Y}, passed" in row
    assert "overdue" not in row.lower()
    assert response.context["counts"].overdue == 0
    rows = {row.organisation.name: row for row in response.context["rows"]}
    assert rows["Vindeln"].due.provisional and rows["Vindeln"].due.state.deadline == deadline
    export = dashboard_export(response.context["rows"])
    line = next(line for line in export.rows if line[0] == "Vindeln")
    assert deadline in line and "provisional" in line


def test_dashboard_filters_and_sorts(client, net):
    client.force_login(net.coordinator)
    response = client.get(net.url("dashboard"), {"flag": "no_plan"})
    assert [row.organisation.name for row in response.context["rows"]] == ["Vindeln"]
    response = client.get(net.url("dashboard"), {"status": "none"})
    assert [row.organisation.name for row in response.context["rows"]] == ["Vindeln"]
    response = client.get(net.url("dashboard"), {"sort": "-name"})
    assert [row.organisation.name for row in response.context["rows"]] == [
        "Vindeln",
        "Org A kommun",
    ]
    assert 'aria-sort="descending"' in response.content.decode()


def test_dashboard_ignores_bad_filter_values(client, net):
    client.force_login(net.coordinator)
    response = client.get(
        net.url("dashboard"), {"status": "bogus", "flag": "x", "country": "ZZ", "sort": "evil"}
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2


def test_dashboard_htmx_returns_the_rows_only(client, net):
    client.force_login(net.coordinator)
    response = client.get(net.url("dashboard"), {"flag": "no_plan"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert "Vindeln" in body


def _members_with_plans(network, count):
    for n in range(count):
        member = OrganisationFactory(name=f"Member {n:03d}")
        NetworkMembershipFactory(network=network, member=member, joined_on=date(2020, 1, 1))
        if n % 5 == 4:  # recommended only: a provisional deadline from its step
            CommitmentStepFactory(
                commitment=CommitmentFactory(
                    organisation=member, status=CommitmentStatus.RECOMMENDED
                ),
                date=date(2025, 1, 1),
            )
        else:
            CommitmentFactory(
                organisation=member,
                status=CommitmentStatus.SIGNED if n % 2 else CommitmentStatus.DECIDED,
                decided_on=date(2019, 1, 1),
            )
        if n % 3:
            activity = ActivityFactory(
                plan__organisation=member, status=ActivityStatus.DONE, progress=100
            )
            ProgressUpdateFactory(activity=activity, date=date(2024, 1, n % 28 + 1))


@pytest.mark.parametrize("count", [5, 60, 500])
def test_dashboard_runs_a_bounded_number_of_queries(
    client, net, django_assert_max_num_queries, count
):
    _members_with_plans(net.network, count)
    client.force_login(net.coordinator)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(net.url("dashboard"), {"sort": "progress"})
    assert response.context["counts"].members == count + 2
    assert response.context["counts"].overdue > 0


# Members: joining and leaving -------------------------------------------------------------------


def test_members_page_lists_history_and_timeline(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("members"))
    body = response.content.decode()
    assert "Kotka has left" in body
    assert "gantt-bar" in body
    assert len(response.context["history"].events) == 4


def test_members_on_a_date(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("members"), {"on": "2016-01-01"})
    assert [m.member.name for m in response.context["members_on"]] == ["Kotka"]


def test_members_on_a_bad_date_is_ignored(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("members"), {"on": "yesterday"})
    assert response.status_code == 200
    assert response.context["members_on"] is None


def test_coordinator_asks_a_new_member_and_its_admin_accepts(client, net):
    orebro = OrganisationFactory(name="Örebro", slug="orebro")
    orebro_admin = UserFactory(email="admin@orebro.example")
    MembershipFactory(user=orebro_admin, organisation=orebro, role=Role.ADMIN)
    client.force_login(net.coordinator)
    response = client.post(
        net.url("member-join"),
        {"member": orebro.pk, "joined_on": "2024-02-01", "note": "New members: Örebro"},
    )
    assert response.status_code == 302
    # A request with no rights: nothing is recorded until Örebro's admins answer.
    assert not NetworkMembership.objects.filter(network=net.network, member=orebro).exists()
    sharing = NetworkSharing.objects.get(network=net.network, member=orebro)
    assert sharing.status == "pending" and sharing.note == "New members: Örebro"

    client.force_login(orebro_admin)
    page = client.get(reverse("memberships:index", kwargs={"org": "orebro"})).content.decode()
    assert "New members: Örebro" in page
    response = client.post(
        reverse("memberships:answer", kwargs={"org": "orebro", "sharing": sharing.pk}),
        {"answer": "accept", f"s{sharing.pk}-shares": ["commitment", "figures"]},
    )
    assert response.status_code == 302
    membership = NetworkMembership.objects.get(network=net.network, member=orebro)
    assert membership.joined_on == date(2024, 2, 1)
    sharing.refresh_from_db()
    assert (sharing.status, sharing.commitment, sharing.figures, sharing.progress) == (
        "accepted",
        True,
        True,
        False,
    )


def test_joining_twice_shows_a_message(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("member-join"), {"member": net.org_a.pk, "joined_on": "2024-02-01"}
    )
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert NetworkMembership.objects.filter(member=net.org_a, network=net.network).count() == 1


def test_join_form_rejects_bad_input(client, net):
    client.force_login(net.coordinator)
    response = client.post(net.url("member-join"), {"member": "999999", "joined_on": "nope"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"member", "joined_on"}


def test_viewer_cannot_post_a_new_member(client, personas, net):
    client.force_login(personas.user("admin"))
    response = client.post(
        net.url("member-join"), {"member": personas.org_b.pk, "joined_on": "2024-02-01"}
    )
    assert response.status_code == 403
    assert not NetworkMembership.objects.filter(member=personas.org_b).exists()


def test_coordinator_records_a_member_leaving(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("member-leave"), {"left_on": "2024-12-31", "reason": "Decided by the board"}
    )
    assert response.status_code == 302
    net.membership_a.refresh_from_db()
    assert net.membership_a.left_on == date(2024, 12, 31)
    net.seat_a.refresh_from_db()
    assert net.seat_a.to_date == date(2024, 12, 31)


def test_leaving_before_joining_shows_a_message(client, net):
    client.force_login(net.coordinator)
    response = client.post(net.url("member-leave"), {"left_on": "2019-01-01"})
    assert response.status_code == 200
    assert "cannot leave before joining" in response.content.decode()
    net.membership_a.refresh_from_db()
    assert net.membership_a.left_on is None


def test_leaving_twice_shows_a_message(client, net):
    client.force_login(net.coordinator)
    url = reverse(
        "networks:member-leave", kwargs={"org": "network-n", "membership": net.membership_c.pk}
    )
    response = client.post(url, {"left_on": "2024-01-01"})
    assert response.status_code == 200
    assert "already left" in response.content.decode()


def test_membership_of_another_network_is_404(client, net):
    other = NetworkFactory(slug="other-net")
    foreign = NetworkMembershipFactory(network=other, member=net.org_a)
    client.force_login(net.coordinator)
    url = reverse("networks:member-leave", kwargs={"org": "network-n", "membership": foreign.pk})
    assert client.get(url).status_code == 404


# Groups and seats -------------------------------------------------------------------------------


def test_group_page_shows_seats_vacancies_and_meetings(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("group"))
    body = response.content.decode()
    assert "Anna Hemlig" in body
    assert "Vacant" in body
    assert "Kristiansand" in body
    assert "UBC Executive Board" in body
    assert response.context["upcoming"] == [net.meeting]


def test_group_page_shows_the_people_a_member_shares_with_the_network(client, net):
    user = UserFactory()
    MembershipFactory(user=user, organisation=net.org_d, role=Role.VIEWER)
    sign_in(client, user)
    body = client.get(net.url("group")).content.decode()
    assert "Anna Hemlig" in body and "anna@org-a.example" in body
    assert "petra@vindeln.example" in body


def test_group_page_hides_names_a_member_does_not_share(client, net):
    """Vulnerability 2: group pages showed non-public names to other members' people."""
    NetworkSharing.objects.filter(network=net.network, member=net.org_a).update(contacts=False)
    net.anna.title = "Jämställdhetsstrateg"
    net.anna.save()
    user = UserFactory()
    MembershipFactory(user=user, organisation=net.org_d, role=Role.VIEWER)
    sign_in(client, user)
    body = client.get(net.url("group")).content.decode()
    assert "Anna Hemlig" not in body and "anna@org-a.example" not in body
    assert "Jämställdhetsstrateg" in body
    # The public contact of another member is shown to everyone.
    assert "Petra Publik" in body and "petra@vindeln.example" in body
    export = client.get(net.url("matrix-export")).content
    from io import BytesIO

    from openpyxl import load_workbook

    header = [c.value for c in load_workbook(BytesIO(export)).active[1]]
    assert not any("Anna Hemlig" in str(value) for value in header)


def test_group_page_shows_details_to_the_own_organisation(client, personas, net):
    client.force_login(personas.user("viewer"))
    assert "anna@org-a.example" in client.get(net.url("group")).content.decode()


def test_member_admin_changes_their_representative(client, personas, net):
    client.force_login(personas.user("admin"))
    response = client.post(
        net.url("seat-edit"),
        {
            "person": net.bertil.pk,
            "role": SeatRole.MEMBER,  # ignored: only coordinators change the role
            "lock_version": net.seat_a.lock_version,
        },
    )
    assert response.status_code == 302
    net.seat_a.refresh_from_db()
    assert net.seat_a.person == net.bertil
    assert net.seat_a.role == SeatRole.COORDINATOR


def test_seat_form_refuses_a_person_of_another_organisation(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-edit"),
        {
            "person": net.public_person.pk,
            "role": SeatRole.COORDINATOR,
            "lock_version": net.seat_a.lock_version,
        },
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors


def test_seat_edit_after_someone_else_saved_shows_the_conflict(client, net):
    client.force_login(net.coordinator)
    stale = net.seat_a.lock_version
    Seat.objects.filter(pk=net.seat_a.pk).update(lock_version=stale + 1, person=net.bertil)
    response = client.post(
        net.url("seat-edit"),
        {"person": net.anna.pk, "role": SeatRole.COORDINATOR, "lock_version": stale},
    )
    assert response.status_code == 200
    assert "Someone else saved this" in response.content.decode()
    assert response.context["conflict"]
    net.seat_a.refresh_from_db()
    assert net.seat_a.person == net.bertil


def test_seat_can_be_marked_vacant(client, personas, net):
    client.force_login(personas.user("admin"))
    response = client.post(
        net.url("seat-edit"),
        {"person": net.anna.pk, "lock_version": net.seat_a.lock_version, "vacate": "1"},
    )
    assert response.status_code == 302
    net.seat_a.refresh_from_db()
    assert net.seat_a.is_vacant


def test_coordinator_adds_a_seat(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-create"),
        {"member": net.org_a.pk, "person": net.bertil.pk, "role": SeatRole.SUBSTITUTE},
    )
    assert response.status_code == 302
    assert Seat.objects.filter(body=net.group, person=net.bertil).exists()


def test_a_seat_for_an_organisation_that_is_not_a_member_then_is_refused(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-create"),
        {"member": net.org_c.pk, "role": SeatRole.MEMBER, "from_date": "2024-01-01"},
    )
    assert response.status_code == 200
    assert "is not a member of" in response.content.decode()
    assert not Seat.objects.filter(member=net.org_c).exists()


def test_seat_create_refuses_an_organisation_outside_the_network(client, personas, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-create"), {"member": personas.org_b.pk, "role": SeatRole.MEMBER}
    )
    assert response.status_code == 200
    assert "member" in response.context["form"].errors


# Meetings ---------------------------------------------------------------------------------------


def test_coordinator_records_a_meeting_with_attendees(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("meeting-create"),
        {
            "date": "2017-04-11",
            "status": "held",
            "place": "Gdańsk",
            "agenda": "1. Opening",
            "attendees": [net.seat_a.pk, net.seat_d_contact.pk],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(place="Gdańsk")
    assert set(meeting.attendees.all()) == {net.seat_a, net.seat_d_contact}
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Anna Hemlig" in page
    assert "1. Opening" in page


def test_an_attendee_who_is_not_a_representative_is_refused(client, net):
    other = SeatFactory(body=net.commission, member=net.org_a, person=net.anna)
    client.force_login(net.coordinator)
    for bad in [other.pk, net.seat_d.pk, "x"]:
        response = client.post(
            net.url("meeting-create"), {"date": "2017-04-11", "status": "held", "attendees": [bad]}
        )
        assert response.status_code == 200
        assert "attendees" in response.context["form"].errors
    assert not Meeting.objects.filter(date=date(2017, 4, 11)).exists()


def test_meeting_edit_keeps_and_changes_attendees(client, net):
    net.meeting.attendees.set([net.seat_a])
    client.force_login(net.coordinator)
    form = client.get(net.url("meeting-edit")).context["form"]
    assert form.initial["attendees"] == [net.seat_a.pk]
    response = client.post(
        net.url("meeting-edit"),
        {
            "date": net.meeting.date.isoformat(),
            "status": "planned",
            "place": "Berlin",
            "attendees": [net.seat_d_contact.pk],
        },
    )
    assert response.status_code == 302
    net.meeting.refresh_from_db()
    assert net.meeting.place == "Berlin"
    assert list(net.meeting.attendees.all()) == [net.seat_d_contact]


def test_meeting_with_a_bad_date_shows_the_error(client, net):
    client.force_login(net.coordinator)
    response = client.post(net.url("meeting-create"), {"date": "31/31/2020", "status": "held"})
    assert response.status_code == 200
    assert "date" in response.context["form"].errors


def test_coordinator_records_a_decision_linked_to_an_activity(client, personas, net):
    plan = ActionPlanFactory(organisation=net.network, title="Network plan")
    activity = ActivityFactory(plan=plan, title="Seminar")
    net.group.plan = plan
    net.group.save()
    client.force_login(net.coordinator)
    response = client.post(
        net.url("decision-add"), {"text": "Hold a seminar in Växjö", "activity": activity.pk}
    )
    assert response.status_code == 302
    decision = MeetingDecision.objects.get(meeting=net.meeting)
    assert decision.activity == activity
    page = client.get(net.url("meeting")).content.decode()
    assert "Hold a seminar in Växjö" in page


def test_decision_with_an_activity_of_another_plan_is_refused(client, personas, net):
    client.force_login(net.coordinator)
    foreign = Activity.objects.get(pk=personas.objects["activity"])
    response = client.post(net.url("decision-add"), {"text": "X", "activity": foreign.pk})
    assert response.status_code == 200
    assert "activity" in response.context["form"].errors
    response = client.post(net.url("decision-add"), {"text": ""})
    assert "text" in response.context["form"].errors


def test_member_viewer_cannot_add_a_decision(client, personas, net):
    client.force_login(personas.user("viewer"))
    assert client.post(net.url("decision-add"), {"text": "X"}).status_code == 403
    assert not MeetingDecision.objects.exists()


# The matrix -------------------------------------------------------------------------------------


def _cell(row, seat):
    return f"cell_{row.pk}_{seat.pk}"


def test_matrix_grid_has_labelled_selects(client, net):
    client.force_login(net.coordinator)
    body = client.get(net.url("matrix-edit")).content.decode()
    assert f'for="id_{_cell(net.commission, net.seat_a)}"' in body
    assert "Role of Org A kommun: Anna Hemlig for Sustainable Cities" in body


def test_coordinator_saves_the_matrix(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("matrix-edit"),
        {
            "expected_version": net.group.matrix_version,
            _cell(net.commission, net.seat_a): "responsible",
            _cell(net.board, net.seat_d_contact): "contact",
        },
    )
    assert response.status_code == 302
    assert MatrixCell.objects.count() == 2
    page = client.get(net.url("group")).content.decode()
    assert "Responsible" in page


def test_overlapping_matrix_edits_keep_both_versions_on_screen(client, net):
    MatrixCellFactory(group=net.group, row=net.board, seat=net.seat_a, role="contact")
    Body.objects.filter(pk=net.group.pk).update(matrix_version=2)
    client.force_login(net.coordinator)
    response = client.post(
        net.url("matrix-edit"),
        {"expected_version": 1, _cell(net.commission, net.seat_a): "responsible"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Another coordinator changed the matrix" in body
    form = response.context["form"]
    assert form[_cell(net.commission, net.seat_a)].value() == "responsible"
    assert form["expected_version"].value() == "2"
    assert response.context["current"].cells == {(net.board.pk, net.seat_a.pk): "contact"}
    # Nothing was lost and nothing was overwritten.
    assert list(MatrixCell.objects.values_list("role", flat=True)) == ["contact"]


def test_saving_again_after_a_conflict_keeps_both_coordinators_changes(client, net):
    """The conflict form holds the other coordinator's matrix with this person's changes on top."""
    MatrixCellFactory(group=net.group, row=net.board, seat=net.seat_a, role="contact")
    Body.objects.filter(pk=net.group.pk).update(matrix_version=2)
    client.force_login(net.coordinator)
    # Opened at version 1 with an empty matrix; only the commission cell was changed.
    first = client.post(
        net.url("matrix-edit"),
        {"expected_version": 1, "original": "{}", _cell(net.commission, net.seat_a): "responsible"},
    )
    form = first.context["form"]
    assert form[_cell(net.board, net.seat_a)].value() == "contact"  # theirs, not a blank
    resubmit = {name: form[name].value() or "" for name in form.fields}
    second = client.post(net.url("matrix-edit"), resubmit)
    assert second.status_code == 302
    assert set(MatrixCell.objects.values_list("row_id", "role")) == {
        (net.board.pk, "contact"),
        (net.commission.pk, "responsible"),
    }


def test_matrix_with_a_bad_role_is_refused(client, net):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("matrix-edit"),
        {"expected_version": 1, _cell(net.commission, net.seat_a): "boss"},
    )
    assert response.status_code == 200
    assert not MatrixCell.objects.exists()
    response = client.post(net.url("matrix-edit"), {_cell(net.commission, net.seat_a): "contact"})
    assert response.status_code == 200
    assert "expected_version" in response.context["form"].errors


def test_matrix_export_is_a_spreadsheet(client, personas, net):
    client.force_login(personas.user("viewer"))
    response = client.get(net.url("matrix-export"))
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    assert response.content[:2] == b"PK"


# Settings ---------------------------------------------------------------------------------------


def test_network_admin_changes_dashboard_visibility(client, net):
    client.force_login(net.network_admin)
    response = client.post(net.url("settings"), {"dashboard_visibility": "coordinators"})
    assert response.status_code == 302
    assert NetworkSettings.objects.get(network=net.network).dashboard_visibility == "coordinators"


def test_settings_refuses_an_unknown_choice(client, net):
    client.force_login(net.network_admin)
    response = client.post(net.url("settings"), {"dashboard_visibility": "everyone"})
    assert response.status_code == 200
    assert "dashboard_visibility" in response.context["form"].errors


# Public pages -----------------------------------------------------------------------------------


def test_public_group_shows_roles_not_private_names(client, net):
    url = reverse("public_networks:group", kwargs={"org": "network-n", "group": "gender-equality"})
    body = client.get(url).content.decode()
    assert "Anna Hemlig" not in body
    assert "anna@org-a.example" not in body
    assert "Coordinator, Org A kommun" in body
    assert "Petra Publik" in body
    assert "petra@vindeln.example" in body
    assert "Vacant" in body
    assert "Kristiansand" in body


def test_public_network_lists_public_groups_and_members(client, net):
    body = client.get(
        reverse("public_networks:network", kwargs={"org": "network-n"})
    ).content.decode()
    assert "Gender Equality Working Group" in body
    assert "Board" not in body
    assert "Org A kommun" in body
    assert "Kotka" not in body
    assert "Anna Hemlig" not in body


def test_group_only_participants_are_no_members_on_any_page(client, net):
    """Umeåregionen's page said "Cooperation of six municipalities" beside "7 members": an
    organisation taking part in a working group only was counted as a member of the network.
    The public page, its signatories section and the member dashboard now count the members
    of the network itself, as the overview does; the participant is named apart."""
    outside = OrganisationFactory(name="Örnsköldsvik")
    NetworkSharingFactory(network=net.network, member=outside, groups_only=True)
    NetworkMembershipFactory(body=net.group, member=outside, consent=False)
    hidden = OrganisationFactory(name="Hemliga kommunen")
    NetworkSharingFactory(network=net.network, member=hidden, groups_only=True)
    NetworkMembershipFactory(body=net.board, member=hidden, consent=False)

    page = client.get(
        reverse("public_networks:network", kwargs={"org": "network-n"})
    ).content.decode()
    members = page[page.index('id="members-heading"') :]
    members = members[: members.index("</section>")]
    assert "2 members" in members  # Org A and Vindeln; Kotka left
    assert "3 members" not in page and "4 members" not in page
    listed, apart = members.split("Also in its working groups")
    assert "Örnsköldsvik" not in listed and "Örnsköldsvik" in apart
    assert "Hemliga" not in page  # in the board, which has no public page
    signatories = page[page.index('id="signatories-heading"') :]
    assert "of 2 members" in signatories and "Örnsköldsvik" not in signatories

    client.force_login(net.coordinator)
    dashboard = client.get(net.url("dashboard")).content.decode()
    assert "2 members" in dashboard and "Örnsköldsvik" not in dashboard
    assert "2 member organisations" in client.get(net.url("overview")).content.decode()


def test_public_page_of_a_private_body_is_404(client, net):
    url = reverse("public_networks:group", kwargs={"org": "network-n", "group": "board"})
    assert client.get(url).status_code == 404


def test_public_page_shows_only_a_published_plan(client, net):
    plan = ActionPlanFactory(organisation=net.network, title="Network plan")
    net.group.plan = plan
    net.group.save()
    url = reverse("public_networks:group", kwargs={"org": "network-n", "group": "gender-equality"})
    assert "Network plan" not in client.get(url).content.decode()
    plan.is_published = True
    plan.save()
    assert "Network plan" in client.get(url).content.decode()


def test_a_past_meeting_never_recorded_says_so(client, net):
    net.meeting.date = net.today - timedelta(days=400)
    net.meeting.save()
    client.force_login(net.coordinator)
    page = client.get(net.url("meeting")).content.decode()
    assert "Past, not recorded" in page and "Record what happened" in page
    group = client.get(net.url("group")).content.decode()
    assert "Past, not recorded" in group


def test_the_overview_counts_members_of_the_network_not_of_its_groups_only(client, net):
    outside = OrganisationFactory(name="Örnsköldsvik")
    NetworkSharingFactory(network=net.network, member=outside, groups_only=True)
    NetworkMembershipFactory(body=net.group, member=outside, consent=False)
    client.force_login(net.coordinator)
    page = client.get(net.url("overview")).content.decode()
    # Org A and Vindeln; Kotka left; Örnsköldsvik takes part in a group only.
    assert "2 member organisations" in page


# People in the network's forms --------------------------------------------------------------------


class Ornskoldsvik:
    """As in the demo: an organisation in the working group only, sharing its commitment but
    not its contacts, whose representative is no public contact."""

    def __init__(self, net):
        self.org = OrganisationFactory(name="Örnsköldsviks kommun", slug="ornskoldsvik")
        NetworkSharingFactory(network=net.network, member=self.org, groups_only=True)
        NetworkMembershipFactory(
            body=net.group, member=self.org, joined_on=date(2020, 1, 1), consent=False
        )
        self.katarina = PersonFactory(
            organisation=self.org, name="Katarina Strachman", title="Personalspecialist"
        )
        self.nameless = PersonFactory(organisation=self.org, name="Nils Namnlös", title="")
        self.seat = SeatFactory(
            body=net.group, member=self.org, person=self.katarina, role=SeatRole.MEMBER
        )


@pytest.fixture
def ornskoldsvik(net):
    return Ornskoldsvik(net)


def _form_pages(net, ornskoldsvik):
    return {
        "seat-create": net.url("seat-create"),
        "seat-edit": net.url("seat-edit", seat=ornskoldsvik.seat.pk),
        "meeting-create": net.url("meeting-create"),
        "meeting-edit": net.url("meeting-edit"),
        "matrix-edit": net.url("matrix-edit"),
    }


def test_network_forms_show_a_non_sharing_members_people_by_title_only(client, net, ornskoldsvik):
    """Finding 1: the seat, meeting and matrix forms named people whose organisation does
    not share its contacts with the network; they show the title, as the group page does."""
    client.force_login(net.coordinator)
    for name, url in _form_pages(net, ornskoldsvik).items():
        body = client.get(url).content.decode()
        assert "Katarina Strachman" not in body, name
        assert "Nils Namnlös" not in body, name
        assert "Personalspecialist" in body, name
    seat_form = client.get(net.url("seat-create")).content.decode()
    assert "Personalspecialist, Örnsköldsviks kommun" in seat_form
    assert "Staff member, Örnsköldsviks kommun" in seat_form
    meeting_form = client.get(net.url("meeting-create")).content.decode()
    assert "Personalspecialist, Örnsköldsviks kommun (Member)" in meeting_form
    matrix_form = client.get(net.url("matrix-edit")).content.decode()
    assert "Role of Örnsköldsviks kommun: Personalspecialist for Sustainable Cities" in matrix_form


def test_network_forms_name_the_people_a_member_shares(client, net, ornskoldsvik):
    """Org A shares its contacts with the network, Vindeln's contact is public: both by name."""
    client.force_login(net.coordinator)
    seat_form = client.get(net.url("seat-create")).content.decode()
    assert "Anna Hemlig, Org A kommun" in seat_form
    assert "Bertil Byte, Org A kommun" in seat_form
    assert "Petra Publik, Vindeln" in seat_form
    meeting_form = client.get(net.url("meeting-create")).content.decode()
    assert "Anna Hemlig, Org A kommun (Coordinator)" in meeting_form
    assert "Petra Publik, Vindeln (Contact person)" in meeting_form
    matrix_form = client.get(net.url("matrix-edit")).content.decode()
    assert "Role of Org A kommun: Anna Hemlig for Sustainable Cities" in matrix_form


def test_a_member_admin_sees_their_own_people_by_name_in_the_seat_form(client, net, ornskoldsvik):
    admin = UserFactory()
    MembershipFactory(user=admin, organisation=ornskoldsvik.org, role=Role.ADMIN)
    client.force_login(admin)
    body = client.get(net.url("seat-edit", seat=ornskoldsvik.seat.pk)).content.decode()
    assert "Katarina Strachman, Örnsköldsviks kommun" in body
    assert "Nils Namnlös, Örnsköldsviks kommun" in body


def test_a_non_sharing_members_person_can_still_be_given_a_seat(client, net, ornskoldsvik):
    """The choices are the same as before, only their labels changed: a POST with the
    person's id still saves, for a seat of their own organisation."""
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-create"),
        {
            "member": ornskoldsvik.org.pk,
            "person": ornskoldsvik.nameless.pk,
            "role": SeatRole.SUBSTITUTE,
            "from_date": "2024-01-01",
        },
    )
    assert response.status_code == 302
    assert Seat.objects.filter(body=net.group, person=ornskoldsvik.nameless).exists()
    response = client.post(
        net.url("seat-edit", seat=ornskoldsvik.seat.pk),
        {
            "person": ornskoldsvik.nameless.pk,
            "role": SeatRole.MEMBER,
            "lock_version": ornskoldsvik.seat.lock_version,
        },
    )
    assert response.status_code == 302
    ornskoldsvik.seat.refresh_from_db()
    assert ornskoldsvik.seat.person == ornskoldsvik.nameless


def test_a_forged_seat_for_another_member_is_refused_without_the_name(client, net, ornskoldsvik):
    client.force_login(net.coordinator)
    response = client.post(
        net.url("seat-create"),
        {"member": net.org_a.pk, "person": ornskoldsvik.katarina.pk, "role": SeatRole.MEMBER},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "The representative must work for the member organisation." in body
    assert "Katarina Strachman" not in body
    assert not Seat.objects.filter(member=net.org_a, person=ornskoldsvik.katarina).exists()


def test_the_seat_conflict_shows_representatives_by_title_only(client, net, ornskoldsvik):
    client.force_login(net.coordinator)
    seat = ornskoldsvik.seat
    stale = seat.lock_version
    Seat.objects.filter(pk=seat.pk).update(lock_version=stale + 1, person=ornskoldsvik.nameless)
    response = client.post(
        net.url("seat-edit", seat=seat.pk),
        {"person": ornskoldsvik.katarina.pk, "role": SeatRole.MEMBER, "lock_version": stale},
    )
    assert response.status_code == 200
    assert response.context["conflict"].rows[0][1:] == ("Personalspecialist", "Staff member")
    body = response.content.decode()
    assert "Katarina Strachman" not in body and "Nils Namnlös" not in body


def test_an_attendee_refused_by_date_is_not_named(client, net, ornskoldsvik):
    Seat.objects.filter(pk=ornskoldsvik.seat.pk).update(to_date=date(2021, 1, 1))
    client.force_login(net.coordinator)
    response = client.post(
        net.url("meeting-create"),
        {"date": "2024-04-11", "status": "held", "attendees": [ornskoldsvik.seat.pk]},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Personalspecialist (Örnsköldsviks kommun) was not a representative" in body
    assert "Katarina Strachman" not in body
    assert not Meeting.objects.filter(date=date(2024, 4, 11)).exists()
