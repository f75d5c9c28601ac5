"""HTML to text with the standard library's parser: no scripts, blocks on their own lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..types import FileType, PageText, ReadResult, Table
from .office import table_lines

SKIPPED = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "ul",
    "caption", "title", "option",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class _TableBuilder:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def end_cell(self) -> None:
        if self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row:
            self.rows.append(self.row)
        self.row = None


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.skip_tag = ""
        self.tables: list[_TableBuilder] = []
        self.finished_tables: list[list[list[str]]] = []
        self.title: list[str] = []
        self.in_title = False
        self.in_pre = 0

    # Text goes to the innermost open table cell, else to the page.
    def _emit(self, text: str) -> None:
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(text)
        elif not self.tables or self.tables[-1].row is None:
            self.parts.append(text)

    def handle_starttag(self, tag, attrs):
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in SKIPPED:
            self.skip_tag = tag
            self.skip_depth = 1
            return
        if tag == "table":
            self.tables.append(_TableBuilder())
        elif tag == "tr" and self.tables:
            self.tables[-1].end_row()
            self.tables[-1].row = []
        elif tag in {"td", "th"} and self.tables:
            table = self.tables[-1]
            table.end_cell()
            if table.row is None:
                table.row = []
            table.cell = []
        elif tag == "br":
            self._emit("\n")
        elif tag == "pre":
            self.in_pre += 1
            self._emit("\n")
        elif tag in BLOCKS:
            self._emit("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip_depth:
            self._emit("\n")

    def handle_endtag(self, tag):
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag == "title":
            self.in_title = False
            return
        if tag in SKIPPED:
            return  # a stray end tag
        if tag == "table" and self.tables:
            table = self.tables.pop()
            table.end_row()
            if table.rows:
                self.finished_tables.append(table.rows)
                block = "\n" + "\n".join(table_lines(table.rows)) + "\n"
                if self.tables and self.tables[-1].cell is not None:
                    self.tables[-1].cell.append(" ".join(block.split()))
                else:
                    self.parts.append(block)
        elif tag == "tr" and self.tables:
            self.tables[-1].end_row()
        elif tag in {"td", "th"} and self.tables:
            self.tables[-1].end_cell()
        elif tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
            self._emit("\n")
        elif tag in BLOCKS:
            self._emit("\n")

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.in_title:
            self.title.append(data)
            return
        if not self.in_pre:
            data = re.sub(r"[ \t\r\n\f]+", " ", data)
        self._emit(data)

    def result(self) -> tuple[str, list[list[list[str]]], str]:
        while self.tables:
            table = self.tables.pop()
            table.end_row()
            if table.rows:
                self.finished_tables.append(table.rows)
                self.parts.append("\n" + "\n".join(table_lines(table.rows)) + "\n")
        return (
            tidy("".join(self.parts)),
            self.finished_tables,
            " ".join("".join(self.title).split()),
        )


def tidy(text: str) -> str:
    """Trim spaces around line ends and keep at most one blank line between blocks."""
    text = text.replace("\u00a0", " ")
    lines = [re.sub(r" {2,}", " ", line).strip(" ") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def html_to_text(markup: str) -> tuple[str, list[Table], str]:
    """Return (text, tables, title) of an HTML document."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text, tables, title = parser.result()
    return text, [Table(rows=rows, page=1) for rows in tables], title


def read_html(markup: str) -> ReadResult:
    text, tables, title = html_to_text(markup)
    return ReadResult(
        file_type=FileType.HTML,
        pages=[PageText(number=1, text=text, raw_text=text)],
        tables=tables,
        title=title,
    )
