"""Services of the indicators app: one figure, targets, scorecards, indicators."""

from decimal import Decimal

import pytest

from equalocal.core.errors import ApplicationError
from equalocal.indicators.models import Indicator, Measurement, Scorecard, Target, TargetKind
from equalocal.indicators.services import (
    indicator_save,
    measurement_set,
    scorecard_save,
    target_save,
)
from tests.factories import IndicatorFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def indicator():
    return IndicatorFactory(code="EQ1", title_en="Share")


def test_measurement_set_creates_then_corrects_one_figure(indicator, organisation):
    first = measurement_set(
        indicator=indicator, organisation=organisation, period="2024", gender="K", value="12,5"
    )
    again = measurement_set(
        indicator=indicator, organisation=organisation, period=2024, gender="women", value=13
    )

    assert first.pk == again.pk
    stored = Measurement.objects.get()
    assert (stored.gender, stored.year, stored.value, stored.source) == (
        "women",
        2024,
        Decimal(13),
        "manual",
    )


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"gender": "X"}, "gender", "Unknown gender “X”: use total, women or men."),
        ({"period": "24"}, "period", "The period “24” is neither a year (2024) nor a date"),
        ({"period": "2024-02-30"}, "period", "The period “2024-02-30” is neither"),
        ({"value": "lots"}, "value", "“lots” is not a number."),
        ({"value": ""}, "value", "Give a value, or mark it as missing or confidential."),
        ({"status": "gone"}, "status", "Unknown status: gone."),
    ],
)
def test_measurement_set_refuses_bad_input(indicator, organisation, changes, field, message):
    values = {"period": "2024", "gender": "men", "value": "1", **changes}
    with pytest.raises(ApplicationError) as error:
        measurement_set(indicator=indicator, organisation=organisation, **values)
    assert error.value.field == field
    assert error.value.message.startswith(message)
    assert not Measurement.objects.exists()


def test_measurement_set_accepts_a_status_without_value(indicator, organisation):
    figure = measurement_set(
        indicator=indicator,
        organisation=organisation,
        period="2024-03-31",
        gender="total",
        value=None,
        status="confidential",
    )
    assert (figure.value, figure.status, figure.year) == (None, "confidential", 2024)


def test_target_save_allows_one_target_per_year(indicator, organisation):
    target_save(
        target=Target(indicator=indicator, organisation=organisation, year=2026, value=Decimal(5))
    )
    with pytest.raises(ApplicationError, match="already a target for 2026"):
        target_save(
            target=Target(
                indicator=indicator,
                organisation=organisation,
                year=2026,
                kind=TargetKind.PARITY,
                parity_points=Decimal(2),
            )
        )


def test_scorecard_save_keeps_the_given_order(indicator, organisation):
    others = [IndicatorFactory(code=f"EQ{n}") for n in (2, 3)]
    scorecard = Scorecard(owner=organisation, title="Styrkort")
    scorecard_save(scorecard=scorecard, indicator_ids=[others[1].pk, indicator.pk, others[0].pk])
    scorecard_save(scorecard=scorecard, indicator_ids=[others[0].pk, others[1].pk])

    assert [item.indicator.code for item in scorecard.items.order_by("order")] == ["EQ2", "EQ3"]
    with pytest.raises(ApplicationError, match="Unknown indicator"):
        scorecard_save(scorecard=scorecard, indicator_ids=[999999])


def test_indicator_codes_are_unique_per_owner(indicator, organisation):
    indicator_save(indicator=Indicator(code="EQ1", owner=organisation, title_en="Own"))
    with pytest.raises(ApplicationError, match="already has the code EQ1"):
        indicator_save(indicator=Indicator(code="EQ1", title_en="Second reference"))
