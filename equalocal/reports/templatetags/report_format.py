"""Filters for a report's snapshot values: ISO dates and numbers kept as text, shown in the
report's language (the template is rendered under it)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def isodate(value, style: str = "DATE_FORMAT") -> str:
    """``"2026-03-01"`` as a date in the active language; empty for none."""
    if not value:
        return ""
    try:
        return date_format(date.fromisoformat(str(value)[:10]), style)
    except ValueError:
        return str(value)


@register.filter
def num(value, places=None) -> str:
    """A number kept as text, formatted in the active language; "–" for none."""
    if value is None or value == "":
        return "–"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if places not in (None, ""):
        return number_format(number, decimal_pos=int(places))
    return number_format(number.normalize(), force_grouping=True)
