"""``equalocal ingest``: folders walked, documents processed, a summary, non-zero on failure."""

from __future__ import annotations

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from equalocal.documents.models import Document, Stage
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_ingest_a_folder_processes_and_summarises(tmp_path, born_digital_pdf, docx_002):
    org = OrganisationFactory(slug="umea", official_code="2480")
    folder = tmp_path / "in" / "nested"
    folder.mkdir(parents=True)
    shutil.copy(born_digital_pdf, folder / "report.pdf")
    shutil.copy(docx_002, tmp_path / "in" / "plan.docx")
    out, err = _ingest(str(tmp_path / "in"), "--org", "2480")
    documents = Document.objects.filter(organisation=org)
    assert documents.count() == 2
    assert all(d.stage == Stage.REVIEW for d in documents)
    assert "Documents: 2 new, 0 already there, 0 failed" in out
    pages = sum(d.page_count for d in documents)
    assert f"Pages: {pages}, read by OCR: 0" in out
    assert "Languages: " in out and "Kinds: " in out
    assert "2/2" in err  # the progress bar reached the end

    out, _ = _ingest(str(tmp_path / "in"), "--org", "umea")
    assert "Documents: 0 new, 2 already there, 0 failed" in out


def test_ingest_exits_non_zero_and_names_failed_files(tmp_path, encrypted_pdf):
    OrganisationFactory(slug="umea")
    shutil.copy(encrypted_pdf, tmp_path / "locked.pdf")
    (tmp_path / "empty.txt").write_bytes(b"")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as error:
        call_command("ingest", str(tmp_path), "--org", "umea", stdout=out, stderr=err)
    assert error.value.returncode == 1
    text = out.getvalue()
    assert "2 failed" in text
    assert "FAILED empty.txt" in text.replace(str(tmp_path) + "/", "")
    assert "locked.pdf: This PDF is protected by a password" in text


def test_ingest_no_process_only_queues(tmp_path, born_digital_pdf):
    OrganisationFactory(slug="umea")
    out, _ = _ingest(str(born_digital_pdf), "--org", "umea", "--no-process")
    assert Document.objects.get().stage == Stage.QUEUED
    assert "1 new" in out


def test_ingest_refuses_an_unknown_organisation(tmp_path, born_digital_pdf):
    with pytest.raises(CommandError, match="slug or code"):
        _ingest(str(born_digital_pdf), "--org", "nowhere")
