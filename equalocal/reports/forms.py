from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from equalocal.core.forms import DateInput

from .models import Report, ReportKind, ReportLanguage

NETWORK_KINDS = {"network", "national_association"}


def kinds_for(organisation) -> list[tuple[str, str]]:
    """The reports an organisation can make: networks report on their members and groups."""
    if organisation.kind in NETWORK_KINDS:
        wanted = [ReportKind.SIGNATORY_SUMMARY, ReportKind.NETWORK_INTERIM]
    else:
        wanted = [ReportKind.FOLLOW_UP]
    wanted.append(ReportKind.OPERATIONAL_PLAN)
    return [(kind.value, kind.label) for kind in wanted]


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "kind",
            "title",
            "language",
            "period_start",
            "period_end",
            "plan",
            "body",
            "summary",
            "background",
            "next_steps",
            "public",
            "pdf_ua",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 6}),
            "background": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title": _("Leave empty for a title made from the kind, year and organisation."),
            "summary": _("What the council or board should know first; it opens the report."),
            "background": _("For a network interim report: why the group exists."),
            "next_steps": _("For a network interim report: what comes next."),
            "plan": _("Empty: the organisation's current plan."),
            "language": _("The report's language, whatever language you use the site in."),
        }

    def __init__(self, *args, organisation, plans, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["title"].required = False
        self.fields["kind"].choices = kinds_for(organisation)
        self.fields["plan"].queryset = plans
        self.fields["plan"].required = False
        self.fields["body"].queryset = bodies
        self.fields["body"].required = False
        if not bodies.exists():
            del self.fields["body"]
            del self.fields["background"]
            del self.fields["next_steps"]
        if not self.is_bound and not self.instance.pk:
            today = date.today()
            self.initial.setdefault("period_start", date(today.year, 1, 1))
            self.initial.setdefault("period_end", today)
            language = (get_language() or "en")[:2]
            self.initial.setdefault(
                "language", language if language in ReportLanguage.values else "en"
            )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ReportKind.OPERATIONAL_PLAN and not data.get("plan"):
            self.add_error("plan", _("Choose the operational plan to report."))
        if kind == ReportKind.NETWORK_INTERIM and "body" in self.fields and not data.get("body"):
            self.add_error("body", _("Choose the working group the interim report is about."))
        return data


class DraftForm(forms.ModelForm):
    """What may change in a draft before it is generated again."""

    class Meta:
        model = Report
        fields = [
            "title",
            "language",
            "period_start",
            "period_end",
            "summary",
            "background",
            "next_steps",
            "public",
        ]
        widgets = ReportForm.Meta.widgets


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
