"""Derived figures, computed in one place: ratio, gap, parity index, change, traffic light.

Every function takes numbers (``Decimal``, ``int``, ``float`` or numeric text) or
``None`` and returns a ``Decimal`` or ``None``: a missing input, or a division by
zero, gives ``None`` rather than an exception, so templates and charts can show
"no figure" without guarding each call.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .models import Direction, Gender, TargetKind

# A value target missed by at most this share of the target counts as "at risk".
AT_RISK_MARGIN = Decimal("0.10")

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def ratio(women, men) -> Decimal | None:
    """Women's value divided by men's; ``None`` when either is missing or men's is 0."""
    women, men = _number(women), _number(men)
    if women is None or men is None or men == 0:
        return None
    return women / men


def gap(women, men) -> Decimal | None:
    """Women's value minus men's (negative when men's is higher)."""
    women, men = _number(women), _number(men)
    if women is None or men is None:
        return None
    return women - men


def parity_index(women, men) -> Decimal | None:
    """The smaller value over the larger: 1 is equal, 0.8 means one is 80 % of the other.

    This is the women/men ratio of *Öppna jämförelser jämställdhet*, folded so that
    it does not depend on which group is ahead. Two zeros are equal (1); negative
    values have no meaningful parity and give ``None``.
    """
    women, men = _number(women), _number(men)
    if women is None or men is None or women < 0 or men < 0:
        return None
    larger = max(women, men)
    if larger == 0:
        return Decimal(1)
    return min(women, men) / larger


def change(current, previous) -> Decimal | None:
    """The difference since the previous period, in the indicator's unit."""
    current, previous = _number(current), _number(previous)
    if current is None or previous is None:
        return None
    return current - previous


def traffic_light(*, indicator, target, latest: dict) -> str | None:
    """``"on_track"``, ``"at_risk"``, ``"off_track"``, or ``None`` when it cannot be judged.

    ``latest`` maps genders (``"total"``, ``"women"``, ``"men"``) to the latest values.
    The rule depends on the kind of target:

    - **A value to reach** compares the total with the target value, by the
      indicator's direction. *Higher is better*: on track at or above the target,
      at risk when at most 10 % of the target below it, off track further below.
      *Lower is better*: the mirror image. *Closer to parity*: on track within
      10 % of the target either way, at risk within 20 %, off track beyond.
    - **A women/men ratio within a band**: on track inside the band, at risk when
      within 10 % outside either bound, off track further out.
    - **Parity within N points**: the distance between women's and men's values
      (in the indicator's unit, e.g. percentage points): on track at most N, at
      risk at most 2 N, off track beyond.

    Without a target, or without the values the rule needs, the answer is ``None``.
    """
    if target is None or not latest:
        return None
    if target.kind == TargetKind.VALUE:
        return _value_light(indicator, _number(target.value), _number(latest.get(Gender.TOTAL)))
    women, men = latest.get(Gender.WOMEN), latest.get(Gender.MEN)
    if target.kind == TargetKind.RATIO_BAND:
        return _band_light(ratio(women, men), _number(target.ratio_low), _number(target.ratio_high))
    if target.kind == TargetKind.PARITY:
        distance, allowed = gap(women, men), _number(target.parity_points)
        if distance is None or allowed is None:
            return None
        distance = abs(distance)
        if distance <= allowed:
            return ON_TRACK
        return AT_RISK if distance <= 2 * allowed else OFF_TRACK
    return None


def _value_light(indicator, goal: Decimal | None, value: Decimal | None) -> str | None:
    if goal is None or value is None:
        return None
    margin = abs(goal) * AT_RISK_MARGIN
    if indicator.direction == Direction.HIGHER:
        shortfall = goal - value
    elif indicator.direction == Direction.LOWER:
        shortfall = value - goal
    else:
        deviation = abs(value - goal)
        if deviation <= margin:
            return ON_TRACK
        return AT_RISK if deviation <= 2 * margin else OFF_TRACK
    if shortfall <= 0:
        return ON_TRACK
    return AT_RISK if shortfall <= margin else OFF_TRACK


def _band_light(value: Decimal | None, low: Decimal | None, high: Decimal | None) -> str | None:
    if value is None or low is None or high is None:
        return None
    if low <= value <= high:
        return ON_TRACK
    if low * (1 - AT_RISK_MARGIN) <= value <= high * (1 + AT_RISK_MARGIN):
        return AT_RISK
    return OFF_TRACK
