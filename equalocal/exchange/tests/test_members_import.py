"""Network members and seats to a spreadsheet and back, under the consent rules."""

from datetime import date

import pytest
from django.utils import translation

from equalocal.core.errors import ApplicationError
from equalocal.exchange import exports, services
from equalocal.networks.models import NetworkMembership, Seat
from equalocal.organisations.models import NetworkSharing, SharingStatus
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    NetworkSharingFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
    UserFactory,
)

from .helpers import upload, xlsx

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _state(network):
    memberships = sorted(
        (m.member.name, m.body.name if m.body else "")
        for m in NetworkMembership.objects.filter(network=network, left_on__isnull=True)
    )
    seats = sorted(
        (s.member.name, s.body.name, s.role, s.person.name if s.person else "")
        for s in Seat.objects.filter(body__network=network)
    )
    return memberships, seats


def _preview(network, data, name="members.xlsx", by=None):
    return services.members_import_preview(
        network=network,
        upload=upload(data, name),
        filename=name,
        by=by or UserFactory(),
        today=TODAY,
    )


@pytest.mark.parametrize("language", ["en", "sv"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_members_and_seats_round_trip_into_a_network_whose_members_accepted(fmt, language):
    source = NetworkFactory(name="UBC")
    group = BodyFactory(network=source, name="Gender Equality Working Group")
    kotka = OrganisationFactory(name="Kotka", country="FI", official_code="285")
    umea = OrganisationFactory(name="Umeå kommun", official_code="2480")
    anna = PersonFactory(organisation=umea, name="Anna Berg")
    for member in (kotka, umea):
        NetworkMembershipFactory(network=source, member=member)
        NetworkMembershipFactory(body=group, member=member)
    SeatFactory(body=group, person=anna, role="coordinator")
    SeatFactory(body=group, member=kotka, role="member")
    with translation.override(language):
        data = exports.members_export(
            source, user=UserFactory(is_staff=True), today=TODAY, contacts_shared=frozenset()
        ).render(fmt)

    target = NetworkFactory(name="UBC 2")
    BodyFactory(network=target, name="Gender Equality Working Group")
    for member in (kotka, umea):
        NetworkMembershipFactory(network=target, member=member)
    # Umeå lets the network see its people, so its representative is matched by name.
    NetworkSharing.objects.filter(network=target, member=umea).update(contacts=True)
    preview = _preview(target, data, f"members.{fmt}")
    assert preview.errors == []
    counts = services.members_import_confirm(preview=preview, by=UserFactory(), today=TODAY)
    assert counts == {"request": 0, "join": 2, "seat": 2, "unchanged": 2}
    assert _state(target) == _state(source)
    # The same file again changes nothing.
    again = _preview(target, data, f"members.{fmt}")
    assert {row["outcome"] for row in again.rows} == {"unchanged"}


def test_a_new_member_is_asked_and_nothing_is_recorded_before_it_accepts():
    network = NetworkFactory()
    newcomer = OrganisationFactory(name="Örebro kommun", official_code="1880")
    preview = _preview(
        network, xlsx([["Organisation", "Official code"], ["Örebro kommun", "1880"]])
    )
    assert [row["outcome"] for row in preview.rows] == ["request"]
    services.members_import_confirm(preview=preview, by=UserFactory(), today=TODAY)
    request = NetworkSharing.objects.get(network=network, member=newcomer)
    assert request.status == SharingStatus.PENDING
    assert not NetworkMembership.objects.filter(network=network).exists()


def test_groups_and_seats_wait_for_consent():
    network = NetworkFactory()
    group = BodyFactory(network=network, name="Arbetsgrupp")
    OrganisationFactory(name="Vindeln")
    NetworkSharingFactory(
        network=network, member=OrganisationFactory(name="Robertsfors"), status="pending"
    )
    rows = [
        ["Organisation", "Group", "Seat", "Representative"],
        ["Vindeln", "Arbetsgrupp", "", ""],
        ["Robertsfors", "Arbetsgrupp", "Member", ""],
        ["Okänd kommun", "", "", ""],
        ["Vindeln", "Ingen sådan grupp", "", ""],
        ["Vindeln", "Arbetsgrupp", "Ordförande", ""],
    ]
    preview = _preview(network, xlsx(rows))
    problems = {}
    for error in preview.errors:
        problems[error["row"]] = problems.get(error["row"], "") + error["message"]
    assert "not a member of the network yet" in problems[2]
    assert "not a member yet" in problems[3]
    assert "No organisation “Okänd kommun”" in problems[4]
    assert "has no group “Ingen sådan grupp”" in problems[5]
    assert "is not a seat" in problems[6]
    with pytest.raises(ApplicationError):
        services.members_import_confirm(preview=preview, by=UserFactory(), today=TODAY)
    assert not NetworkMembership.objects.filter(body=group).exists()


def test_a_representative_must_work_for_the_member():
    network = NetworkFactory()
    group = BodyFactory(network=network, name="Gruppen")
    member = OrganisationFactory(name="Nordmaling")
    NetworkMembershipFactory(network=network, member=member)
    NetworkSharing.objects.filter(network=network, member=member).update(contacts=True)
    PersonFactory(organisation=OrganisationFactory(), name="Fel Person")
    rows = [
        ["Organisation", "Group", "Seat", "Representative"],
        ["Nordmaling", "Gruppen", "Member", "Fel Person"],
    ]
    preview = _preview(network, xlsx(rows))
    assert "has nobody called “Fel Person”" in preview.errors[0]["message"]
    assert not Seat.objects.filter(body=group).exists()


def test_duplicate_rows_and_the_network_itself_are_refused():
    network = NetworkFactory(name="Nätverket")
    OrganisationFactory(name="Bjurholm")
    rows = [["Organisation"], ["Bjurholm"], ["Bjurholm"], ["Nätverket"]]
    problems = {e["row"]: e["message"] for e in _preview(network, xlsx(rows)).errors}
    assert "repeats row 2" in problems[3]
    assert "cannot be a member of itself" in problems[4]


def test_unknown_columns_are_refused_before_any_row():
    with pytest.raises(ApplicationError, match="“Budget”"):
        _preview(NetworkFactory(), xlsx([["Organisation", "Budget"], ["A", "1"]]))


def _representative_problems(network, names, by):
    group = network.bodies.get()
    rows = [["Organisation", "Group", "Seat", "Representative"]]
    rows += [[organisation, group.name, "Member", name] for organisation, name in names]
    return [
        (e["row"], e["column"], e["message"]) for e in _preview(network, xlsx(rows), by=by).errors
    ]


def test_an_import_does_not_tell_who_works_where_contacts_are_not_shared():
    """Finding 2: the preview said "gets a seat" for someone who works for a member that does
    not share its contacts, and "has nobody called" for an invented name. Now both get the same
    message, for a member as for an organisation that is asked but has not answered."""
    network = NetworkFactory(name="Umeåregionen")
    BodyFactory(network=network, name="Jämställdhetsgruppen")
    ornskoldsvik = OrganisationFactory(name="Örnsköldsviks kommun")
    NetworkMembershipFactory(network=network, member=ornskoldsvik)
    PersonFactory(organisation=ornskoldsvik, name="Katarina Strachman")
    ragunda = OrganisationFactory(name="Ragunda kommun")
    NetworkSharingFactory(network=network, member=ragunda, status="pending")
    PersonFactory(organisation=ragunda, name="Rune Ragunda")
    coordinator = UserFactory()
    for organisation, existing in [
        ("Örnsköldsviks kommun", "Katarina Strachman"),
        ("Ragunda kommun", "Rune Ragunda"),
    ]:
        real = _representative_problems(network, [(organisation, existing)], coordinator)
        invented = _representative_problems(network, [(organisation, "Nobody Atall")], coordinator)
        assert real == invented
        assert "does not share its contacts with Umeåregionen" in real[0][2]
        assert existing not in str(real) and "nobody called" not in str(real)
        # Two rows, one of each, are two problems alike: no "repeats row" for either.
        both = _representative_problems(
            network, [(organisation, existing), (organisation, "Nobody Atall")], coordinator
        )
        assert [message for _row, _column, message in both] == [real[0][2]] * 2
    assert not Seat.objects.filter(body__network=network).exists()


def test_an_import_matches_people_of_members_that_share_their_contacts():
    network = NetworkFactory(name="Umeåregionen")
    BodyFactory(network=network, name="Jämställdhetsgruppen")
    vindeln = OrganisationFactory(name="Vindeln")
    NetworkMembershipFactory(network=network, member=vindeln)
    NetworkSharing.objects.filter(network=network, member=vindeln).update(contacts=True)
    PersonFactory(organisation=vindeln, name="Vera Vindel")
    rows = [["Organisation", "Group", "Seat", "Representative"]]
    rows += [["Vindeln", "Jämställdhetsgruppen", "Member", "Vera Vindel"]]
    preview = _preview(network, xlsx(rows))
    assert [row["outcome"] for row in preview.rows] == ["seat"]
    invented = _representative_problems(network, [("Vindeln", "Nobody Atall")], UserFactory())
    assert "Vindeln has nobody called “Nobody Atall”" in invented[0][2]


def test_an_import_matches_public_contacts_and_the_users_own_people():
    network = NetworkFactory(name="Umeåregionen")
    BodyFactory(network=network, name="Jämställdhetsgruppen")
    ornskoldsvik = OrganisationFactory(name="Örnsköldsviks kommun")
    NetworkMembershipFactory(network=network, member=ornskoldsvik)
    PersonFactory(organisation=ornskoldsvik, name="Petra Publik", is_public_contact=True)
    PersonFactory(organisation=ornskoldsvik, name="Katarina Strachman")
    rows = [["Organisation", "Group", "Seat", "Representative"]]
    rows += [["Örnsköldsviks kommun", "Jämställdhetsgruppen", "Member", "Petra Publik"]]
    assert [row["outcome"] for row in _preview(network, xlsx(rows)).rows] == ["seat"]
    own = UserFactory()
    MembershipFactory(user=own, organisation=ornskoldsvik)
    rows[1][3] = "Katarina Strachman"
    assert [row["outcome"] for row in _preview(network, xlsx(rows), by=own).rows] == ["seat"]
