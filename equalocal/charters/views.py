from django.http import Http404
from django.shortcuts import redirect, render

from . import selectors


def charter_index(request):
    """The Charter page opens on the current text."""
    charter = selectors.current_charter()
    if charter is None:
        raise Http404
    return redirect(charter)


def charter_text(request, charter):
    text = selectors.get_charter_text(charter)
    context = {
        "charter": text,
        "texts": selectors.charter_texts(),
        "principles": text.principles.order_by("number"),
        "sections": selectors.charter_sections(text),
    }
    return render(request, "charters/text.html", context)
