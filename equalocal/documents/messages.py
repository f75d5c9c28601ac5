"""User-facing messages for the reasons a document could not be read (``types.RejectReason``).

The pipeline stores only the reason's code on the document (``Document.error_code``); the page
shows the message in the reader's language. The limits quoted come from the settings, so the
message always names the limit that was applied.
"""

from __future__ import annotations

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from equalocal.docmine.types import RejectReason

#: Code stored for a failure that is not about the file (a bug, a database error).
INTERNAL = "internal"
#: Code stored when processing stopped the worker again and again (see ``MAX_ATTEMPTS``).
GAVE_UP = "gave_up"


def error_message(code: str) -> str:
    """A translated, specific message for a ``RejectReason`` value (or ``"internal"``)."""
    if code == GAVE_UP:
        return _(
            "Processing this file stopped the worker several times, so it was given up. The "
            "file is kept; try again later, or save it again from the program that made it."
        )
    if code == RejectReason.EMPTY:
        return _("The file is empty. Check that it was saved completely and upload it again.")
    if code == RejectReason.TOO_LARGE:
        return _("The file is too large; the limit is %(limit)s.") % {
            "limit": filesizeformat(settings.DOCUMENTS_MAX_UPLOAD_BYTES)
        }
    if code == RejectReason.UNSUPPORTED:
        return _(
            "This kind of file cannot be read. Upload a PDF, a Word (DOCX) or OpenDocument (ODT) "
            "document, a web page (HTML), a plain text file or a PNG, JPEG or TIFF image."
        )
    if code == RejectReason.EXTENSION_MISMATCH:
        return _(
            "The file's name does not match its content (for example a Word document named "
            ".pdf). It was read by its content."
        )
    if code == RejectReason.ENCRYPTED:
        return _("This PDF is protected by a password. Remove the password and upload it again.")
    if code == RejectReason.CORRUPT:
        return _(
            "The file is damaged or incomplete and cannot be read. Save or export it again "
            "from the program that made it and upload the new copy."
        )
    if code == RejectReason.TOO_MANY_PAGES:
        return _(
            "The document has more pages than can be processed; the limit is %(limit)s pages. "
            "Split it into smaller files and upload them separately."
        ) % {"limit": number_format(settings.DOCUMENTS_MAX_PAGES, force_grouping=True)}
    if code == RejectReason.TOO_MANY_PIXELS:
        return _(
            "The image is too large to read (more than %(limit)s million pixels). "
            "Scan or export it at a lower resolution and upload it again."
        ) % {"limit": number_format(settings.DOCUMENTS_MAX_PIXELS // 1_000_000)}
    if code == RejectReason.ZIP_BOMB:
        return _(
            "The document expands to far more data than a normal document and was not opened, "
            "to protect the server. Save it again from your word processor and upload the copy."
        )
    if code == RejectReason.OCR_FAILED:
        return _(
            "The text of the scanned pages could not be recognised. Try a sharper scan "
            "(300 dpi, straight pages) and upload it again."
        )
    if code == RejectReason.NO_TEXT:
        return _("No text was found in the document.")
    return _(
        "Something went wrong while processing the document. Try again; if it fails again, "
        "contact the site's administrators."
    )


def warning_message(code: str) -> str:
    """The message for a non-fatal warning stored in ``Document.warnings``."""
    return error_message(code)
