"""The indicator reads: access helpers for every persona, figures, scorecards and the grid."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from equalocal.indicators import selectors
from equalocal.indicators.models import (
    Direction,
    Indicator,
    MeasurementStatus,
    Scorecard,
    TargetKind,
)
from equalocal.organisations.models import NetworkSharing, Organisation
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    ScorecardFactory,
    ScorecardItemFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def user_of(personas, name):
    return personas.user(name) or AnonymousUser()


def measure(indicator, organisation, period, **values):
    for gender, value in values.items():
        MeasurementFactory(
            indicator=indicator,
            organisation=organisation,
            period=period,
            gender=gender,
            value=value,
        )


@pytest.fixture
def own(personas):
    return IndicatorFactory(code="A1", title_en="Own", owner=personas.org_a)


@pytest.fixture
def reference(db):
    return IndicatorFactory(code="R1", title_en="Reference")


# Access helpers ---------------------------------------------------------------------------------

VIEW_OWN = {
    "anonymous": Http404,
    "viewer": None,
    "editor": None,
    "admin": None,
    "outsider": Http404,
    "staff": None,
}
EDIT_OWN = {**VIEW_OWN, "viewer": PermissionDenied}


@pytest.mark.parametrize("persona", list(VIEW_OWN))
@pytest.mark.parametrize("action,expected", [("view", VIEW_OWN), ("edit", EDIT_OWN)])
def test_own_indicator_access(personas, own, persona, action, expected):
    user = user_of(personas, persona)
    error = expected[persona]
    if error is None:
        assert selectors.get_indicator_for_user(user, own.pk, action=action) == own
    else:
        with pytest.raises(error):
            selectors.get_indicator_for_user(user, own.pk, action=action)


@pytest.mark.parametrize(
    "persona,view,edit",
    [
        ("anonymous", Http404, Http404),
        ("viewer", None, PermissionDenied),
        ("editor", None, PermissionDenied),
        ("admin", None, PermissionDenied),
        ("outsider", None, PermissionDenied),
        ("staff", None, None),
    ],
)
def test_reference_indicator_is_read_by_signed_in_users_and_changed_by_staff(
    personas, reference, persona, view, edit
):
    user = user_of(personas, persona)
    for action, error in (("view", view), ("edit", edit)):
        if error is None:
            assert selectors.get_indicator_for_user(user, reference.pk, action=action)
        else:
            with pytest.raises(error):
                selectors.get_indicator_for_user(user, reference.pk, action=action)


@pytest.mark.parametrize("published", [False, True])
@pytest.mark.parametrize("persona", list(VIEW_OWN))
def test_scorecard_access(personas, persona, published):
    scorecard = ScorecardFactory(owner=personas.org_a, title="Styrkort", is_published=published)
    user = user_of(personas, persona)
    error = None if published else VIEW_OWN[persona]
    if error is None:
        assert selectors.get_scorecard_for_user(user, "org-a", scorecard.pk) == scorecard
    else:
        with pytest.raises(error):
            selectors.get_scorecard_for_user(user, "org-a", scorecard.pk)
    edit_error = EDIT_OWN[persona]
    if edit_error is None:
        selectors.get_scorecard_for_user(user, "org-a", scorecard.pk, action="edit")
    else:
        with pytest.raises(edit_error):
            selectors.get_scorecard_for_user(user, "org-a", scorecard.pk, action="edit")


def test_scorecard_of_another_organisation_is_404(personas):
    scorecard = ScorecardFactory(owner=personas.org_b, title="B", is_published=True)
    with pytest.raises(Http404):
        selectors.get_scorecard_for_user(personas.user("admin"), "org-a", scorecard.pk)


def test_indicator_list_shows_reference_and_own_indicators_of_the_users_organisations(
    personas, own, reference
):
    other = IndicatorFactory(code="B1", title_en="Other", owner=personas.org_b)
    # The personas already give org A an indicator; leave it out of the comparison.
    Indicator.objects.filter(pk=personas.objects["indicator"]).delete()
    assert set(selectors.indicator_list(user=personas.user("viewer"))) == {own, reference}
    assert set(selectors.indicator_list(user=personas.user("outsider"))) == {other, reference}
    assert set(selectors.indicator_list(user=personas.user("staff"))) == {own, reference, other}
    viewer = personas.user("viewer")
    assert list(selectors.indicator_list(user=viewer, scope="reference")) == [reference]
    assert list(selectors.indicator_list(user=viewer, scope="own")) == [own]
    assert list(selectors.indicator_list(user=viewer, search="refer")) == [reference]


def test_scorecards_of_shows_only_published_ones_to_non_members(personas):
    Scorecard.objects.filter(pk=personas.objects["scorecard"]).delete()
    draft = ScorecardFactory(owner=personas.org_a, title="Draft")
    published = ScorecardFactory(owner=personas.org_a, title="Out", is_published=True)
    members = selectors.scorecards_of(personas.org_a, user=personas.user("viewer"))
    assert set(members) == {draft, published}
    others = selectors.scorecards_of(personas.org_a, user=personas.user("outsider"))
    assert list(others) == [published]


# Figures ----------------------------------------------------------------------------------------


def test_indicator_figures_derive_gap_parity_change_and_traffic_light(personas, own):
    org = personas.org_a
    measure(own, org, "2022", women=Decimal(40), men=Decimal(60), total=Decimal(100))
    measure(own, org, "2023", women=Decimal(45), men=Decimal(55), total=Decimal(104))
    MeasurementFactory(
        indicator=own,
        organisation=org,
        period="2024",
        gender="women",
        status=MeasurementStatus.CONFIDENTIAL,
    )
    TargetFactory(
        indicator=own, organisation=org, year=2023, kind=TargetKind.PARITY, parity_points=5
    )
    figures = selectors.indicator_figures(own, org)
    assert [row.period for row in figures.periods] == ["2022", "2023", "2024"]
    latest = figures.latest
    assert latest.period == "2023"
    assert latest.gap == Decimal(-10)
    assert latest.parity_index == Decimal(45) / Decimal(55)
    assert latest.change == Decimal(4)
    assert figures.periods[-1].statuses == {"women": "confidential"}
    assert figures.target.year == 2023
    light = figures.traffic_light
    assert light.state == "at_risk"
    assert light.label == "At risk"
    assert [label for label, _points in figures.series()] == ["Women", "Men", "Total"]


def test_indicator_not_split_by_gender_has_only_a_total_series(personas):
    indicator = IndicatorFactory(code="T", title_en="Total", by_gender=False, owner=personas.org_a)
    measure(indicator, personas.org_a, "2024", total=Decimal(3))
    series = selectors.indicator_figures(indicator, personas.org_a).series()
    assert [label for label, _points in series] == ["Total"]


def test_no_organisation_gives_no_figures(own):
    figures = selectors.indicator_figures(own, None)
    assert figures.periods == []
    assert figures.latest is None
    assert figures.traffic_light is None


def test_target_is_the_latest_years_else_the_next_else_the_last(personas, own):
    org = personas.org_a
    measure(own, org, "2023", total=Decimal(10))
    TargetFactory(indicator=own, organisation=org, year=2020, value=1)
    TargetFactory(indicator=own, organisation=org, year=2025, value=2)
    assert selectors.indicator_figures(own, org).target.year == 2025
    TargetFactory(indicator=own, organisation=org, year=2023, value=3)
    assert selectors.indicator_figures(own, org).target.year == 2023


# Scorecards -------------------------------------------------------------------------------------


def test_scorecard_table_rows_follow_the_item_order(personas, own, reference):
    scorecard = ScorecardFactory(owner=personas.org_a, title="S")
    ScorecardItemFactory(scorecard=scorecard, indicator=own, order=2)
    ScorecardItemFactory(scorecard=scorecard, indicator=reference, order=1)
    measure(own, personas.org_a, "2024", women=Decimal(1), men=Decimal(2))
    table = selectors.scorecard_table(scorecard, today=date(2026, 1, 1))
    assert [row.indicator for row in table.rows] == [reference, own]
    assert table.organisations == [personas.org_a]
    assert table.rows[0].cell.latest is None
    assert table.rows[1].cell.latest.gap == Decimal(-1)


def test_network_scorecard_has_the_current_members_as_columns(personas, reference):
    network = Organisation.objects.get(slug=personas.objects["network"])
    former = OrganisationFactory(name="Former")
    NetworkMembershipFactory(
        network=network, member=former, joined_on=date(2020, 1, 1), left_on=date(2021, 1, 1)
    )
    other = OrganisationFactory(name="Another member")
    NetworkMembershipFactory(network=network, member=other, joined_on=date(2020, 1, 1))
    NetworkSharing.objects.filter(network=network, member=other).update(figures=True)
    scorecard = ScorecardFactory(owner=network, title="Jämför", compare_members=True)
    ScorecardItemFactory(scorecard=scorecard, indicator=reference)
    measure(reference, other, "2024", total=Decimal(7))
    measure(reference, personas.org_a, "2024", total=Decimal(9))
    table = selectors.scorecard_table(scorecard, today=date(2026, 1, 1))
    assert table.organisations == [other, personas.org_a, personas.org_c]
    cells = table.rows[0].cells
    assert cells[0].latest.total == Decimal(7)
    # Org A does not share its figures with the network: its cell holds none.
    assert cells[1].latest is None and not cells[1].shared
    assert cells[2].latest is None and not cells[2].shared


def test_scorecard_table_queries_do_not_grow_with_indicators_and_members(
    personas, django_assert_max_num_queries
):
    network = NetworkFactory()

    def build(indicators, members):
        scorecard = ScorecardFactory(owner=network, compare_members=True)
        orgs = [OrganisationFactory() for _ in range(members)]
        for org in orgs:
            NetworkMembershipFactory(network=network, member=org)
        for n in range(indicators):
            indicator = IndicatorFactory(direction=Direction.HIGHER)
            ScorecardItemFactory(scorecard=scorecard, indicator=indicator, order=n)
            for org in orgs:
                measure(indicator, org, "2024", women=Decimal(1), men=Decimal(2))
                TargetFactory(indicator=indicator, organisation=org, year=2024, value=1)
        return scorecard

    small, large = build(2, 3), build(20, 50)
    for scorecard in (small, large):
        with django_assert_max_num_queries(4):
            table = selectors.scorecard_table(scorecard, today=date(2026, 1, 1))
            [cell.traffic_light for row in table.rows for cell in row.cells]


# The grid ---------------------------------------------------------------------------------------


def test_grid_rows_hold_the_years_values(personas, own, reference):
    scorecard = ScorecardFactory(owner=personas.org_a, title="S")
    ScorecardItemFactory(scorecard=scorecard, indicator=own, order=1)
    ScorecardItemFactory(scorecard=scorecard, indicator=reference, order=2)
    measure(own, personas.org_a, "2024", women=Decimal(1))
    measure(own, personas.org_a, "2023", women=Decimal(9))
    rows = selectors.grid_rows(scorecard, year=2024)
    assert [(row.indicator, row.values) for row in rows] == [
        (own, {"women": Decimal(1)}),
        (reference, {}),
    ]
    assert selectors.grid_row(scorecard, own.pk, year=2023).values == {"women": Decimal(9)}
    other = IndicatorFactory(title_en="Not on the scorecard")
    with pytest.raises(Http404):
        selectors.grid_row(scorecard, other.pk, year=2024)
