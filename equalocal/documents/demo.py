"""Demo documents, processed and ready for review.

The three files are rendered from the project's own texts (``demo_documents``):

- Ragunda's protocol extract KSAU § 62 (2024-10-01, KS 2024/108) as a scanned PDF, so the
  demo shows OCR, the repair of lost diacritics and a decision to review. Its proposal is
  accepted, linking the commitment step the charters demo recorded back to the page.
- Umeåregionen's Verksamhetsplan 2014 as a Word document, whose activity rows wait for
  review as draft activities.
- The UBC Gender Equality Working Group's interim report of 2016 as a born-digital PDF.

Runs after the organisations, charters and plans demos; idempotent: a document already
uploaded (by title, per organisation) is left as it is, and not rendered again.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from equalocal.core.errors import ApplicationError

from .demo_documents import DEMO_DOCUMENTS
from .models import Document, ItemKind, ItemStatus
from .services import document_process, document_upload, item_accept


def _upload(organisation, *, title: str, path: Path) -> Document:
    document, created = document_upload(
        organisation=organisation, file=path, filename=path.name, by=None, title=title
    )
    if created:
        document_process(document_id=document.pk)
        document.refresh_from_db()
    return document


def _accept_first_decision(document: Document) -> None:
    item = document.items.filter(kind=ItemKind.DECISION, status=ItemStatus.PENDING).first()
    if item is None:
        return
    # One that cannot be accepted as extracted is left for a person to correct.
    with contextlib.suppress(ApplicationError):
        item_accept(item=item, by=None)


def load(context) -> None:
    organisations = context.objects["organisations"]
    loaded = []
    with tempfile.TemporaryDirectory(prefix="equalocal-demo-") as folder:
        for demo in DEMO_DOCUMENTS:
            organisation = organisations.get(demo.organisation)
            if organisation is None:
                continue
            if Document.objects.filter(organisation=organisation, title=demo.title).exists():
                continue
            path = demo.write(Path(folder) / demo.filename)
            document = _upload(organisation, title=demo.title, path=path)
            if demo.accept_decision:
                _accept_first_decision(document)
            loaded.append(document.title)
    context.log.append("Documents: " + (", ".join(loaded) if loaded else "already loaded"))
