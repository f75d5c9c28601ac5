"""The documents' part of the load benchmark: the search, as a member of the organisation
with the most indexed pages, for a common word of its documents."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

__all__ = ["load_pages"]


def load_pages(setup) -> None:
    from django.db.models import Count
    from django.urls import reverse

    from equalocal.organisations.benchmarks import load_reader
    from equalocal.organisations.models import Organisation

    from ..models import SearchRow

    top = (
        SearchRow.objects.values("organisation_id")
        .annotate(rows=Count("pk"))
        .order_by("-rows", "organisation_id")
        .first()
    )
    if top is None:
        setup.note("search: no indexed documents, left out")
        return
    organisation = Organisation.objects.get(pk=top["organisation_id"])
    sample = SearchRow.objects.filter(organisation_id=organisation.pk).order_by("pk")[:20]
    words = Counter(
        word.strip(".,;:()«»”“\"'").lower() for row in sample for word in row.body.split()
    )
    word = next((w for w, _n in words.most_common() if len(w) >= 6 and w.isalpha()), "")
    if not word:
        setup.note("search: no word of six letters in the first pages, left out")
        return
    user = load_reader(setup, organisation)
    total = SearchRow.objects.values("document").distinct().count()
    setup.add(
        "document search",
        f"{reverse('document_search:search')}?{urlencode({'q': word})}",
        user=user,
        size=f"“{word}”, {total} documents",
    )
