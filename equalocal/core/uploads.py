"""Uploads, shared by every app that takes files: size limits while the bytes stream in, and
private storage.

Private files (documents, import files) live in Django's *default* storage, which is never
served under a public URL; they reach a browser only through a view that checks access.
Limits come from settings (``DOCUMENTS_MAX_UPLOAD_BYTES``, ``IMPORTS_MAX_UPLOAD_BYTES``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from functools import wraps
from pathlib import Path, PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from .errors import ApplicationError

CHUNK_BYTES = 1024 * 1024
HEAD_BYTES = 8192
# Room for the multipart boundaries and the other fields of a form that carries files.
FORM_OVERHEAD_BYTES = 64 * 1024


class SizeLimitHandler(FileUploadHandler):
    """First in the chain: counts each file's bytes and skips the file past ``limit``.

    Skipped files never reach the next handler (memory or temporary file), so an oversized
    upload is refused while it streams in, not after it has been written whole; their names are
    kept in ``skipped`` so the page can say which files were refused.
    """

    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.skipped: list[str] = []
        self._received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self._received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self._received += len(raw_data)
        if self._received > self.limit:
            self.skipped.append(self.file_name or "")
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def limit_uploads(setting: str):
    """View decorator: files past ``settings.<setting>`` bytes are skipped while they stream in.

    The handler must be in place before anything reads the body, the CSRF check included, so
    the check runs inside, after it. The view finds the handler (and the names of the files
    it skipped) in ``request.upload_limit``. Put this decorator outermost.
    """

    def decorator(view):
        protected = csrf_protect(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            handler = SizeLimitHandler(request, limit=getattr(settings, setting))
            request.upload_handlers.insert(0, handler)
            request.upload_limit = handler
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorator


def request_too_large(request, *, limit: int, files: int = 1) -> bool:
    """The request body is over ``files`` times the limit: known from its length, unread."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit * files + FORM_OVERHEAD_BYTES


# What the kernel answers when a file cannot grow: the disk, a quota, a size limit.
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def no_room_error(*, field: str = "file") -> ApplicationError:
    return ApplicationError(
        _(
            "The server has no room to store this file just now, so nothing was saved. "
            "Try again later, and tell the site's administrators if it happens again."
        ),
        field=field,
    )


@contextlib.contextmanager
def room_for_files(*, field: str = "file"):
    """Turn "no space left on the disk" while writing a file into a message for the user."""
    try:
        yield
    except OSError as error:
        if error.errno in NO_ROOM:
            raise no_room_error(field=field) from error
        raise


@contextlib.contextmanager
def removed_on_failure(name: str):
    """Delete the stored file ``name`` if the block fails: no file without its row."""
    try:
        yield name
    except BaseException:
        delete_private(name)
        raise


def too_large_error(size: int, limit: int, *, field: str = "file") -> ApplicationError:
    return ApplicationError(
        _("This file is %(size)s; the limit is %(limit)s.")
        % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        field=field,
    )


@dataclass(frozen=True)
class Spooled:
    """An upload copied to a temporary file: its path, SHA-256, size and first bytes."""

    path: Path
    sha256: str
    size: int
    head: bytes


def spool(file, *, limit: int, head_bytes: int = HEAD_BYTES) -> Spooled:
    """Copy ``file`` to a temporary file in chunks, hashing it; stop past ``limit`` bytes.

    The size is checked again while copying, as a declared size may be wrong. The caller
    deletes ``path``. Raises ApplicationError (field ``file``) past the limit, without reading
    more than one chunk beyond it.
    """
    if hasattr(file, "seek"):
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)
    digest = hashlib.sha256()
    size = 0
    head = b""
    handle = tempfile.NamedTemporaryFile(prefix="equalocal-upload-", delete=False)  # noqa: SIM115 - kept after closing
    path = Path(handle.name)
    try:
        with room_for_files(), handle:
            while True:
                chunk = file.read(head_bytes if not head else CHUNK_BYTES)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise too_large_error(size, limit)
                if len(head) < head_bytes:
                    head += chunk[: head_bytes - len(head)]
                digest.update(chunk)
                handle.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Spooled(path=path, sha256=digest.hexdigest(), size=size, head=head)


def store_private(file, *, folder: str, filename: str, limit: int) -> str:
    """Keep an upload in private storage under ``folder`` with a random name; return the name.

    The original name is only used for its extension; the stored name cannot be guessed.
    A full disk raises ApplicationError (field ``file``) and leaves no part of the file.
    """
    if getattr(file, "size", None) is not None and file.size > limit:
        raise too_large_error(file.size, limit)
    suffix = PurePath(filename or "").suffix.lower()[:10]
    spooled = spool(file, limit=limit)
    try:
        with room_for_files(), spooled.path.open("rb") as handle:
            return default_storage.save(f"{folder}/{secrets.token_hex(16)}{suffix}", File(handle))
    finally:
        spooled.path.unlink(missing_ok=True)


def delete_private(name: str) -> None:
    if name:
        default_storage.delete(name)
