"""A report's snapshot as HTML (the preview and the PDF's source), PDF and DOCX.

Each function takes the snapshot only, so the files can be made again from a frozen
report without reading the data. Call them under the report's language
(``translation.override``); ``render_report`` does.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from .charts import bar_chart

# The language tag of each report language, for the PDF, the HTML and the DOCX.
LANGUAGE_TAGS = {"en": "en-GB", "sv": "sv-SE"}
# The WeasyPrint variant of a PDF/UA report.
PDF_UA = "pdf/ua-1"


def _decimal(value):
    return None if value is None else Decimal(value)


def document_context(snapshot: dict) -> dict:
    """The template context of a report: the snapshot, its charts and table of contents."""
    from equalocal.indicators.charts import line_chart

    data = copy.deepcopy(snapshot)
    for indicator in data.get("indicators", []):
        series = [
            (label, [(period, _decimal(value)) for period, value in points])
            for label, points in indicator["series"]
        ]
        indicator["chart"] = (
            line_chart(
                series,
                title=indicator["title"],
                unit=indicator["unit"],
                target=_decimal(indicator["target_value"]),
            )
            if series
            else ""
        )
    for chart in data.get("bar_charts", []):
        chart["svg"] = bar_chart(chart["bars"], title=chart["title"])
    from .outline import outline

    sections = outline(data)
    return {
        "report": data,
        "contents": sections,
        "titles": dict(sections),
        "language_tag": LANGUAGE_TAGS.get(data["language"], data["language"]),
        "body_template": f"reports/document/{data['kind']}.html",
    }


def render_html(snapshot: dict, *, standalone: bool = True) -> str:
    """The report as HTML: a whole document for the PDF, or the body for the preview page."""
    template = "reports/document.html" if standalone else "reports/document/body.html"
    return render_to_string(template, document_context(snapshot))


@dataclass(frozen=True)
class PdfResult:
    content: bytes
    pages: int


def render_pdf(html: str, *, pdf_ua: bool = True) -> PdfResult:
    """The HTML laid out by WeasyPrint: tagged, fonts embedded, PDF/UA-1 when asked."""
    from weasyprint import HTML

    document = HTML(string=html).render(pdf_tags=True)
    options = {"pdf_variant": PDF_UA} if pdf_ua else {"pdf_tags": True}
    return PdfResult(content=document.write_pdf(**options), pages=len(document.pages))


def render_docx(snapshot: dict) -> bytes:
    """The report as a Word document (``docx_writer``)."""
    from .docx_writer import write_docx

    buffer = io.BytesIO()
    write_docx(snapshot, buffer)
    return buffer.getvalue()


def render_report(snapshot: dict, *, pdf_ua: bool = True, progress=None):
    """HTML, PDF and DOCX of a snapshot, in its language."""
    with translation.override(snapshot["language"]):
        html = render_html(snapshot)
        if progress:
            progress("pdf")
        pdf = render_pdf(html, pdf_ua=pdf_ua)
        if progress:
            progress("docx")
        docx = render_docx(snapshot)
    return html, pdf, docx
