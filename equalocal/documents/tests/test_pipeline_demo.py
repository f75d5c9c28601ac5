"""The documents demo: three samples processed, one decision accepted with provenance."""

from __future__ import annotations

import pytest

from equalocal.core.demo import load_demo
from equalocal.documents.models import Document, ItemStatus, Stage

from . import fixtures

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not fixtures.seeds_dir().is_dir(), reason="sample folder absent")
def test_demo_documents_are_processed_and_loaded_once():
    load_demo()
    documents = Document.objects.select_related("organisation")
    by_org = {d.organisation.slug: d for d in documents}
    assert set(by_org) == {"ragunda", "umearegionen", "ubc"}
    assert all(d.stage in (Stage.REVIEW, Stage.REVIEWED) for d in documents), [
        (d.title, d.stage, d.error_detail) for d in documents
    ]
    scan = by_org["ragunda"]
    assert scan.ocr_page_count == scan.page_count > 0
    assert by_org["umearegionen"].items.filter(kind="action_row").exists()
    accepted = scan.items.filter(status=ItemStatus.ACCEPTED).first()
    if accepted is not None:
        assert accepted.target is not None

    load_demo()
    assert Document.objects.count() == 3
