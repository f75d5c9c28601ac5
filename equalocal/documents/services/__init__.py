"""Writes for documents: upload, the processing pipeline, review of extracted items.

Split by subdomain; import from here or from the module.
"""

from .pipeline import (
    document_cancel,
    document_process,
    document_retry,
    documents_requeue_stale,
)
from .review import item_accept, item_reject, items_accept_confident
from .upload import (
    UploadOutcome,
    document_delete,
    document_update,
    document_upload,
    document_upload_many,
)

__all__ = [
    "UploadOutcome",
    "document_cancel",
    "document_delete",
    "document_process",
    "document_retry",
    "document_update",
    "document_upload",
    "document_upload_many",
    "documents_requeue_stale",
    "item_accept",
    "item_reject",
    "items_accept_confident",
]
