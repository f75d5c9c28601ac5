"""Field values as text, for comparisons of versions and concurrent edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _


def format_value(model, name: str, value) -> str:
    """A field's value as text for comparisons: choice labels, names, local dates, numbers."""
    field = model._meta.get_field(name)
    if field.many_to_many:
        labels = [str(getattr(item, "number", None) or item) for item in value]
        return ", ".join(sorted(labels, key=lambda label: (len(label), label)))
    if value is None or value == "":
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return number_format(value, force_grouping=True)
    return str(value)


def instance_value(instance, name: str) -> str:
    """``format_value`` of an instance's field; many-to-many values are read from the database."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name).all() if field.many_to_many else getattr(instance, name)
    return format_value(type(instance), name, value)
