"""Plain text: encoding detection, newlines, stray HTML tags, tab-separated tables."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

from charset_normalizer import from_bytes

from ..types import FileType, PageText, ReadResult, Table

_TAG = re.compile(
    r"</?(?:p|br|div|span|b|i|u|em|strong|li|ul|ol|h[1-6]|a|font|table|tr|td|th|tbody|thead)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


EUROPEAN_ENCODINGS = [
    "cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1257", "iso8859_13",
    "iso8859_4", "cp1253", "iso8859_7", "cp1251", "koi8_r", "utf_16", "mac_roman", "cp850",
]  # fmt: skip


def decode(data: bytes) -> str:
    """Decode bytes of unknown encoding: BOM, UTF-8, then charset-normalizer's best guess."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Restricted to European encodings: unrestricted, short texts come out as CJK.
    best = from_bytes(data[:200_000], cp_isolation=EUROPEAN_ENCODINGS).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, "replace")
    return data.decode("cp1252", "replace")


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def strip_stray_tags(text: str) -> str:
    """Remove the few HTML tags pasted into a text, keeping its lines and tabs."""
    if not _TAG.search(text):
        return text
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    lines = [re.sub(r" {2,}", " ", line) for line in text.split("\n")]
    lines = ["\t".join(cell.strip(" ") for cell in line.split("\t")) for line in lines]
    return "\n".join(lines)


def tab_tables(text: str) -> list[Table]:
    """Runs of two or more tab-separated lines with at least two columns."""
    tables: list[Table] = []
    run: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        if "\t" in line:
            run.append([cell.strip() for cell in line.split("\t")])
            continue
        if len(run) >= 2:
            tables.append(Table(rows=run, page=1))
        run = []
    return tables


def read_plain(data: bytes) -> ReadResult:
    text = strip_stray_tags(normalise(decode(data))).strip("\n")
    return ReadResult(
        file_type=FileType.TEXT,
        pages=[PageText(number=1, text=text, raw_text=text)],
        tables=tab_tables(text),
    )
