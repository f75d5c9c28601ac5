"""Figures as people read them, in the page's language.

``{{ value|figure:indicator.unit }}``: kronor and other currencies whole; other figures with
at most two decimals, trailing zeros dropped (12.5, not 12.50). ``{{ gap|difference:unit }}``:
the gap between two percentages is in percentage points, not per cent.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

CURRENCIES = {"sek", "kr", "kronor", "kr.", "eur", "€", "nok", "dkk", "isk", "pln", "zł"}
PERCENT = {"%", "procent", "percent", "per cent"}


def _is_currency(unit: str) -> bool:
    words = {word.strip(".,/()").lower() for word in (unit or "").split()}
    return bool(words & CURRENCIES) or (unit or "").strip().lower() in CURRENCIES


def format_figure(value, unit: str = "") -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    if _is_currency(unit):
        number = number.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    else:
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return number_format(number, force_grouping=True)


@register.filter
def figure(value, unit=""):
    return format_figure(value, unit)


@register.filter
def difference_unit(unit):
    """The unit of a difference between two figures: percentage points for percentages."""
    return _("percentage points") if (unit or "").strip().lower() in PERCENT else (unit or "")
