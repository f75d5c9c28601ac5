"""DOCX (python-docx) and ODT (zip + defusedxml), paragraphs and tables in document order."""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..types import DocumentRejected, FileType, PageText, ReadResult, RejectReason, Table
from .limits import DEFAULT_LIMITS, Limits


def check_zip(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse zip bombs from the central directory alone, before inflating anything."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    if len(infos) > limits.max_zip_entries:
        raise DocumentRejected(RejectReason.ZIP_BOMB, f"{len(infos)} entries")
    total = 0
    for info in infos:
        total += info.file_size
        if total > limits.max_uncompressed_bytes:
            raise DocumentRejected(
                RejectReason.ZIP_BOMB, f"over {limits.max_uncompressed_bytes} bytes uncompressed"
            )
        if info.file_size > 1024 * 1024 and info.file_size > limits.max_zip_ratio * max(
            info.compress_size, 1
        ):
            raise DocumentRejected(
                RejectReason.ZIP_BOMB,
                f"{info.filename} expands {info.file_size // max(info.compress_size, 1)}×",
            )


def _read_member(archive: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    # The declared size was checked, but a lying header must not make us inflate more.
    with archive.open(name) as member:
        data = member.read(limits.max_uncompressed_bytes + 1)
    if len(data) > limits.max_uncompressed_bytes:
        raise DocumentRejected(RejectReason.ZIP_BOMB, f"{name} is larger than declared")
    return data


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table as tab-separated lines; line breaks inside cells become spaces."""
    return ["\t".join(" ".join(cell.split()) for cell in row) for row in rows]


# -- DOCX ------------------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Paragraphs and tables of a DOCX in order; each table also as tab-separated lines."""
    check_zip(path, limits=limits)
    import docx  # python-docx is slow to import; only DOCX needs it.
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    except Exception as error:  # lxml and python-docx raise many types on broken parts
        raise DocumentRejected(RejectReason.CORRUPT, f"{type(error).__name__}: {error}") from error

    lines: list[str] = []
    tables: list[Table] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            lines.append(_docx_paragraph_text(block))
        elif block.tag == f"{W}tbl":
            rows = _docx_table_rows(block)
            if rows:
                tables.append(Table(rows=rows, page=1))
                lines.extend(table_lines(rows))
                lines.append("")
    title = (document.core_properties.title or "").strip()
    text = _join(lines)
    return ReadResult(
        file_type=FileType.DOCX,
        pages=[PageText(number=1, text=text, raw_text=text)],
        tables=tables,
        title=title,
    )


def _docx_paragraph_text(paragraph) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        elif node.tag in {f"{W}br", f"{W}cr"}:
            parts.append("\n")
    return "".join(parts)


def _docx_table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iterchildren(f"{W}tr"):
        cells: list[str] = []
        for cell in row.iterchildren(f"{W}tc"):
            texts = []
            for child in cell.iterchildren():
                if child.tag == f"{W}p":
                    texts.append(_docx_paragraph_text(child))
                elif child.tag == f"{W}tbl":
                    texts.extend(" ".join(r) for r in _docx_table_rows(child))
            cells.append("\n".join(t for t in texts if t.strip()).strip())
        if any(cells):
            rows.append(cells)
    return rows


# -- ODT -------------------------------------------------------------------------------------

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"


def read_odt(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Headings, paragraphs, lists and tables of an ODT in order."""
    check_zip(path, limits=limits)
    try:
        with zipfile.ZipFile(path) as archive:
            content = _read_member(archive, "content.xml", limits)
            meta = (
                _read_member(archive, "meta.xml", limits)
                if "meta.xml" in archive.namelist()
                else b""
            )
        root = ElementTree.fromstring(content)
    except DocumentRejected:
        raise
    except (KeyError, zipfile.BadZipFile, OSError, EOFError) as error:
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise DocumentRejected(RejectReason.CORRUPT, f"content.xml: {error}") from error

    lines: list[str] = []
    tables: list[Table] = []
    body = root.find(f"{OFFICE}body")
    if body is not None:
        for office_text in body:
            _odt_blocks(office_text, lines, tables)
    title = ""
    if meta:
        try:
            node = ElementTree.fromstring(meta).find(f".//{DC}title")
            title = (node.text or "").strip() if node is not None else ""
        except (ElementTree.ParseError, DefusedXmlException):
            title = ""
    text = _join(lines)
    return ReadResult(
        file_type=FileType.ODT,
        pages=[PageText(number=1, text=text, raw_text=text)],
        tables=tables,
        title=title,
    )


def _odt_blocks(node, lines: list[str], tables: list[Table]) -> None:
    for child in node:
        if child.tag in {f"{TEXT}p", f"{TEXT}h"}:
            lines.append(_odt_inline(child))
        elif child.tag == f"{TABLE}table":
            rows = _odt_table_rows(child)
            if rows:
                tables.append(Table(rows=rows, page=1))
                lines.extend(table_lines(rows))
                lines.append("")
        elif child.tag in {
            f"{TEXT}list",
            f"{TEXT}list-item",
            f"{TEXT}list-header",
            f"{TEXT}section",
            f"{TABLE}table-header-rows",
        }:
            _odt_blocks(child, lines, tables)


def _odt_inline(node) -> str:
    parts: list[str] = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append(" ")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        elif child.tag in {f"{TEXT}note", f"{OFFICE}annotation"}:
            pass
        else:
            parts.append(_odt_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_table_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in table.iter(f"{TABLE}table-row"):
        cells = []
        for cell in row:
            if cell.tag not in {f"{TABLE}table-cell", f"{TABLE}covered-table-cell"}:
                continue
            texts: list[str] = []
            for paragraph in cell.iter():
                if paragraph.tag in {f"{TEXT}p", f"{TEXT}h"}:
                    texts.append(_odt_inline(paragraph))
            repeat = int(cell.get(f"{TABLE}number-columns-repeated", "1") or 1)
            cells.extend(["\n".join(texts).strip()] * min(repeat, 50))
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            rows.append(cells)
    return rows


def _join(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()
