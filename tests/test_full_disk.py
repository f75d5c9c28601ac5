"""The disk is full while an upload is stored: a clear message, no row and no part of a file.

``MEDIA_ROOT`` is a real, tiny filesystem (tmpfs) that the kernel reports full (ENOSPC):
the uploads run in a process of their own with a private mount namespace
(``unshare --user --map-root-user --mount``, no privileges needed), through the real pages,
storage and database.
"""

from __future__ import annotations

import shutil
import sys

import pytest

NO_ROOM = "The server has no room to store this file just now, so nothing was saved."

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="needs Linux mount namespaces")


def _on_a_tiny_filesystem(size: str) -> tuple:
    """The command that runs Python with ``$EQUALOCAL_TEST_MEDIA`` on a tmpfs of ``size``."""
    unshare = shutil.which("unshare")
    assert unshare, "unshare (util-linux) is needed: apt-get install util-linux"
    mount = f'mount -t tmpfs -o size={size} tmpfs "$EQUALOCAL_TEST_MEDIA" && exec "$0" "$@"'
    return (unshare, "--user", "--map-root-user", "--mount", "sh", "-c", mount, sys.executable)


def test_a_full_disk_refuses_uploads_with_a_message_and_leaves_nothing_behind(worker_lab, tmp_path):
    result = worker_lab.script("full-disk", str(tmp_path), wrapper=_on_a_tiny_filesystem("256k"))
    for page in ("document", "import"):
        status, text = result[page]
        assert status == 200, text[-2000:]
        assert NO_ROOM in text
    # No row for either upload, and no part of their files.
    assert result["after_failures"] == {"counts": [0, 0, 0], "files": []}
    # What fits is stored: the failed uploads gave back the room they had taken.
    assert result["fitting"] == 200
    assert result["after_fitting"]["counts"] == [1, 1, 0]
    assert len(result["after_fitting"]["files"]) == 1


# The other way round: the file is written, then the database refuses the row. A trigger
# makes the real database refuse it, as a constraint or a lost connection would.


@pytest.fixture
def refuse_rows(db):
    from django.db import connection

    made = []

    def refuse(table: str) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE OR REPLACE FUNCTION refuse_row() RETURNS trigger AS $$ BEGIN "
                    "RAISE EXCEPTION 'the database refused the row'; END $$ LANGUAGE plpgsql"
                )
                cursor.execute(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_row()"
                )
            else:
                cursor.execute(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'the database refused the row'); END"
                )
        made.append(table)

    return refuse


def _stored_files(settings) -> list:
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def test_a_document_whose_row_is_refused_leaves_no_file(personas, refuse_rows, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import DatabaseError

    from equalocal.documents.models import StoredFile
    from equalocal.documents.services import document_upload

    rows, files = StoredFile.objects.count(), _stored_files(settings)
    refuse_rows("documents_document")
    upload = SimpleUploadedFile("protokoll.txt", b"Kommunstyrelsen beslutar.\n" * 50)
    with pytest.raises(DatabaseError):
        document_upload(organisation=personas.org_a, file=upload, filename="p.txt", by=None)
    assert StoredFile.objects.count() == rows
    assert _stored_files(settings) == files


def test_an_import_preview_whose_row_is_refused_leaves_no_file(personas, refuse_rows, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import DatabaseError

    from equalocal.indicators.models import ImportBatch
    from equalocal.indicators.services import import_preview

    files = _stored_files(settings)
    refuse_rows("indicators_importbatch")
    upload = SimpleUploadedFile("figures.csv", b"indicator,organisation,period,gender,value\n")
    with pytest.raises(DatabaseError):
        import_preview(organisation=personas.org_a, upload=upload, filename="figures.csv", by=None)
    assert not ImportBatch.objects.exists()
    assert _stored_files(settings) == files
