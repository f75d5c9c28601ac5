from django import forms
from django.utils.translation import gettext_lazy as _

from equalocal.core.forms import DateInput, LockedFormMixin

from .models import CharterText, Commitment, CommitmentStep

DATE_ERRORS = {"invalid": _("Enter the date as YYYY-MM-DD, for example 2024-10-01.")}
STATUS_ERRORS = {
    "invalid_choice": _("“%(value)s” is not a status we know. Choose one from the list."),
    "required": _("Choose a status."),
}


COMMITMENT_FIELDS = [
    "charter",
    "status",
    "decided_on",
    "signed_on",
    "signed_by",
    "cemr_informed_on",
    "national_association_informed_on",
    "adopted_2022_articles_on",
    "note",
]
DATE_FIELDS = [
    "decided_on",
    "signed_on",
    "cemr_informed_on",
    "national_association_informed_on",
    "adopted_2022_articles_on",
]


class CommitmentForm(LockedFormMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    compared = COMMITMENT_FIELDS

    class Meta:
        model = Commitment
        fields = COMMITMENT_FIELDS
        widgets = {
            **{name: DateInput() for name in DATE_FIELDS},
            "note": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "status": _(
                "Recording a step moves the status along; set it here when the steps are not known."
            ),
            "decided_on": _(
                "The action-plan deadline is two years after this date, or after the signature."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charter"].queryset = CharterText.objects.order_by("-year")
        self.fields["charter"].empty_label = None
        self.fields["status"].error_messages.update(STATUS_ERRORS)
        for name in DATE_FIELDS:
            self.fields[name].error_messages.update(DATE_ERRORS)
        if self.instance.pk:
            # Without the version the form was opened with, a conflict could not be noticed.
            self.fields["lock_version"].required = True
            self.fields["lock_version"].error_messages["required"] = _(
                "This form is out of date; open the commitment again and repeat your changes."
            )
            if not self.is_bound:
                self.fields["lock_version"].initial = self.instance.lock_version

    def validate_constraints(self, exclude=None):
        # A second commitment to the same text is reported by the service, naming the text.
        pass


class CommitmentStepForm(forms.ModelForm):
    class Meta:
        model = CommitmentStep
        fields = [
            "status",
            "date",
            "deciding_body",
            "paragraph",
            "case_number",
            "note",
            "source_url",
        ]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 4})}
        labels = {"status": _("Status after this step")}
        error_messages = {
            "status": {**STATUS_ERRORS, "required": _("Choose the status this step leads to.")},
            "date": {**DATE_ERRORS, "required": _("Give the date of the step.")},
            "source_url": {
                "invalid": _(
                    "Enter a web address, for example https://www.ragunda.se/protokoll.pdf."
                )
            },
        }
