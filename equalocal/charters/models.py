"""The CEMR Charter as versioned reference data: texts, principles, sections, articles."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equalocal.core.i18n import localised


class CharterText(models.Model):
    """One version of the Charter: the 2006 text or the 2022 update."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by_en = models.CharField(_("adopted by (English)"), max_length=300, blank=True)
    adopted_by_sv = models.CharField(_("adopted by (Swedish)"), max_length=300, blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)
    note_sv = models.TextField(_("note (Swedish)"), blank=True)
    is_current = models.BooleanField(
        _("current text"), default=False, help_text=_("New signatures are made to the current text.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Charter text")
        verbose_name_plural = _("Charter texts")
        ordering = ["year"]

    def __str__(self):
        return f"{self.title_en} ({self.year})"

    def get_absolute_url(self):
        return reverse("charters:text", kwargs={"charter": self.code})

    @property
    def title(self):
        return localised(self, "title")

    @property
    def adopted_by(self):
        return localised(self, "adopted_by")

    @property
    def note(self):
        return localised(self, "note")


class _Verifiable(models.Model):
    """Reference data whose wording we could not confirm is flagged, never passed off as official."""

    title_en = models.CharField(_("title (English)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    title_en_verified = models.BooleanField(_("English title verified"), default=True)
    title_sv_verified = models.BooleanField(_("Swedish title verified"), default=False)

    class Meta:
        abstract = True

    @property
    def title(self):
        return localised(self, "title")

    @property
    def title_verified(self) -> bool:
        from django.utils.translation import get_language

        if (get_language() or "en").startswith("sv") and self.title_sv:
            return self.title_sv_verified
        return self.title_en_verified


class Principle(_Verifiable):
    charter = models.ForeignKey(CharterText, on_delete=models.CASCADE, related_name="principles")
    number = models.PositiveSmallIntegerField(_("number"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="unique_principle_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title_en}"


class Section(_Verifiable):
    """A group of articles by the local government's role (political, employer, …)."""

    charter = models.ForeignKey(CharterText, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("order"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["charter", "order"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "order"], name="unique_section_order")
        ]

    def __str__(self):
        return self.title_en


class Article(_Verifiable):
    charter = models.ForeignKey(CharterText, on_delete=models.CASCADE, related_name="articles")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    number = models.PositiveSmallIntegerField(_("number"))
    number_verified = models.BooleanField(
        _("number verified"),
        default=True,
        help_text=_("Unchecked where the article's number in the official text is not confirmed."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="unique_article_number")
        ]

    def __str__(self):
        return f"Art. {self.number} {self.title_en}"

    @property
    def is_verified(self) -> bool:
        return self.number_verified and self.title_verified
