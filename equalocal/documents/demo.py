"""Demo documents, processed and ready for review.

- 003 (KSAU § 62, Ragunda): a scanned PDF made from the sample as printed, so the demo shows
  OCR, the repair of lost diacritics and a decision to review. Its recommendation is
  accepted, linking the commitment step the charters demo recorded back to the page.
- 002 (Umeåregionen's Verksamhetsplan 2014): a Word document with the activity table, whose
  rows wait for review as draft activities.
- 000 (UBC Gender Equality Working Group's interim report): the text as received.

Runs after the organisations, charters and plans demos; idempotent: a document already
uploaded (by title, per organisation) is left as it is. Skipped when the sample folder is
absent.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from equalocal.core.errors import ApplicationError

from .models import Document, ItemKind, ItemStatus
from .services import document_process, document_upload, item_accept


def _upload(organisation, *, title: str, filename: str, content: bytes | Path) -> Document | None:
    if Document.objects.filter(organisation=organisation, title=title).exists():
        return None
    file = content if isinstance(content, Path) else io.BytesIO(content)
    document, created = document_upload(
        organisation=organisation, file=file, filename=filename, by=None, title=title
    )
    if created:
        document_process(document_id=document.pk)
        document.refresh_from_db()
    return document


def _accept_first_decision(document: Document | None) -> None:
    if document is None:
        return
    item = document.items.filter(kind=ItemKind.DECISION, status=ItemStatus.PENDING).first()
    if item is None:
        return
    # One that cannot be accepted as extracted is left for a person to correct.
    with contextlib.suppress(ApplicationError):
        item_accept(item=item, by=None)


def load(context) -> None:
    from .tests import fixtures

    if not fixtures.seeds_dir().is_dir():
        context.log.append("Documents: sample folder absent, skipped")
        return
    organisations = context.objects["organisations"]
    loaded = []
    with tempfile.TemporaryDirectory(prefix="equalocal-demo-") as folder:
        folder = Path(folder)
        if "ragunda" in organisations:
            scan = fixtures.make_scanned_003_pdf(folder / "KSAU-2024-10-01-62.pdf")
            document = _upload(
                organisations["ragunda"],
                title="KSAU 2024-10-01 § 62, CEMR-deklarationen (scanned)",
                filename=scan.name,
                content=scan,
            )
            _accept_first_decision(document)
            loaded.append(document and document.title)
        if "umearegionen" in organisations:
            docx = fixtures.make_docx_002(folder / "Verksamhetsplan-2014.docx")
            document = _upload(
                organisations["umearegionen"],
                title="Verksamhetsplan 2014 för Umeåregionens jämställdhetsarbetsgrupp",
                filename=docx.name,
                content=docx,
            )
            loaded.append(document and document.title)
        if "ubc" in organisations:
            document = _upload(
                organisations["ubc"],
                title="UBC Gender Equality Working Group, interim report 2016",
                filename="ubc-interim-report-2016.txt",
                content=fixtures.sample_text("000").encode(),
            )
            loaded.append(document and document.title)
    loaded = [title for title in loaded if title]
    context.log.append("Documents: " + (", ".join(loaded) if loaded else "already loaded"))
