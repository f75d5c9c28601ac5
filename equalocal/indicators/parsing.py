"""Periods and values as people and files write them: "2024", "2024-03-31", "1 234,5"."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

PERIOD_RE = re.compile(r"^\d{4}(-\d{2}-\d{2})?$")
# Measurement.value has 16 digits, 4 of them decimals.
VALUE_LIMIT = Decimal(10) ** 12
FOUR_PLACES = Decimal("0.0001")


def parse_period(raw) -> tuple[str, int]:
    """Return ``(period, year)`` for a year ("2024") or a date ("2024-03-31").

    Raises ``ValueError`` with no message for anything else; callers word the error.
    """
    text = str(raw).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not PERIOD_RE.match(text):
        raise ValueError
    year = int(text[:4])
    if len(text) > 4:
        date.fromisoformat(text)
    if not 1900 <= year <= 2100:
        raise ValueError
    return text, year


def parse_value(raw) -> Decimal | None:
    """Return ``raw`` as a Decimal rounded to 4 places; ``None`` for an empty value.

    Text may use a decimal comma and spaces between thousands ("1 234,5").
    Raises ``ValueError`` for anything that is not a finite number in range.
    """
    if raw is None:
        return None
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, bool):
        raise ValueError
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError from None
    if not number.is_finite() or abs(number) >= VALUE_LIMIT:
        raise ValueError
    return number.quantize(FOUR_PLACES)


# Indicators -----------------------------------------------------------------------------------
