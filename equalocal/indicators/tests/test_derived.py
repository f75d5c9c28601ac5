"""Derived figures: ratio, gap, parity index, change and the traffic light."""

from decimal import Decimal

import pytest

from equalocal.indicators.derived import change, gap, parity_index, ratio, traffic_light
from equalocal.indicators.models import Direction, Indicator, Target, TargetKind

D = Decimal


def test_ratio_divides_women_by_men():
    assert ratio(D("60"), D("40")) == D("1.5")
    assert ratio("30", 60) == D("0.5")


@pytest.mark.parametrize("women, men", [(None, D(1)), (D(1), None), (D(1), D(0)), ("x", D(1))])
def test_ratio_is_none_without_both_values_or_with_men_at_zero(women, men):
    assert ratio(women, men) is None


def test_gap_is_women_minus_men():
    assert gap(D("38.5"), D("61.5")) == D("-23.0")
    assert gap(None, D(1)) is None


def test_parity_index_is_the_smaller_over_the_larger():
    assert parity_index(D(40), D(50)) == D("0.8")
    assert parity_index(D(50), D(40)) == D("0.8")
    assert parity_index(D(7), D(7)) == 1
    assert parity_index(D(0), D(0)) == 1


@pytest.mark.parametrize("women, men", [(None, D(1)), (D(-1), D(1)), (D(1), float("nan"))])
def test_parity_index_is_none_for_missing_or_negative_values(women, men):
    assert parity_index(women, men) is None


def test_change_since_the_previous_period():
    assert change(D("12.5"), D("10")) == D("2.5")
    assert change(D("12.5"), None) is None
    assert change(None, D("1")) is None


def _indicator(direction=Direction.HIGHER):
    return Indicator(code="X", title_en="X", direction=direction)


@pytest.mark.parametrize(
    "direction, total, light",
    [
        (Direction.HIGHER, "90", "on_track"),
        (Direction.HIGHER, "95", "on_track"),
        (Direction.HIGHER, "81", "at_risk"),
        (Direction.HIGHER, "80.9", "off_track"),
        (Direction.LOWER, "6", "on_track"),
        (Direction.LOWER, "99", "at_risk"),
        (Direction.LOWER, "99.1", "off_track"),
        (Direction.PARITY, "85", "on_track"),
        (Direction.PARITY, "106", "at_risk"),
        (Direction.PARITY, "70", "off_track"),
    ],
)
def test_value_target_by_direction_with_a_ten_percent_margin(direction, total, light):
    target = Target(kind=TargetKind.VALUE, value=D(90))
    assert (
        traffic_light(indicator=_indicator(direction), target=target, latest={"total": D(total)})
        == light
    )


@pytest.mark.parametrize(
    "women, men, light",
    [("50", "50", "on_track"), ("46", "50", "at_risk"), ("40", "50", "off_track")],
)
def test_ratio_band_target(women, men, light):
    target = Target(kind=TargetKind.RATIO_BAND, ratio_low=D("0.97"), ratio_high=D("1.03"))
    latest = {"women": D(women), "men": D(men)}
    assert traffic_light(indicator=_indicator(), target=target, latest=latest) == light


@pytest.mark.parametrize(
    "women, men, light",
    [("48", "52", "on_track"), ("45", "55", "at_risk"), ("40", "60", "off_track")],
)
def test_parity_within_n_points(women, men, light):
    target = Target(kind=TargetKind.PARITY, parity_points=D(5))
    latest = {"women": D(women), "men": D(men), "total": D(50)}
    assert traffic_light(indicator=_indicator(), target=target, latest=latest) == light


def test_no_light_without_target_or_values():
    indicator = _indicator()
    value_target = Target(kind=TargetKind.VALUE, value=D(1))
    parity_target = Target(kind=TargetKind.PARITY, parity_points=D(1))
    assert traffic_light(indicator=indicator, target=None, latest={"total": D(1)}) is None
    assert traffic_light(indicator=indicator, target=value_target, latest={}) is None
    assert traffic_light(indicator=indicator, target=value_target, latest={"total": None}) is None
    assert traffic_light(indicator=indicator, target=parity_target, latest={"women": D(1)}) is None
