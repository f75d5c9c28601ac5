from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import Article, CharterText, Section


def charter_texts():
    return list(CharterText.objects.order_by("-year"))


def current_charter() -> CharterText | None:
    return CharterText.objects.filter(is_current=True).order_by("-year").first()


def get_charter_text(code: str) -> CharterText:
    """A Charter text by code; reference data, readable by everyone."""
    return get_object_or_404(CharterText, code=code)


def charter_sections(charter: CharterText) -> list[Section]:
    """Sections in order, each with its articles prefetched (two queries)."""
    return list(
        charter.sections.order_by("order").prefetch_related(
            Prefetch("articles", queryset=Article.objects.order_by("number"))
        )
    )
