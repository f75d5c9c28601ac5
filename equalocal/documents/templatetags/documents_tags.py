"""Template helpers of the document screens: repaired words marked in page text, languages."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

register = template.Library()


def _valid_repairs(text: str, repairs) -> list[dict]:
    """Repairs with usable offsets, in order, without overlaps; anything odd is skipped."""
    valid = []
    position = 0
    candidates = [r for r in repairs or [] if isinstance(r, dict)]
    for repair in sorted(candidates, key=lambda r: (_int(r.get("start")), _int(r.get("end")))):
        start, end = _int(repair.get("start")), _int(repair.get("end"))
        if start < position or end <= start or end > len(text):
            continue
        valid.append({**repair, "start": start, "end": end})
        position = end
    return valid


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


@register.simple_tag
def marked_text(text: str, repairs) -> SafeString:
    """The page text, escaped, with each repaired word in ``<mark class="repair">``.

    Every text segment goes through ``conditional_escape`` (document text is untrusted)
    and the marks are built with ``format_html``, which escapes the original word in the
    title too; only then is the joined result marked safe.
    """
    text = text or ""
    parts = []
    position = 0
    for repair in _valid_repairs(text, repairs):
        start, end = repair["start"], repair["end"]
        parts.append(conditional_escape(text[position:start]))
        title = _("OCR read: %(original)s") % {"original": str(repair.get("original", ""))}
        parts.append(
            format_html('<mark class="repair" title="{}">{}</mark>', title, text[start:end])
        )
        position = end
    parts.append(conditional_escape(text[position:]))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 (every part escaped above)


@register.filter
def language_label(code: str) -> str:
    """The language's name in the user's language, or the code when Django does not know it."""
    if not code:
        return "–"
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


@register.filter
def percent(value) -> int | None:
    """A 0–1 confidence as a whole percentage."""
    try:
        return round(float(value) * 100)
    except (TypeError, ValueError):
        return None


@register.filter
def repair_count(repairs) -> int:
    return len([r for r in repairs or [] if isinstance(r, dict)])


@register.filter
def item_fields(item) -> list[tuple[str, str]]:
    """The item's fields as (label, value) pairs, corrections applied; "–" for unknown values."""
    from equalocal.docmine.types import UNKNOWN
    from equalocal.documents.forms import ActionRowCorrectionForm, DecisionCorrectionForm
    from equalocal.documents.models import ItemKind

    form_class = (
        DecisionCorrectionForm if item.kind == ItemKind.DECISION else ActionRowCorrectionForm
    )
    values = item.values
    rows = []
    from django_countries import countries

    for name, form_field in form_class.base_fields.items():
        if name in ("lock_version", "organisation_id"):
            continue  # the matched organisation is named in the card's heading
        value = values.get(name)
        choices = dict(getattr(form_field, "choices", []) or [])
        if name == "country":
            choices = dict(countries)
        shown = "–" if value in (None, "", UNKNOWN) else str(choices.get(value, value))
        rows.append((str(form_field.label), shown))
    return rows


@register.filter
def item_heading(item) -> str:
    """A short name for the item's card: the decision's type or the activity's text."""
    from equalocal.docmine.types import UNKNOWN
    from equalocal.documents.forms import DECISION_TYPE_LABELS
    from equalocal.documents.models import ItemKind

    values = item.values
    if item.kind == ItemKind.DECISION:
        label = DECISION_TYPE_LABELS.get(values.get("decision_type"), _("Decision"))
        organisation = values.get("organisation")
        if organisation and organisation != UNKNOWN:
            return _("%(decision)s: %(organisation)s") % {
                "decision": label,
                "organisation": organisation,
            }
        return str(label)
    activity = values.get("activity")
    if activity and activity != UNKNOWN:
        return activity if len(activity) <= 120 else f"{activity[:117]}…"
    return _("Activity")


@register.filter
def target_url(item) -> str:
    """The page of the object an accepted item created or updated, or "" when there is none."""
    target = getattr(item, "target", None)
    if target is None:
        return ""
    for candidate in (target, getattr(target, "commitment", None), getattr(target, "plan", None)):
        if candidate is not None and hasattr(candidate, "get_absolute_url"):
            return candidate.get_absolute_url()
    return ""


@register.filter
def kind_label(value: str) -> str:
    """The translated name of a document kind."""
    from equalocal.documents.models import DocumentKind

    return str(dict(DocumentKind.choices).get(value, value or "–"))
