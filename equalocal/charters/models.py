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
        _("current text"),
        default=False,
        help_text=_("New signatures are made to the current text."),
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


class CommitmentStatus(models.TextChoices):
    CONSIDERING = "considering", _("Considering")
    RECOMMENDED = "recommended", _("Recommended")
    DECIDED = "decided", _("Decided")
    SIGNED = "signed", _("Signed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Commitment(models.Model):
    """An organisation's relation to a Charter text, from considering to signing.

    The status is the latest step's; the steps keep the whole path with their
    decisions (body, paragraph, case number).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("organisation"),
    )
    charter = models.ForeignKey(
        CharterText,
        on_delete=models.PROTECT,
        related_name="commitments",
        verbose_name=_("Charter text"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.CONSIDERING,
    )
    decided_on = models.DateField(_("decision to sign"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by = models.CharField(_("signed by"), max_length=200, blank=True)
    cemr_informed_on = models.DateField(_("CEMR informed on"), null=True, blank=True)
    national_association_informed_on = models.DateField(
        _("national association informed on"), null=True, blank=True
    )
    adopted_2022_articles_on = models.DateField(
        _("adopted the 2022 articles on"),
        null=True,
        blank=True,
        help_text=_("For signatories of the 2006 text that adopted the new articles of 2022."),
    )
    note = models.TextField(_("note"), blank=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["organisation__name", "charter__year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "charter"], name="one_commitment_per_charter_text"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.charter.year}"

    def get_absolute_url(self):
        return reverse(
            "charters:commitment",
            kwargs={"org": self.organisation.slug, "commitment": self.pk},
        )

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        errors = {}
        if self.decided_on and self.signed_on and self.signed_on < self.decided_on:
            errors["signed_on"] = _("The Charter cannot be signed before the decision to sign it.")
        if self.adopted_2022_articles_on and self.charter_id and self.charter.year >= 2022:
            errors["adopted_2022_articles_on"] = _(
                "Only signatories of the 2006 text adopt the 2022 articles."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def plan_deadline(self):
        from .deadlines import action_plan_deadline

        return action_plan_deadline(decided_on=self.decided_on, signed_on=self.signed_on)

    @property
    def provisional_plan_deadline(self):
        """Before a decision: two years after the latest recommendation to sign, if any."""
        from .deadlines import provisional_deadline

        if self.plan_deadline or self.status != CommitmentStatus.RECOMMENDED:
            return None
        dates = [s.date for s in self.steps.all() if s.status == CommitmentStatus.RECOMMENDED]
        return provisional_deadline(recommended_on=max(dates) if dates else None)


class CommitmentStep(models.Model):
    """One step on the way to signing: a proposal, a decision, the signature, a withdrawal."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=16, choices=CommitmentStatus.choices)
    date = models.DateField(_("date"))
    deciding_body = models.CharField(_("deciding body"), max_length=200, blank=True)
    paragraph = models.CharField(
        _("paragraph"), max_length=40, blank=True, help_text=_("e.g. § 62")
    )
    case_number = models.CharField(
        _("case number"), max_length=60, blank=True, help_text=_("e.g. KS 2024/108")
    )
    note = models.TextField(_("note"), blank=True)
    source_url = models.URLField(_("link to the source document"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commitment step")
        verbose_name_plural = _("commitment steps")
        ordering = ["commitment", "date", "created_at"]

    def __str__(self):
        return f"{self.get_status_display()} {self.date}"
