"""Tell a file's type from its first bytes, never from its name."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

from charset_normalizer import from_bytes

from ..types import DocumentRejected, FileType, RejectReason
from .plaintext import EUROPEAN_ENCODINGS

HEAD_BYTES = 8192

_EXTENSIONS: dict[str, set[FileType]] = {
    ".pdf": {FileType.PDF},
    ".docx": {FileType.DOCX},
    ".odt": {FileType.ODT},
    ".html": {FileType.HTML},
    ".htm": {FileType.HTML},
    ".xhtml": {FileType.HTML},
    ".txt": {FileType.TEXT, FileType.HTML},
    ".text": {FileType.TEXT},
    ".md": {FileType.TEXT},
    ".csv": {FileType.TEXT},
    ".png": {FileType.PNG},
    ".jpg": {FileType.JPEG},
    ".jpeg": {FileType.JPEG},
    ".tif": {FileType.TIFF},
    ".tiff": {FileType.TIFF},
}

_HTML_START = re.compile(
    rb"^(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|p|div|h[1-6]|table|meta|title"
    rb"|section|article|main|ul|ol|span|a|br|header|nav)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def sniff(head: bytes, filename: str = "", *, path=None) -> FileType:
    """Return the type of a file from its first bytes (at least ``HEAD_BYTES`` if it has them).

    Zip containers need their directory, which sits at the end of the file: pass ``path``
    (or the whole content as ``head``) to tell DOCX from ODT. Raises ``DocumentRejected``
    with ``EMPTY`` for no bytes and ``UNSUPPORTED`` for anything that is not a PDF,
    DOCX, ODT, HTML, plain text, PNG, JPEG or TIFF.
    """
    if not head:
        raise DocumentRejected(RejectReason.EMPTY)
    if b"%PDF-" in head[:1024]:
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return FileType.TIFF
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(head, path)
    return _sniff_text(head)


def extension_mismatch(file_type: FileType, filename: str) -> bool:
    """True when ``filename`` has a known extension that does not fit ``file_type``."""
    suffix = PurePath(filename or "").suffix.lower()
    expected = _EXTENSIONS.get(suffix)
    if expected is None:
        return False
    if file_type in expected:
        return False
    # A .txt that holds a few tags is still text to the user.
    return not (suffix == ".txt" and file_type in {FileType.TEXT, FileType.HTML})


def _sniff_zip(head: bytes, path) -> FileType:
    # An ODT stores its uncompressed "mimetype" entry first, so the local header says it all.
    if head[30:38] == b"mimetype" and ODT_MIMETYPE in head[38:120]:
        return FileType.ODT
    try:
        source = path if path is not None else io.BytesIO(head)
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size < 200 and archive.read("mimetype").strip() == ODT_MIMETYPE:
                    return FileType.ODT
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        if path is None and b"word/" in head:
            # Only the head was given: the local headers are enough to call it a DOCX.
            return FileType.DOCX
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    if "[Content_Types].xml" in names and any(name.startswith("word/") for name in names):
        return FileType.DOCX
    raise DocumentRejected(RejectReason.UNSUPPORTED, "zip archive that is not DOCX or ODT")


def _sniff_text(head: bytes) -> FileType:
    sample = head
    for bom in _BOMS:
        if sample.startswith(bom):
            sample = sample[len(bom) :]
            break
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and b"\x00" in sample:
        raise DocumentRejected(RejectReason.UNSUPPORTED, "binary content")
    text = _decode_sample(head)
    if text is None:
        raise DocumentRejected(RejectReason.UNSUPPORTED, "not text")
    stripped = text.lstrip().encode("utf-8", "replace")[:512]
    if _HTML_START.match(stripped):
        return FileType.HTML
    return FileType.TEXT


def _decode_sample(head: bytes) -> str | None:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:].decode("utf-8", "replace")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The head may cut a multi-byte character at its end.
        if error.start >= len(head) - 3:
            return head[: error.start].decode("utf-8")
    best = from_bytes(head, cp_isolation=EUROPEAN_ENCODINGS).best()
    if best is None:
        return None
    text = str(best)
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 100):
        return None
    return text
