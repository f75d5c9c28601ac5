"""Spreadsheets made in tests with the libraries the product reads them with."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook


def xlsx(rows: list[list], *, title: str = "Plan") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def streamed_xlsx(count: int) -> bytes:
    """A long workbook written in openpyxl's write-only mode: it declares no dimension, so
    only its rows tell how long it is."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(["Activity"])
    for number in range(count):
        sheet.append([f"Row {number}"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsm(rows: list[list]) -> bytes:
    """A workbook with a VBA project inside, as Excel saves a macro-enabled one."""
    data = io.BytesIO(xlsx(rows))
    output = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return output.getvalue()


def csv_text(rows: list[list], *, delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(str(c) for c in row) for row in rows) + "\r\n"


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)
