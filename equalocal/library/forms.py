from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from equalocal.charters.models import Article
from equalocal.core.forms import DateInput
from equalocal.indicators.models import Indicator
from equalocal.organisations.models import Organisation
from equalocal.plans.models import Activity

from .models import Event, Language, Practice, Theme


class PracticeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    article = forms.TypedChoiceField(label=_("Charter article"), required=False, coerce=int)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        from django_countries import countries

        everything = [("", _("All"))]
        self.fields["article"].choices = everything + [
            (a.pk, f"{a.charter.year} · {a.number}. {a.title}") for a in choices["articles"]
        ]
        self.fields["theme"].choices = everything + [(t.slug, t.name) for t in choices["themes"]]
        self.fields["country"].choices = everything + [
            (code, countries.name(code)) for code in choices["countries"]
        ]
        labels = dict(Language.choices)
        self.fields["language"].choices = everything + [
            (code, labels.get(code, code)) for code in choices["languages"]
        ]


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "summary",
            "organisations",
            "country",
            "period_start",
            "period_end",
            "articles",
            "themes",
            "results",
            "activities",
            "indicators",
            "language",
            "publication",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = Article.objects.select_related("charter").order_by(
            "charter__year", "number"
        )
        self.fields["articles"].label_from_instance = lambda a: (
            f"{a.charter.year} · {a.number}. {a.title}"
        )
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["themes"].label_from_instance = lambda t: t.name
        self.fields["activities"].queryset = (
            Activity.objects.filter(plan__organisation=owner, plan__deleted_at__isnull=True)
            .select_related("plan")
            .order_by("plan__title", "order")
        )
        self.fields["activities"].label_from_instance = lambda a: f"{a.plan.title}: {a.title}"
        self.fields["indicators"].queryset = Indicator.objects.filter(owner=owner)
        self.fields["organisations"].queryset = Organisation.objects.order_by("name")
        self.fields["publication"].queryset = owner.publications.all()
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("country", owner.country)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, PNG, JPEG or DOCX)"))


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    url = forms.URLField(label=_("Address"), assume_scheme="https")


TIME_ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


class EventForm(forms.ModelForm):
    """Start and end are entered as local times in the event's time zone."""

    starts_local = forms.DateTimeField(
        label=_("Starts (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_local = forms.DateTimeField(
        label=_("Ends (local time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=[(z, z) for z in TIME_ZONES])

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "time_zone",
            "place",
            "online_url",
            "speakers",
            "capacity",
            "publication",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "speakers": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", "description", "starts_local", "ends_local", "time_zone"]

    def __init__(self, *args, organiser: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publication"].queryset = organiser.publications.all()
        if self.instance.pk and not self.is_bound:
            zone = ZoneInfo(self.instance.time_zone)
            self.initial["starts_local"] = self.instance.starts_at.astimezone(zone).replace(
                tzinfo=None
            )
            self.initial["ends_local"] = self.instance.ends_at.astimezone(zone).replace(tzinfo=None)

    def clean(self):
        data = super().clean()
        zone_name = data.get("time_zone")
        if not zone_name:
            return data
        zone = ZoneInfo(zone_name)
        for local, stored in (("starts_local", "starts_at"), ("ends_local", "ends_at")):
            value = data.get(local)
            if value is not None:
                naive = timezone.make_naive(value) if timezone.is_aware(value) else value
                setattr(self.instance, stored, naive.replace(tzinfo=zone))
        return data


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that the organiser stores my name, e-mail and organisation to run this event."
        ),
        error_messages={"required": _("Registration needs your consent to store your data.")},
    )
