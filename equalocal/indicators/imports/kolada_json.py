"""Kolada v3 JSON responses: a streaming reader, data rows and KPI metadata."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError

from ..models import (
    Indicator,
    Source,
)
from ..services.figures import indicator_save
from .engine import RowError

# Kolada JSON ----------------------------------------------------------------------------------

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder(parse_float=Decimal)


class _JSONStream:
    """Reads one JSON document in chunks, decoding values one at a time with ``raw_decode``.

    Kolada responses hold up to millions of rows: this keeps memory flat and still
    lets the C decoder do the work.
    """

    def __init__(self, fileobj, chunk_size: int = 1 << 20):
        self.fileobj = fileobj
        self.chunk_size = chunk_size
        self.text = ""
        self.pos = 0
        self.eof = False
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.values_read = 0

    def _fill(self) -> bool:
        if self.eof:
            return False
        data = self.fileobj.read(self.chunk_size)
        if not data:
            self.eof = True
            data = self.decoder.decode(b"", final=True) if not isinstance(data, str) else ""
        elif isinstance(data, bytes):
            try:
                data = self.decoder.decode(data)
            except UnicodeDecodeError:
                raise ApplicationError(
                    _("The file is not UTF-8 text, so it is not Kolada JSON.")
                ) from None
        self.text = self.text[self.pos :] + data
        self.pos = 0
        return True

    def truncated(self) -> ApplicationError:
        return ApplicationError(
            _(
                "The file ends in the middle of row %(row)s: it looks truncated. Download it "
                "again; nothing was imported."
            )
            % {"row": self.values_read + 1},
            extra={
                "errors": [
                    {
                        "row": self.values_read + 1,
                        "column": "",
                        "message": _("The file ends in the middle of this row."),
                    }
                ]
            },
        )

    def next_char(self) -> str:
        """The next character that is not whitespace, consumed; "" at the end of the file."""
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()
            if self.pos < len(self.text):
                char = self.text[self.pos]
                self.pos += 1
                return char
            if not self._fill():
                return ""

    def value(self):
        while True:
            self.pos = _WHITESPACE.match(self.text, self.pos).end()
            try:
                value, end = _decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue
                if error.pos >= len(self.text.rstrip()) or "Unterminated" in error.msg:
                    raise self.truncated() from None
                raise ApplicationError(
                    _("The file is not valid JSON (near row %(row)s).")
                    % {"row": self.values_read + 1}
                ) from None
            # A number at the very end of the buffer may continue in the next chunk.
            if end == len(self.text) and not isinstance(value, dict | list | str) and self._fill():
                continue
            self.pos = end
            return value

    def array(self) -> Iterator:
        if self.next_char() != "[":
            raise ApplicationError(_("Kolada's “values” should be a list."))
        self.pos = _WHITESPACE.match(self.text, self.pos).end()
        if self.pos >= len(self.text):
            self._fill()
        if self.text[self.pos : self.pos + 1] == "]":
            self.pos += 1
            return
        while True:
            item = self.value()
            self.values_read += 1
            yield item
            char = self.next_char()
            if char == "]":
                return
            if char == "":
                raise self.truncated()
            if char != ",":
                raise ApplicationError(
                    _("The file is not valid JSON (near row %(row)s).")
                    % {"row": self.values_read + 1}
                )


def iter_kolada_values(fileobj) -> Iterator[dict]:
    """Yield the items of a Kolada v3 response's ``values`` list (data rows or KPIs).

    Accepts ``{"values": [...], "count": …, "next_url": …}`` in any key order, or a
    bare list. A file that ends early raises :class:`ApplicationError`.
    """
    stream = _JSONStream(fileobj)
    first = stream.next_char()
    if first == "[":
        stream.pos -= 1
        yield from stream.array()
        return
    if first != "{":
        raise ApplicationError(_("This is not a Kolada JSON response: it should start with “{”."))
    found = False
    while True:
        char = stream.next_char()
        if char == "}":
            break
        if char == "":
            raise stream.truncated()
        if char == ",":
            continue
        stream.pos -= 1
        key = stream.value()
        if stream.next_char() != ":":
            raise ApplicationError(_("The file is not valid JSON."))
        if key == "values":
            found = True
            yield from stream.array()
        else:
            stream.value()
    if not found:
        raise ApplicationError(_("This is not a Kolada JSON response: it has no “values”."))


def kolada_rows(items: Iterable[dict]) -> Iterator[tuple]:
    """Turn Kolada data rows into source rows, one per gender value."""
    for number, item in enumerate(items, start=1):
        try:
            kpi, municipality, period = item["kpi"], item["municipality"], item["period"]
            values = [
                (e.get("gender"), e.get("value"), e.get("count"), e.get("status"))
                for e in item["values"]
            ]
        except (KeyError, TypeError, AttributeError):
            problem = _("This is not a Kolada data row with kpi, municipality, period and values.")
            yield (number, RowError([("values", problem)]), *(None,) * 6, "", "values")
            continue
        for gender, value, count, status in values:
            yield (number, kpi, municipality, period, gender, value, count, status, "", "value")


def read_kolada_json(fileobj) -> Iterator[tuple]:
    """Source rows from a saved Kolada v3 data response (``/v3/data/…``), streamed."""
    return kolada_rows(iter_kolada_values(fileobj))


@transaction.atomic
def kpi_metadata_import(items: Iterable[dict], *, by=None) -> tuple[int, int, int]:
    """Create or update site-wide Kolada indicators from ``/v3/kpi`` items.

    Kolada's titles are Swedish; a new indicator gets them as its English title too,
    to be translated later. Returns (created, updated, unchanged).
    """
    created = updated = unchanged = 0
    for item in items:
        code = str(item.get("id") or "").strip()
        if not code:
            continue
        title = (item.get("title") or code)[:300]
        description = item.get("description") or ""
        by_gender = bool(item.get("is_divided_by_gender"))
        indicator = Indicator.objects.filter(code=code, owner__isnull=True).first()
        if indicator is None:
            indicator = Indicator(code=code, title_en=title, source=Source.KOLADA)
            created += 1
        elif (indicator.title_sv, indicator.description_sv, indicator.by_gender) == (
            title,
            description,
            by_gender,
        ):
            unchanged += 1
            continue
        else:
            updated += 1
            if indicator.title_en == indicator.title_sv:
                indicator.title_en = title
        indicator.title_sv = title
        indicator.description_sv = description
        indicator.by_gender = by_gender
        indicator_save(indicator=indicator, by=by)
    return created, updated, unchanged
