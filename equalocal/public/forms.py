from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from equalocal.charters.models import CharterText
from equalocal.organisations.models import OrganisationKind

from .selectors import DirectoryStatus


class DirectoryFilterForm(forms.Form):
    """The directory's filters; an unknown value is an error shown on the page."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *DirectoryStatus.choices],
    )
    version = forms.ChoiceField(label=_("Charter text"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        named = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: c[1])
        self.fields["country"].choices = [("", _("All countries")), *named]
        self.fields["version"].choices = [("", _("Both texts"))] + [
            (text.code, str(text.year)) for text in CharterText.objects.order_by("year")
        ]
        unknown = _("“%(value)s” is not one of the choices. Choose from the list.")
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = unknown

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid form filters nothing."""
        if not self.is_bound or not self.is_valid():
            return {"country": "", "kind": "", "status": "", "version": ""}
        return {name: self.cleaned_data.get(name) or "" for name in self.fields}
