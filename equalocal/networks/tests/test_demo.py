"""The demo data of the networks app: what samples 000, 001 and 004 say, loaded idempotently."""

from datetime import date

import pytest

from equalocal.core.demo import load_demo
from equalocal.networks.models import (
    Body,
    BodyKind,
    MatrixCell,
    Meeting,
    MeetingStatus,
    NetworkMembership,
    Seat,
    SeatRole,
)
from equalocal.organisations.models import Person
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus, Goal

pytestmark = pytest.mark.django_db

MODELS = [Body, NetworkMembership, Seat, Meeting, MatrixCell, Person, ActionPlan, Goal, Activity]


@pytest.fixture
def demo():
    return load_demo()


def _counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    # The organisations demo re-saves its people on every run; the networks demo must not.
    counts.update(
        {f"history of {m.__name__}": m.history.count() for m in MODELS if m is not Person}
    )
    return counts


def _members_on(group, day, *, body=True):
    rows = NetworkMembership.objects.filter(
        network=group.network, body=group if body else None
    ).select_related("member")
    return sorted(row.member.slug for row in rows if row.active_on(day))


def test_demo_runs_twice_without_changing_anything(demo):
    before = _counts()
    load_demo()
    assert _counts() == before
    for model in (Body, NetworkMembership, Seat, Meeting, MatrixCell):
        for item in model.objects.all():
            item.full_clean()


def test_ubc_gender_equality_working_group_of_sample_000(demo):
    group = demo.objects["networks"]["ubc"]
    assert (group.name, group.kind, group.network.slug) == (
        "Gender Equality Working Group",
        BodyKind.WORKING_GROUP,
        "ubc",
    )
    assert (group.set_up_by, group.set_up_on, group.set_up_where, group.started_on) == (
        "UBC Executive Board",
        date(2015, 2, 26),
        "Kemi",
        date(2016, 1, 1),
    )
    assert (group.parent.name, group.parent.kind) == ("UBC Executive Board", BodyKind.BOARD)
    coordinators = group.seats.filter(role=SeatRole.COORDINATOR).select_related("person", "member")
    assert sorted((s.person.name, s.member.slug) for s in coordinators) == [
        ("Hanna Maidell", "helsinki"),
        ("Małgorzata Tarasiewicz", "gdansk"),
    ]


def test_ubc_member_history_has_kotka_leaving_and_orebro_joining(demo):
    group = demo.objects["networks"]["ubc"]
    everyone = ["gdansk", "gdynia", "helsinki", "kalmar", "kotka", "kristiansand", "liepaja"]
    everyone += ["panevezys", "umea"]
    assert _members_on(group, date(2016, 2, 1)) == everyone
    assert _members_on(group, date(2016, 7, 1)) == sorted(
        [slug for slug in everyone if slug != "kotka"] + ["orebro"]
    )
    kotka = NetworkMembership.objects.get(body=group, member__slug="kotka")
    assert (kotka.left_on, kotka.leave_reason) == (
        date(2016, 6, 15),
        "Kotka has left (interim report 15/6/2016)",
    )
    orebro = NetworkMembership.objects.get(body=group, member__slug="orebro")
    assert orebro.joined_on == date(2016, 3, 1)
    assert orebro.join_note == "New member after the invitation letter of February 2016"
    assert "kotka" in _members_on(group, date(2016, 7, 1), body=False)


def test_ubc_meetings_as_in_the_report(demo):
    group = demo.objects["networks"]["ubc"]
    meetings = list(group.meetings.order_by("date").select_related("host"))
    assert [(m.date, m.place, m.host and m.host.slug, m.status) for m in meetings] == [
        (date(2016, 2, 14), "Kristiansand", "kristiansand", MeetingStatus.HELD),
        (date(2016, 6, 15), "Berlin", None, MeetingStatus.HELD),
        (date(2016, 11, 10), "Stockholm", None, MeetingStatus.HELD),
        (date(2017, 4, 11), "Gdańsk", "gdansk", MeetingStatus.HELD),
        (date(2017, 10, 26), "Växjö", "vaxjo", MeetingStatus.PLANNED),
    ]


def test_ubc_matrix_of_commissions_to_members(demo):
    group = demo.objects["networks"]["ubc"]
    commissions = set(
        Body.objects.filter(network=group.network, kind=BodyKind.COMMISSION).values_list(
            "name", flat=True
        )
    )
    assert commissions == {
        "Sustainable Cities",
        "Safe Cities",
        "Planning Cities",
        "Inclusive and Healthy Cities",
        "Youthful Cities",
        "Culture",
        "Smart and Prosperous Cities",
    }
    cells = {
        (cell.row.name, cell.seat.person.name): cell.note
        for cell in group.matrix_cells.select_related("row", "seat__person")
    }
    assert cells[("Smart and Prosperous Cities", "Toril Hogstad")] == (
        "The report says “Small and Prosperous Cities Commission”"
    )
    assert ("Safe Cities", "Kaspars Varpins") in cells
    assert ("Inclusive and Healthy Cities", "Monika Pawlińska") in cells
    assert ("Culture", "Hanna Maidell") in cells
    toril = Person.objects.get(name="Toril Hogstad")
    assert "unconfirmed" in toril.title and not toril.is_public_contact
    assert group.matrix_version == 2


def test_ubc_action_plan_2016_rows(demo):
    group = demo.objects["networks"]["ubc"]
    plan = group.plan
    assert (plan.title, plan.organisation.slug) == ("Action Plan 2016", "ubc")
    goals = list(plan.goals.values_list("title", flat=True))
    assert goals[0] == "Clarifying the aims of the WG"
    assert "Getting more Cities to sign European Charter (CEMR)" in goals
    first = plan.activities.order_by("order").first()
    assert (first.timing_note, first.comment) == (
        "14/02 Kristiansand 15/6 Berlin",
        "Horizontal principle needs more actions",
    )
    statuses = dict(plan.activities.values_list("title", "status"))
    assert statuses["New edition in co-operation with Umea"] == ActivityStatus.CANCELLED


def test_umearegionen_group_of_sample_004_with_the_vindeln_vacancy(demo):
    group = demo.objects["networks"]["umearegionen"]
    assert group.name == "Jämställdhetsgruppen"
    assert group.plan.title.startswith("Verksamhetsplan 2014")
    seats = {
        seat.member.slug: (seat.person and seat.person.name, seat.role)
        for seat in group.seats.select_related("member", "person")
    }
    assert seats == {
        "vannas": ("Ingrid Lundström", SeatRole.CONTACT),
        "bjurholm": ("Claudia Wieczorek", SeatRole.MEMBER),
        "nordmaling": ("Jörgen Andersson", SeatRole.MEMBER),
        "robertsfors": ("Henna Harinen", SeatRole.MEMBER),
        "umea": ("Linda Gustafsson", SeatRole.MEMBER),
        "vindeln": (None, SeatRole.MEMBER),
        "ornskoldsvik": ("Katarina Strachman", SeatRole.MEMBER),
    }
    today = date.today()
    six = ["bjurholm", "nordmaling", "robertsfors", "umea", "vannas", "vindeln"]
    assert _members_on(group, today, body=False) == six
    assert _members_on(group, today) == sorted([*six, "ornskoldsvik"])


def test_uclg_cib_working_group_of_sample_001(demo):
    group = demo.objects["networks"]["uclg"]
    assert group.name == "CIB Working Group"
    assert "Capacity building for gender equality at the local level" in group.purpose
    assert "23 June 2021" in group.purpose
