"""Images: sizes from the header only, frames for OCR and previews."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageSequence, UnidentifiedImageError

from ..types import DocumentRejected, FileType, PageText, ReadResult, RejectReason
from .limits import DEFAULT_LIMITS, Limits

_IMAGE_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError)


def _open(path: Path | str, limits: Limits) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Pillow's own bomb check uses a global; raise it so the check below decides.
            Image.MAX_IMAGE_PIXELS = max(Image.MAX_IMAGE_PIXELS or 0, limits.max_pixels)
            return Image.open(path)
    except Image.DecompressionBombError as error:
        raise DocumentRejected(RejectReason.TOO_MANY_PIXELS, str(error)) from error
    except _IMAGE_ERRORS as error:
        raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error


def image_frame_count(path: Path | str, *, limits: Limits = DEFAULT_LIMITS) -> int:
    """Number of frames (TIFF pages), each checked for size without decoding pixels."""
    with _open(path, limits) as image:
        count = 0
        try:
            for frame in ImageSequence.Iterator(image):
                count += 1
                width, height = frame.size
                if width * height > limits.max_pixels:
                    raise DocumentRejected(
                        RejectReason.TOO_MANY_PIXELS,
                        f"{width} × {height} pixels, at most {limits.max_pixels}",
                    )
                if count > limits.max_pages:
                    raise DocumentRejected(RejectReason.TOO_MANY_PAGES, f"over {limits.max_pages}")
        except DocumentRejected:
            raise
        except _IMAGE_ERRORS as error:
            raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
        return count


def read_image(
    path: Path | str, file_type: FileType, *, limits: Limits = DEFAULT_LIMITS
) -> ReadResult:
    """An image has no text layer: one page per frame, each needing OCR."""
    count = image_frame_count(path, limits=limits)
    return ReadResult(
        file_type=file_type,
        pages=[PageText(number=n, source="none") for n in range(1, count + 1)],
    )


def load_frame(
    path: Path | str, page_number: int, *, limits: Limits = DEFAULT_LIMITS
) -> Image.Image:
    """Decode frame ``page_number`` (1-based) as an 8-bit image."""
    image_frame_count(path, limits=limits)
    with _open(path, limits) as image:
        try:
            image.seek(page_number - 1)
            image.load()
            frame = image.copy()
        except EOFError as error:
            raise DocumentRejected(RejectReason.CORRUPT, f"no page {page_number}") from error
        except _IMAGE_ERRORS as error:
            raise DocumentRejected(RejectReason.CORRUPT, str(error)) from error
    if frame.mode not in {"L", "RGB"}:
        frame = (
            frame.convert("RGB")
            if frame.mode in {"RGBA", "P", "CMYK", "LA"}
            else frame.convert("L")
        )
    return frame


def png_bytes(image: Image.Image, *, width: int | None = None) -> bytes:
    if width and image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()
