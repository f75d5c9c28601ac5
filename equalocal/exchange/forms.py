from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from equalocal.plans.models import ActionPlan

EXTENSIONS = {".csv", ".xlsx", ".xlsm", ".txt"}


def too_large_message() -> str:
    return _("This file is larger than %(limit)s, the most an import takes.") % {
        "limit": filesizeformat(settings.IMPORTS_MAX_UPLOAD_BYTES)
    }


class _UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "An Excel workbook (.xlsx) or a CSV file; at most %(limit)s."
        ) % {"limit": filesizeformat(settings.IMPORTS_MAX_UPLOAD_BYTES)}
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # The size comes from the upload's headers: the file is not read to check it.
        if upload.size > settings.IMPORTS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(too_large_message())
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Upload an Excel workbook (.xlsx) or a CSV file."))
        return upload


class PlanImportForm(_UploadForm):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Where the rows go"),
        queryset=ActionPlan.objects.none(),
        required=False,
        empty_label=gettext_lazy("A new draft plan"),
        help_text=gettext_lazy(
            "Choose a plan to make the file its new version (the plan itself stays as it is)."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title of the new plan"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("For a new draft plan; the file's name when left empty."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = (
            ActionPlan.objects.alive()
            .filter(organisation=organisation, next_version__isnull=True)
            .order_by("-period_start", "title")
        )


class MembersImportForm(_UploadForm):
    pass
