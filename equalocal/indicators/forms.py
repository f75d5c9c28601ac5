from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from equalocal.charters.models import Article
from equalocal.organisations.models import OrganisationKind
from equalocal.plans.models import Activity, Goal, ReferenceGoal
from equalocal.plans.selectors import reference_goals_for

from . import selectors
from .models import Indicator, Scorecard, Source, Target

IMPORT_EXTENSIONS = {".csv": Source.FILE, ".xlsx": Source.FILE, ".json": Source.KOLADA}


def _too_large() -> str:
    return _("The file is larger than %(limit)s.") % {
        "limit": filesizeformat(settings.IMPORTS_MAX_UPLOAD_BYTES)
    }


NETWORK_KINDS = (OrganisationKind.NETWORK, OrganisationKind.NATIONAL_ASSOCIATION)

VALUE_ERRORS = {
    "invalid": _("Enter a number, such as 42 or 12.5."),
    "max_digits": _("The number is too long."),
    "max_decimal_places": _("Use at most four decimals."),
    "max_whole_digits": _("The number is too large."),
}


class IndicatorFilterForm(forms.Form):
    SCOPES = [("", _("All")), ("reference", _("Reference")), ("own", _("Own"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("Any")), *Source.choices]
    )
    scope = forms.ChoiceField(label=_("Whose"), required=False, choices=SCOPES)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"search": data["q"].strip(), "source": data["source"], "scope": data["scope"]}


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "title_en",
            "title_sv",
            "description_en",
            "description_sv",
            "unit",
            "by_gender",
            "direction",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_sv": forms.Textarea(attrs={"rows": 3}),
        }

    articles = forms.ModelMultipleChoiceField(
        label=_("Charter articles"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reference_goals = forms.ModelMultipleChoiceField(
        label=_("National sub-goals and higher-level goals"),
        queryset=ReferenceGoal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("Plan goals it gives evidence for"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Plan activities it gives evidence for"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = Article.objects.filter(
            charter__is_current=True
        ).order_by("number")
        self.fields["articles"].label_from_instance = lambda a: f"{a.number}. {a.title}"
        references = ReferenceGoal.objects.select_related("goal_set").filter(
            goal_set__owner__isnull=True
        )
        if organisation is not None:
            references = reference_goals_for(organisation)
        self.fields["reference_goals"].queryset = references
        live = {"plan__organisation": organisation, "plan__deleted_at": None}
        self.fields["goals"].queryset = Goal.objects.filter(**live).select_related("plan")
        self.fields["goals"].label_from_instance = lambda g: f"{g.plan.title}: {g.title}"
        self.fields["activities"].queryset = Activity.objects.filter(**live).select_related("plan")
        self.fields["activities"].label_from_instance = lambda a: f"{a.plan.title}: {a.title}"
        if self.instance.pk:
            for name in ("articles", "reference_goals", "goals", "activities"):
                self.initial[name] = list(getattr(self.instance, name).values_list("pk", flat=True))

    def links(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("articles", "reference_goals", "goals", "activities")
        }


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


class ScorecardForm(forms.ModelForm):
    indicators = IndicatorChoiceField(
        label=_("Indicators"),
        queryset=Indicator.objects.none(),
        help_text=_("They are shown in the order of their codes."),
    )

    class Meta:
        model = Scorecard
        fields = ["title", "description", "compare_members", "is_published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = selectors.indicators_for(organisation)
        if self.instance.pk:
            self.fields["indicators"].initial = [
                item.indicator_id for item in self.instance.items.all()
            ]
        if organisation.kind not in NETWORK_KINDS:
            del self.fields["compare_members"]

    def indicator_ids(self) -> list[int]:
        return [indicator.pk for indicator in self.cleaned_data["indicators"]]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)


def _value_field(label):
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=16,
        decimal_places=4,
        localize=True,
        error_messages=VALUE_ERRORS,
    )


class GridRowForm(forms.Form):
    """One row of the grid: an indicator's women, men and total values for a year."""

    women = _value_field(_("Women"))
    men = _value_field(_("Men"))
    total = _value_field(_("Total"))

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("prefix", f"i{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if not indicator.by_gender:
            del self.fields["women"]
            del self.fields["men"]

    def full_clean(self):
        # Decimal commas ("12,5") are read in either language; spaces group thousands.
        if self.is_bound:
            data = self.data.copy()
            for name in self.fields:
                key = self.add_prefix(name)
                raw = data.get(key)
                if raw:
                    raw = raw.replace("\u00a0", "").replace(" ", "")
                    if raw.count(",") == 1 and "." not in raw:
                        raw = raw.replace(",", ".")
                    data[key] = raw
            self.data = data
        super().full_clean()

    def values(self) -> dict:
        """The entered values by gender; empty cells are left out (left unchanged)."""
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["indicator", "year", "kind", "value", "ratio_low", "ratio_high", "parity_points"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = selectors.indicators_for(organisation)
        self.fields["year"].min_value = 1900
        self.fields["year"].max_value = 2100
        for name in ("value", "ratio_low", "ratio_high", "parity_points"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def validate_unique(self):
        """A second target for the same indicator and year updates the first (see the view)."""


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV or XLSX in the documented long or wide format, or JSON as Kolada returns it; "
            "at most %(limit)s."
        ) % {"limit": filesizeformat(settings.IMPORTS_MAX_UPLOAD_BYTES)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size comes from the upload's headers: the file is not read to check it.
        if upload.size > settings.IMPORTS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_too_large())
        if Path(upload.name).suffix.lower() not in IMPORT_EXTENSIONS:
            raise forms.ValidationError(
                _("Upload a CSV, XLSX or Kolada JSON file (.csv, .xlsx, .json).")
            )
        return upload

    @classmethod
    def too_large(cls):
        """A form that refuses the upload from the request's length, without reading it."""
        form = cls(data={}, files={})
        form.full_clean()
        form.errors["file"] = form.error_class([_too_large()])
        return form


class ConfirmImportForm(forms.Form):
    preview = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
