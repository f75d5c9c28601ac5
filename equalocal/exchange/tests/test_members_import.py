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
