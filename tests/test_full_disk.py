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
