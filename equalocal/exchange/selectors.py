"""Reads of the exchange app: the previews a person may open."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from .models import ImportKind, ImportPreview


def get_preview_for_user(user, organisation, pk: int, *, kind: ImportKind) -> ImportPreview:
    """A preview of an import for ``organisation``, made by ``user`` (staff may open any).

    A preview is its maker's own: anyone else gets 404, as for one that does not exist. The
    caller has already checked through the gate that the user may import for the organisation.
    """
    previews = ImportPreview.objects.select_related("plan", "organisation").filter(
        organisation=organisation, kind=kind
    )
    if not user.is_staff:
        previews = previews.filter(by=user)
    return get_object_or_404(previews, pk=pk)
