"""The demo's three documents: the project's own texts, rendered as the files people upload.

Each text was written for the demo from the facts of one sample document (bodies, dates,
paragraphs, case numbers; people by role, or by the names the demo data already holds);
none of the samples' sentences are copied. The texts live in ``data/`` and are rendered
when the demo loads:

- Ragunda kommun, KSAU § 62 of 2024-10-01, case KS 2024/108 (like sample 003): the
  working party proposes that the executive committee signs the CEMR declaration, whose
  action plan is due within two years. An image-only PDF, printed on A4 with specks of
  dust and, as on a worn copy, faint diacritics on most words, so the pipeline has to OCR
  it and repair what the scan lost.
- Umeåregionen's gender-equality working group, Verksamhetsplan 2014 (like sample 002):
  contact by role, field of work, purpose against the region's three goals, four goals for
  2014 and the activity table. A Word document.
- UBC Gender Equality Working Group, interim report of 15 June 2016 (like sample 000):
  coordinators, background, member cities, the Action Plan 2016 table, meetings, the
  commission matrix and next steps. A born-digital PDF with a text layer and real tables.

``write_protocols_pdf`` makes born-digital protocols of any length, made up for the
benchmarks and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .render import write_docx, write_html_pdf, write_scanned_pdf

DATA = Path(__file__).parent / "data"
# Most words of the protocol lose their diacritics in the scan, some keep them.
PROTOCOL_FADED_MARKS = 1.0


def demo_text(name: str) -> str:
    """One of the demo texts in ``data/``, by file name."""
    return (DATA / name).read_text("utf-8")


def write_ragunda_protocol(path: Path) -> Path:
    """The KSAU § 62 protocol extract as a two-page scanned PDF without a text layer."""
    return write_scanned_pdf(
        path, demo_text("ragunda-ksau-2024-10-01-62.txt"), faded_marks=PROTOCOL_FADED_MARKS
    )


def write_verksamhetsplan(path: Path) -> Path:
    """The Verksamhetsplan 2014 as a Word document, its activity table a real table."""
    return write_docx(
        path, demo_text("umearegionen-verksamhetsplan-2014.txt"), title="Verksamhetsplan 2014"
    )


def write_ubc_report(path: Path) -> Path:
    """The UBC interim report as a born-digital PDF."""
    return write_html_pdf(path, demo_text("ubc-interim-report-2016.html"))


@dataclass(frozen=True)
class DemoDocument:
    organisation: str  # slug of a demo organisation
    title: str
    filename: str
    write: Callable[[Path], Path]
    accept_decision: bool = False  # accept the first extracted decision, as a reviewer would


DEMO_DOCUMENTS = (
    DemoDocument(
        organisation="ragunda",
        title="KSAU 2024-10-01 § 62, CEMR-deklarationen (scanned)",
        filename="KSAU-2024-10-01-62.pdf",
        write=write_ragunda_protocol,
        accept_decision=True,
    ),
    DemoDocument(
        organisation="umearegionen",
        title="Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp",
        filename="Verksamhetsplan-2014.docx",
        write=write_verksamhetsplan,
    ),
    DemoDocument(
        organisation="ubc",
        title="UBC Gender Equality Working Group, interim report 2016",
        filename="ubc-gender-equality-interim-report-2016.pdf",
        write=write_ubc_report,
    ),
)


PROTOCOL_PAGE = """
<section>
<h1>Protokoll kommunfullmäktige {year}, sida {page}</h1>
<p>§ {paragraph} Undertecknande av CEMR-deklarationen, dnr KS {year}/{case}</p>
<p>Kommunfullmäktige beslutar att kommunen undertecknar den europeiska deklarationen för
jämställdhet mellan kvinnor och män på lokal och regional nivå (CEMR-deklarationen).
Kommunstyrelsen får i uppdrag att inom två år ta fram en handlingsplan för jämställdhet.</p>
<p>Deklarationen är ett verktyg för kommuner och regioner att främja jämställdhet och att
integrera jämställdhetsperspektivet i det politiska beslutsfattandet och i verksamheten.
Jämställdhetsarbetet följs upp årligen i samband med årsredovisningen.</p>
<table>
<tr><th>Mål</th><th>Aktivitet</th><th>Ansvarig</th><th>Tidsram</th></tr>
<tr><td>Jämställd service</td><td>Könsuppdela all individstatistik</td><td>Kommunledningskontoret</td><td>2025</td></tr>
<tr><td>Jämställda villkor</td><td>Lönekartläggning</td><td>HR-avdelningen</td><td>Varje år</td></tr>
</table>
</section>
"""


def write_protocols_pdf(path: Path, pages: int) -> Path:
    """A born-digital PDF of ``pages`` made-up pages, each a Swedish decision to sign the Charter
    and an action table."""
    body = "\n".join(
        PROTOCOL_PAGE.format(year=2020 + page % 5, page=page, paragraph=40 + page, case=100 + page)
        for page in range(1, pages + 1)
    )
    return write_html_pdf(
        path,
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Protokoll</title><style>"
        "@page { size: A4; margin: 2cm } section { break-after: page } "
        "body { font-family: 'DejaVu Sans'; font-size: 11pt } "
        "td, th { border: 1px solid #000; padding: 4px }"
        "</style></head><body>" + body + "</body></html>",
    )


def write_demo_documents(folder: Path) -> list[Path]:
    """Render the three demo documents into ``folder`` (created if missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [document.write(folder / document.filename) for document in DEMO_DOCUMENTS]
