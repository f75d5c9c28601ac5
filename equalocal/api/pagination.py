"""Cursor pagination by keyset: each page continues after the last row of the one before.

A cursor is opaque to clients: base64 of the ordering, the last row's sort value and id.
Unlike an offset, it does not skip or repeat rows when rows are added while paging, and
every page costs the same whatever its depth.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from .errors import ApiError
from .inputs import MAX_INTEGER, MIN_INTEGER

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


@dataclass
class Page:
    items: list
    next_cursor: str | None


def _encode(ordering: str, value, pk: int) -> str:
    raw = json.dumps([ordering, None if value is None else str(value), pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, ordering: str):
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        saved, value, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if saved != ordering or not isinstance(pk, int) or not isinstance(value, str | None):
            raise ValueError
        # A forged cursor must not carry what the database refuses (see ``inputs``).
        if not MIN_INTEGER <= pk <= MAX_INTEGER or (value is not None and "\x00" in value):
            raise ValueError
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError(
            400,
            "invalid_cursor",
            _("The cursor is not valid for this list and ordering; start again without it."),
            {"cursor": [_("Unknown cursor.")]},
        ) from None
    return value, pk


def paginate(
    queryset: QuerySet, *, ordering: str, orderings: dict[str, str], cursor: str | None, limit: int
) -> Page:
    """One page of ``queryset`` in ``ordering`` (a key of ``orderings``: public name → field,
    ``-`` for descending). The sort field must not be null; ties are broken by id."""
    field = orderings[ordering]
    descending = field.startswith("-")
    name = field.lstrip("-")
    order = (f"-{name}", "-pk") if descending else (name, "pk")
    queryset = queryset.order_by(*order)
    if cursor:
        value, pk = _decode(cursor, ordering)
        op = "lt" if descending else "gt"
        try:
            queryset = queryset.filter(
                Q(**{f"{name}__{op}": value}) | Q(**{name: value, f"pk__{op}": pk})
            )
            rows = list(queryset[: limit + 1])
        except (ValueError, TypeError, ValidationError):
            # A forged cursor whose value does not fit the field.
            raise ApiError(
                400,
                "invalid_cursor",
                _("The cursor is not valid for this list and ordering; start again without it."),
                {"cursor": [_("Unknown cursor.")]},
            ) from None
    else:
        rows = list(queryset[: limit + 1])
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        value = last
        for part in name.split("__"):
            value = getattr(value, part)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        next_cursor = _encode(ordering, value, last.pk)
    return Page(items=rows, next_cursor=next_cursor)
