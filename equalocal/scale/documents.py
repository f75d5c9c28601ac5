"""Documents as the pipeline leaves them: the stored file, its pages of text, what was
extracted for review, and the rows of the search index."""

from __future__ import annotations

import hashlib
import os
from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction

from equalocal.docmine.types import Decision, DecisionType
from equalocal.documents.models import (
    Document,
    DocumentKind,
    ExtractedItem,
    FileType,
    ItemKind,
    Page,
    PageSource,
    Stage,
    StoredFile,
    stored_file_path,
)
from equalocal.documents.search import index_documents
from equalocal.organisations.models import Role

from .run import Run, split
from .words import COUNTRIES, PHRASES, VOCABULARY, text_language

BATCH = 1000
KINDS = [
    (DocumentKind.DECISION, 40),
    (DocumentKind.ACTION_PLAN, 15),
    (DocumentKind.REPORT, 20),
    (DocumentKind.WEB_PAGE, 10),
    (DocumentKind.OTHER, 15),
]
TITLES = {
    DocumentKind.DECISION: "Protocol extract {n}",
    DocumentKind.ACTION_PLAN: "Action plan for equality, version {n}",
    DocumentKind.REPORT: "Follow-up report {n}",
    DocumentKind.WEB_PAGE: "News item {n}",
    DocumentKind.OTHER: "Motion {n}",
}


def _page_text(rng, language: str) -> str:
    words = VOCABULARY[text_language(language)]
    phrases = PHRASES.get(text_language(language), ())
    parts = rng.choices(words, k=rng.randint(150, 400))
    for _n in range(rng.randint(0, 3)):
        if phrases:
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(phrases))
    sentences = []
    for start in range(0, len(parts), 12):
        sentence = " ".join(parts[start : start + 12])
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def _write(name: str, content: bytes) -> None:
    """Store the file's bytes under its content address, as an upload would."""
    try:
        path = default_storage.path(name)
    except NotImplementedError:
        from django.core.files.base import ContentFile

        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(content)


def build(run: Run) -> None:
    rng = run.rng("documents")
    total = run.spec.documents
    local = run.local
    # Larger municipalities write more; the first (the showcase) is among the busiest.
    weights = [5.0 if index == 0 else rng.paretovariate(1.5) for index in range(len(local))]
    counts = split(total, weights)
    owners = [organisation for organisation, count in zip(local, counts, strict=True)
              for _n in range(count)]  # fmt: skip
    rng.shuffle(owners)
    done = 0
    for start in range(0, len(owners), BATCH):
        with transaction.atomic():
            _batch(run, rng, owners[start : start + BATCH], first=start)
        done += len(owners[start : start + BATCH])
        run.progress("documents", done, total)


def _batch(run: Run, rng, owners, *, first: int) -> None:
    files, documents, texts = [], [], []
    for offset, organisation in enumerate(owners):
        number = first + offset + 1
        language = COUNTRIES[str(organisation.country)][1]
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        pages = [_page_text(rng, language) for _n in range(rng.choice([1, 1, 2, 3]))]
        content = "\f".join(pages).encode()
        sha = hashlib.sha256(content + str(number).encode()).hexdigest()
        stored = StoredFile(sha256=sha, size=len(content), file_type=FileType.TEXT)
        stored.file.name = stored_file_path(stored, sha)
        _write(stored.file.name, content)
        day = run.days_ago(rng, 1, 12 * 365)
        files.append(stored)
        # Only a decision has extracted items here, so only a decision can be reviewed.
        reviewed = kind == DocumentKind.DECISION and rng.random() < 0.5
        documents.append(
            Document(
                organisation=organisation,
                title=TITLES[kind].format(n=number),
                original_filename=f"document-{number}.txt",
                uploaded_by=run.users.get((organisation.pk, Role.EDITOR)),
                stage=Stage.REVIEWED if reviewed else Stage.REVIEW,
                progress_current=len(pages),
                progress_total=len(pages),
                attempts=1,
                processed_at=run.stamp(min(day + timedelta(days=1), run.today)),
                language=language,
                kind=kind,
                kind_confidence=round(rng.uniform(0.5, 1.0), 2),
                cemr_related=rng.random() < 0.4,
                document_date=day,
                page_count=len(pages),
            )
        )
        texts.append(pages)
    files = StoredFile.objects.bulk_create(files)
    for document, stored in zip(documents, files, strict=True):
        document.stored_file = stored
    documents = Document.objects.bulk_create(documents)
    Page.objects.bulk_create(
        (
            Page(
                document=document,
                number=number,
                text=text,
                raw_text=text,
                source=PageSource.TEXT_LAYER,
                language=document.language,
            )
            for document, pages in zip(documents, texts, strict=True)
            for number, text in enumerate(pages, start=1)
        ),
        batch_size=500,
    )
    items = []
    for document in documents:
        if document.kind != DocumentKind.DECISION:
            continue
        decision = Decision(
            organisation=document.organisation.name,
            country=str(document.organisation.country),
            decision_date=document.document_date.isoformat(),
            deciding_body="Municipal council",
            decision_type=DecisionType.ADOPT_ACTION_PLAN,
            confidence=0.8,
            page=1,
            organisation_id=document.organisation_id,
        )
        reviewed = document.stage == Stage.REVIEWED
        items.append(
            ExtractedItem(
                document=document,
                kind=ItemKind.DECISION,
                page=1,
                data=decision.as_dict(),
                confidence=0.8,
                status="accepted" if reviewed else "pending",
                reviewed_by=document.uploaded_by if reviewed else None,
                reviewed_at=document.processed_at if reviewed else None,
            )
        )
    # A reviewed document has no item waiting; one without items is left for review.
    ExtractedItem.objects.bulk_create(items)
    index_documents(documents)
