"""Uploading: size checked before reading, type by content, one stored file per SHA-256."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from equalocal.core.errors import ApplicationError, ConcurrentEditError
from equalocal.documents.models import Document, Stage, StoredFile
from equalocal.documents.services import (
    document_delete,
    document_update,
    document_upload,
    document_upload_many,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

TEXT = "Kommunstyrelsen beslutar att underteckna CEMR-deklarationen i jämställdhet.\n".encode()


class ReadForbidden(io.RawIOBase):
    """A file that claims a size and fails the test if it is read at all."""

    def __init__(self, size: int):
        self.size = size

    def read(self, *args):
        raise AssertionError("the file was read although its size is over the limit")

    def readable(self):
        return True


def test_upload_stores_file_and_queues_document(django_capture_on_commit_callbacks):
    org, user = OrganisationFactory(), UserFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        document, created = document_upload(
            organisation=org,
            file=SimpleUploadedFile("Protokoll_KS_2024.txt", TEXT),
            filename="Protokoll_KS_2024.txt",
            by=user,
        )
    assert created
    assert document.title == "Protokoll KS 2024"
    assert document.stage == Stage.QUEUED
    assert document.uploaded_by == user
    assert document.stored_file.size == len(TEXT)
    assert document.stored_file.file_type == "text"
    with document.stored_file.file.open("rb") as stored:
        assert stored.read() == TEXT
    assert len(callbacks) == 1  # processing is queued once the upload is committed


def test_same_bytes_in_same_organisation_return_the_existing_document():
    org = OrganisationFactory()
    first, created = document_upload(
        organisation=org, file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    again, created_again = document_upload(
        organisation=org, file=io.BytesIO(TEXT), filename="copy.txt", by=None
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert Document.objects.count() == 1


def test_same_bytes_in_another_organisation_share_the_stored_file():
    first, _ = document_upload(
        organisation=OrganisationFactory(), file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    second, created = document_upload(
        organisation=OrganisationFactory(), file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    assert created
    assert second.pk != first.pk
    assert second.stored_file_id == first.stored_file_id
    assert StoredFile.objects.count() == 1


@override_settings(DOCUMENTS_MAX_UPLOAD_BYTES=50 * 1024 * 1024)
def test_size_over_the_limit_is_refused_before_reading():
    with pytest.raises(ApplicationError) as error:
        document_upload(
            organisation=OrganisationFactory(),
            file=ReadForbidden(73 * 1024 * 1024),
            filename="big.pdf",
            by=None,
        )
    assert error.value.message.replace("\xa0", " ") == "This file is 73.0 MB; the limit is 50.0 MB."
    assert error.value.field == "file"
    assert not StoredFile.objects.exists()


@override_settings(DOCUMENTS_MAX_UPLOAD_BYTES=100)
def test_size_is_checked_while_copying_when_none_is_declared():
    with pytest.raises(ApplicationError, match="limit is 100"):
        document_upload(
            organisation=OrganisationFactory(),
            file=io.BytesIO(b"x" * 500),
            filename="a.txt",
            by=None,
        )
    assert not StoredFile.objects.exists()


def test_empty_file_is_refused():
    with pytest.raises(ApplicationError, match="empty"):
        document_upload(
            organisation=OrganisationFactory(),
            file=SimpleUploadedFile("empty.pdf", b""),
            filename="empty.pdf",
            by=None,
        )
    assert not Document.objects.exists()


def test_binary_content_that_no_reader_knows_is_refused():
    with pytest.raises(ApplicationError, match="cannot be read"):
        document_upload(
            organisation=OrganisationFactory(),
            file=io.BytesIO(b"\x00\x01\x02\x03binary\x00" * 100),
            filename="data.pdf",
            by=None,
        )
    assert not StoredFile.objects.exists()


def test_extension_that_does_not_fit_the_content_gives_a_warning(born_digital_pdf):
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=born_digital_pdf, filename="plan.docx", by=None
    )
    assert document.stored_file.file_type == "pdf"
    assert document.warnings == ["extension_mismatch"]


def test_upload_many_reports_each_file():
    org = OrganisationFactory()
    outcomes = document_upload_many(
        organisation=org,
        files=[
            ("a.txt", io.BytesIO(TEXT)),
            ("empty.txt", io.BytesIO(b"")),
            ("b.txt", io.BytesIO(TEXT + b"more")),
        ],
        by=None,
    )
    assert [o.filename for o in outcomes] == ["a.txt", "empty.txt", "b.txt"]
    assert [o.created for o in outcomes] == [True, False, True]
    assert outcomes[1].document is None and "empty" in outcomes[1].error
    assert Document.objects.filter(organisation=org).count() == 2


def test_rename_with_stale_lock_version_is_refused():
    document, _ = document_upload(
        organisation=OrganisationFactory(), file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    version = document.lock_version
    document_update(document=document, by=None, title="Protokoll", lock_version=version)
    with pytest.raises(ConcurrentEditError):
        document_update(document=document, by=None, title="Other", lock_version=version)
    document.refresh_from_db()
    assert document.title == "Protokoll"


def test_delete_keeps_the_file_while_another_organisation_uses_it(
    django_capture_on_commit_callbacks,
):
    first, _ = document_upload(
        organisation=OrganisationFactory(), file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    second, _ = document_upload(
        organisation=OrganisationFactory(), file=io.BytesIO(TEXT), filename="a.txt", by=None
    )
    stored = first.stored_file
    storage, name = stored.file.storage, stored.file.name
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=first, by=None)
    assert StoredFile.objects.filter(pk=stored.pk).exists()
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(document=second, by=None)
    assert not StoredFile.objects.filter(pk=stored.pk).exists()
    assert not storage.exists(name)
