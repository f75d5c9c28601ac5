"""The knowledge library: good practices (case studies), publications and events."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from equalocal.core.i18n import localised
from equalocal.core.models import TimeStampedModel


class Language(models.TextChoices):
    """Languages a practice or publication may be written in (the Charter's main ones)."""

    ENGLISH = "en", _("English")
    SWEDISH = "sv", _("Swedish")
    FRENCH = "fr", _("French")
    GERMAN = "de", _("German")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    FINNISH = "fi", _("Finnish")
    POLISH = "pl", _("Polish")
    OTHER = "other", _("Other")


class Theme(models.Model):
    """A theme from the small list site staff manage (e.g. "Violence", "Budgeting")."""

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_sv = models.CharField(_("name (Swedish)"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name_en"]

    def __str__(self):
        return self.name_en

    @property
    def name(self):
        return localised(self, "name")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Publication(TimeStampedModel):
    """A publication holding case studies, guidelines and tools (sample 001's brochure)."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="publications",
        verbose_name=_("publisher"),
    )
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=300)
    published_on = models.DateField(_("publication date"))
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("link"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:publication", kwargs={"publication": self.pk})


class PartKind(models.TextChoices):
    GUIDELINE = "guideline", _("Guideline")
    TOOL = "tool", _("Tool")


class PublicationPart(models.Model):
    """A guideline or tool inside a publication; case studies are good practices."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(_("kind"), max_length=12, choices=PartKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guideline or tool")
        verbose_name_plural = _("guidelines and tools")
        ordering = ["publication", "order", "pk"]

    def __str__(self):
        return self.title


class Practice(TimeStampedModel):
    """A good practice or case study: written by editors, published after the admin's review."""

    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="practices",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"))
    organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="practices_taking_part",
        verbose_name=_("organisations taking part"),
    )
    country = CountryField(_("country"))
    period_start = models.DateField(_("period starts"), null=True, blank=True)
    period_end = models.DateField(_("period ends"), null=True, blank=True)
    articles = models.ManyToManyField(
        "charters.Article", blank=True, related_name="practices", verbose_name=_("Charter articles")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="practices", verbose_name=_("themes")
    )
    results = models.TextField(_("results achieved"), blank=True)
    activities = models.ManyToManyField(
        "plans.Activity",
        blank=True,
        related_name="practices",
        verbose_name=_("plan activities behind the results"),
    )
    indicators = models.ManyToManyField(
        "indicators.Indicator",
        blank=True,
        related_name="practices",
        verbose_name=_("indicators showing the results"),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    publication = models.ForeignKey(
        Publication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_studies",
        verbose_name=_("publication"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    history = HistoricalRecords(m2m_fields=[articles, themes])

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:practice", kwargs={"practice": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == PracticeStatus.PUBLISHED


class PracticeLink(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["practice", "pk"]

    def __str__(self):
        return self.title


class PracticeAttachment(models.Model):
    """A file of a practice, in private storage; served by an access-checked view."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    stored_name = models.CharField(max_length=300, editable=False)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["practice", "pk"]

    def __str__(self):
        return self.filename


class Event(TimeStampedModel):
    """An event people register for; times are stored aware, shown in ``time_zone``."""

    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("organiser"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels")
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One per line."))
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    publication = models.ForeignKey(
        Publication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("publication"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:event", kwargs={"event": self.pk})

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Registration(models.Model):
    """A person registered for an event. The cancellation link's token is kept only hashed."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    consented_at = models.DateTimeField(_("consent given"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event}"
