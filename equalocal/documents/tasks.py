"""Background tasks of the documents app."""

from __future__ import annotations

from django.tasks import task


@task
def process_document(document_id: int) -> None:
    """Run or resume the pipeline for one document (see ``services.pipeline``)."""
    from .services.pipeline import document_process

    document_process(document_id=document_id)
