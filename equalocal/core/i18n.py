"""Helpers for content stored in both English and Swedish fields."""

from django.utils.translation import get_language


def localised(obj, field: str) -> str:
    """Return ``obj.<field>_sv`` when Swedish is active and filled in, else ``obj.<field>_en``."""
    language = (get_language() or "en").split("-")[0]
    if language == "sv":
        value = getattr(obj, f"{field}_sv", "")
        if value:
            return value
    return getattr(obj, f"{field}_en", "")
