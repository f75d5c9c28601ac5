"""Forms of the document screens: upload, filters, title, review corrections and search."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from equalocal.docmine.types import UNKNOWN, DecisionStatus, DecisionType

from .models import DocumentKind, ItemKind, Stage
from .templatetags.documents_tags import language_label

# Uploads ----------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>`` (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files reach the upload service, which names them in its per-file outcome.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]  # the "required" error
            return [single(item, initial) for item in data]
        return [single(data, initial)]


MAX_FILES = 50


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "PDF, Word (DOCX), OpenDocument (ODT), web pages (HTML), plain text, or PNG, JPEG "
            "and TIFF images. You can choose several files at once."
        ),
        error_messages={"required": _("Choose at least one file to upload.")},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(
                _("Upload at most %(count)s files at a time.") % {"count": MAX_FILES}
            )
        return files

    @classmethod
    def too_large(cls) -> UploadForm:
        """A bound form carrying the size-limit error, built without reading the upload."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors.clear()
        form.add_error(None, too_large_message())
        return form


def too_large_message() -> str:
    return _("The upload is too large; each file may be at most %(limit)s.") % {
        "limit": filesizeformat(settings.DOCUMENTS_MAX_UPLOAD_BYTES)
    }


# The list ---------------------------------------------------------------------------------------


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or file name"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, languages: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["stage"].choices = everything + list(Stage.choices)
        self.fields["kind"].choices = everything + list(DocumentKind.choices)
        self.fields["language"].choices = everything + [
            (code, language_label(code)) for code in languages
        ]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in ("q", "stage", "kind", "language")}


# One document -----------------------------------------------------------------------------------


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


# Review -----------------------------------------------------------------------------------------

NEW_PLAN = "new"

# The engine's decision vocabulary with its labels; choices list every member, in order.
DECISION_TYPE_LABELS = {
    DecisionType.SIGN_CHARTER: _("Sign the Charter"),
    DecisionType.ADOPT_ACTION_PLAN: _("Adopt an action plan"),
    DecisionType.FOLLOW_UP_REPORT: _("Follow-up report"),
    DecisionType.OTHER: _("Other"),
}
DECISION_STATUS_LABELS = {
    DecisionStatus.ADOPTED: _("Adopted"),
    DecisionStatus.PROPOSED: _("Proposed"),
    DecisionStatus.ON_AGENDA: _("On the agenda"),
    DecisionStatus.REJECTED: _("Rejected"),
}
DECISION_TYPES = [(member.value, DECISION_TYPE_LABELS[member]) for member in DecisionType]
DECISION_STATUSES = [(member.value, DECISION_STATUS_LABELS[member]) for member in DecisionStatus]


def _text(label, max_length=300):
    return forms.CharField(label=label, required=False, max_length=max_length)


class AcceptForm(forms.Form):
    """Accept an item as it is; action rows choose the plan they go into."""

    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    plan = forms.ChoiceField(label=_("Add to plan"), required=False)

    def __init__(self, *args, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {str(plan.pk): plan for plan in plans}
        self.fields["plan"].choices = [(NEW_PLAN, _("A new draft plan"))] + [
            (str(plan.pk), plan.choice_label) for plan in plans
        ]

    def chosen_plan(self):
        """The chosen plan, or None for a new draft plan."""
        return self.plans.get(self.cleaned_data.get("plan") or "")


class _CorrectionForm(forms.Form):
    """The fields of an extracted item; ``corrections()`` returns only what was changed."""

    lock_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, item, **kwargs):
        values = item.values
        initial = {
            name: ("" if values.get(name) in (None, UNKNOWN) else values.get(name))
            for name in self.base_fields
            if name != "lock_version"
        }
        initial["lock_version"] = item.lock_version
        super().__init__(*args, initial=initial, **kwargs)
        self.item = item

    def corrections(self) -> dict:
        values = self.item.values
        changed = {}
        for name, value in self.cleaned_data.items():
            if name == "lock_version":
                continue
            stored = values.get(name)
            new = value.strip() if isinstance(value, str) else value
            new = new or UNKNOWN
            if (stored or UNKNOWN) != new:
                changed[name] = new
        return changed


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class DecisionCorrectionForm(_CorrectionForm):
    """A decision's fields: the organisation chosen from the registered ones, the country
    from a list, dates in date inputs (a year or month alone stays a text field, so it is
    not lost)."""

    decision_type = forms.ChoiceField(label=_("Decision"), choices=DECISION_TYPES)
    status = forms.ChoiceField(label=_("Status"), choices=DECISION_STATUSES)
    organisation_id = forms.ChoiceField(label=_("Organisation"), required=False)
    organisation = _text(_("Organisation as written in the document"))
    country = forms.ChoiceField(label=_("Country"), required=False)
    decision_date = _text(_("Date of the decision"), 10)
    proposal_date = _text(_("Date of the proposal"), 10)
    deciding_body = _text(_("Deciding body"))
    paragraph = _text(_("Paragraph (§)"), 50)
    case_number = _text(_("Case number"), 100)
    signing_date = _text(_("Date of signing"), 10)

    def __init__(self, *args, item, organisations=(), **kwargs):
        super().__init__(*args, item=item, **kwargs)
        from django_countries import countries

        matched = item.values.get("organisation_id")
        self.fields["organisation_id"].choices = [
            ("", _("As written in the document")),
            *((str(o.pk), o.name) for o in organisations),
        ]
        if matched and str(matched) in {str(o.pk) for o in organisations}:
            self.initial["organisation_id"] = str(matched)
        self.fields["country"].choices = [("", "–"), *countries]
        for name in ("decision_date", "proposal_date", "signing_date"):
            value = str(self.initial.get(name) or "")
            if not value or _FULL_DATE.match(value):
                self.fields[name].widget = forms.DateInput(attrs={"type": "date"})
            else:
                self.fields[name].help_text = _("As given in the document: a year or a month.")

    def corrections(self) -> dict:
        changed = super().corrections()
        chosen = self.cleaned_data.get("organisation_id")
        if not chosen or str(chosen) == str(self.item.values.get("organisation_id")):
            # "As written in the document": the organisation stays as extracted or typed.
            changed.pop("organisation_id", None)
        return changed


class ActionRowCorrectionForm(_CorrectionForm):
    goal = _text(_("Goal"), 1000)
    activity = _text(_("Activity"), 2000)
    responsible = _text(_("Responsible"))
    timeframe = _text(_("Timeframe"), 200)
    status = _text(_("Status"), 200)
    charter_article = _text(_("Charter article"), 50)


def correction_form_for(item, data=None, *, organisations=()):
    """The correction form of an item; a decision's offers ``organisations`` to choose."""
    if item.kind == ItemKind.DECISION:
        return DecisionCorrectionForm(
            data, item=item, organisations=organisations, prefix=f"item-{item.pk}"
        )
    return ActionRowCorrectionForm(data, item=item, prefix=f"item-{item.pk}")


# Search -----------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=300)
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.CharField(label=_("Language (code, such as sv)"), required=False, max_length=8)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2200)
    cemr_related = forms.ChoiceField(
        label=_("Charter relation"),
        required=False,
        choices=[
            ("", _("Any")),
            ("yes", _("Concerns the Charter")),
            ("no", _("Does not concern the Charter")),
        ],
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", _("All your organisations"))] + [
            (org.pk, org.name) for org in organisations
        ]
        self.fields["kind"].choices = [("", _("All")), *DocumentKind.choices]

    def filters(self) -> dict:
        """The search arguments; an invalid filter is ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        relation = data.get("cemr_related")
        return {
            "query": (data.get("q") or "").strip(),
            "organisation_id": data.get("organisation"),
            "kind": data.get("kind") or "",
            "language": (data.get("language") or "").strip().lower(),
            "year": data.get("year"),
            "cemr_related": {"yes": True, "no": False}.get(relation),
        }
