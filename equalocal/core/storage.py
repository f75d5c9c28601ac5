"""Where files live, and which of them may have an address.

Private files (documents, import files) live in the *default* storage under ``MEDIA_ROOT``.
It has no URL at all: nothing serves ``MEDIA_ROOT``, in any settings mode, and asking a
private file for its URL is an error. They reach a browser only through views that check
access with the organisation's gate.

Public media (organisation logos) live in the *public* storage (``STORAGES["public"]``),
with its own root and URL (``PUBLIC_MEDIA_ROOT``, ``PUBLIC_MEDIA_URL``), served by
:func:`equalocal.core.views.public_media`, which sends images only.
"""

from __future__ import annotations

import contextlib
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

#: What public media may be, recognised by their first bytes: (signature test, content type).
_IMAGE_SIGNATURES = (
    (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "image/png"),
    (lambda head: head.startswith(b"\xff\xd8\xff"), "image/jpeg"),
    (lambda head: head[:6] in (b"GIF87a", b"GIF89a"), "image/gif"),
    (lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP", "image/webp"),
)


def image_content_type(head: bytes) -> str | None:
    """The content type of a PNG, JPEG, GIF or WebP image from its first bytes, else None.

    SVG is not among them: it can carry scripts.
    """
    for matches, content_type in _IMAGE_SIGNATURES:
        if matches(head):
            return content_type
    return None


class WholeFilesOnly:
    """A file whose writing fails (the disk is full) is removed, never left half-written.

    Django's ``FileSystemStorage`` leaves the part it wrote; a later upload of the same bytes
    (documents are stored under their SHA-256) would take that part for the whole file.
    """

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # ``name`` was free when the save began (``Storage.save`` asked for an available
            # name), so whatever is there now is this save's own part.
            with contextlib.suppress(OSError):
                os.remove(self.path(name))
            raise


class PrivateStorage(WholeFilesOnly, FileSystemStorage):
    """Files under ``MEDIA_ROOT`` that no URL reaches."""

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks access.")


class PublicMediaStorage(WholeFilesOnly, FileSystemStorage):
    """Files anyone may see (logos), under ``PUBLIC_MEDIA_ROOT`` at ``PUBLIC_MEDIA_URL``."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PUBLIC_MEDIA_ROOT)

    @cached_property
    def base_url(self):
        url = self._value_or_setting(self._base_url, settings.PUBLIC_MEDIA_URL)
        return url if url.endswith("/") else f"{url}/"

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PUBLIC_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
        elif setting == "PUBLIC_MEDIA_URL":
            self.__dict__.pop("base_url", None)


def public_storage():
    """The storage of public media; a callable, so models follow the ``STORAGES`` setting."""
    return storages["public"]
