"""Bounds that keep a hostile or broken file from exhausting the worker."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    max_pages: int = 2000
    max_pixels: int = 100_000_000  # about 10,000 × 10,000
    max_uncompressed_bytes: int = 200 * MB
    max_zip_ratio: int = 100
    max_zip_entries: int = 10_000
    ocr_timeout_seconds: int = 120
    ocr_dpi: int = 300


DEFAULT_LIMITS = Limits()
