"""Gender-disaggregated indicators: measurements, targets and scorecards."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equalocal.core.i18n import localised
from equalocal.core.models import TimeStampedModel


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    PARITY = "parity", _("Closer to parity is better")


class Source(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    KOLADA = "kolada", _("Kolada")
    FILE = "file", _("File import")


class Gender(models.TextChoices):
    TOTAL = "total", _("Total")
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")


# Kolada's codes (T, K, M) and common alternatives, mapped to ours.
GENDER_CODES = {
    "t": Gender.TOTAL,
    "total": Gender.TOTAL,
    "tot": Gender.TOTAL,
    "alla": Gender.TOTAL,
    "k": Gender.WOMEN,
    "f": Gender.WOMEN,
    "w": Gender.WOMEN,
    "women": Gender.WOMEN,
    "kvinnor": Gender.WOMEN,
    "m": Gender.MEN,
    "men": Gender.MEN,
    "män": Gender.MEN,
}


class MeasurementStatus(models.TextChoices):
    OK = "", _("Value")
    MISSING = "missing", _("Missing")
    CONFIDENTIAL = "confidential", _("Confidential")


class Indicator(TimeStampedModel):
    code = models.CharField(_("code"), max_length=40, help_text=_("e.g. Kolada's N00945"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_sv = models.TextField(_("description (Swedish)"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, SEK, days"))
    by_gender = models.BooleanField(_("split by gender"), default=True)
    direction = models.CharField(
        _("which way is better"), max_length=8, choices=Direction.choices, default=Direction.PARITY
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    articles = models.ManyToManyField(
        "charters.Article",
        blank=True,
        related_name="indicators",
        verbose_name=_("Charter articles"),
    )
    reference_goals = models.ManyToManyField(
        "plans.ReferenceGoal",
        blank=True,
        related_name="indicators",
        verbose_name=_("national sub-goals"),
    )
    goals = models.ManyToManyField(
        "plans.Goal", blank=True, related_name="indicators", verbose_name=_("plan goals")
    )
    activities = models.ManyToManyField(
        "plans.Activity", blank=True, related_name="indicators", verbose_name=_("plan activities")
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("owner"),
        help_text=_("Empty for site-wide reference indicators."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        # Two partial constraints, because SQLite has no NULLS NOT DISTINCT: a code is
        # unique among the site-wide indicators, and within each owner's own.
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(owner__isnull=True),
                name="unique_reference_indicator_code",
            ),
            models.UniqueConstraint(
                fields=["code", "owner"],
                condition=models.Q(owner__isnull=False),
                name="unique_indicator_code_per_owner",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title_en}"

    def get_absolute_url(self):
        return reverse("indicators:detail", kwargs={"indicator": self.pk})

    @property
    def title(self):
        return localised(self, "title")

    @property
    def description(self):
        return localised(self, "description")


class Measurement(models.Model):
    """One figure: indicator × organisation × period × gender.

    ``period`` is a year ("2024") or a date ("2024-03-31"); ``year`` repeats its year
    for filtering. Written in bulk by imports, so it keeps no per-row history; the
    import batch it came from is recorded instead.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="measurements"
    )
    period = models.CharField(_("period"), max_length=10)
    year = models.PositiveSmallIntegerField(_("year"))
    gender = models.CharField(_("gender"), max_length=5, choices=Gender.choices)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasurementStatus.choices, blank=True, default=""
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "period", "gender"],
                name="one_measurement_per_cell",
            )
        ]
        indexes = [models.Index(fields=["organisation", "indicator", "year"])]

    def __str__(self):
        return f"{self.indicator.code} {self.organisation_id} {self.period} {self.gender}: {self.value}"

    def clean(self):
        super().clean()
        if self.value is None and not self.status:
            raise ValidationError(
                {"value": _("Give a value, or mark it as missing or confidential.")}
            )


class TargetKind(models.TextChoices):
    VALUE = "value", _("A value to reach")
    RATIO_BAND = "ratio_band", _("A women/men ratio within a band")
    PARITY = "parity", _("Parity within N points")


class Target(TimeStampedModel):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind of target"), max_length=12, choices=TargetKind.choices, default=TargetKind.VALUE
    )
    value = models.DecimalField(
        _("target value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    ratio_low = models.DecimalField(
        _("lowest ratio"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    ratio_high = models.DecimalField(
        _("highest ratio"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    parity_points = models.DecimalField(
        _("points from parity"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organisation", "year"], name="one_target_per_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.year}"

    def clean(self):
        super().clean()
        if self.kind == TargetKind.VALUE and self.value is None:
            raise ValidationError({"value": _("Give the value to reach.")})
        if self.kind == TargetKind.RATIO_BAND:
            if self.ratio_low is None or self.ratio_high is None:
                raise ValidationError({"ratio_low": _("Give the lowest and highest ratio.")})
            if self.ratio_low > self.ratio_high:
                raise ValidationError(
                    {"ratio_high": _("The highest ratio must not be below the lowest.")}
                )
        if self.kind == TargetKind.PARITY and (
            self.parity_points is None or self.parity_points < 0
        ):
            raise ValidationError(
                {"parity_points": _("Give how many points from parity are acceptable.")}
            )


class Scorecard(TimeStampedModel):
    """A named, ordered set of indicators (styrkort) of an organisation or a network."""

    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="scorecards"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    compare_members = models.BooleanField(
        _("compare the network's members"),
        default=False,
        help_text=_("For a network: show its member organisations side by side."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        ordering = ["owner", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "indicators:scorecard", kwargs={"org": self.owner.slug, "scorecard": self.pk}
        )


class ScorecardItem(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["scorecard", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "indicator"], name="indicator_once_per_scorecard"
            )
        ]

    def __str__(self):
        return f"{self.scorecard}: {self.indicator.code}"


class ImportBatch(TimeStampedModel):
    """One import of figures (Kolada JSON, CSV, XLSX): what came in and what happened."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Previewed")
        QUEUED = "queued", _("Waiting to be imported")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PREVIEW
    )
    rows_read = models.PositiveIntegerField(default=0)
    rows_created = models.PositiveIntegerField(default=0)
    rows_updated = models.PositiveIntegerField(default=0)
    rows_unchanged = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    # Rows for a network's members: proposed to each member, never written by the network.
    rows_proposed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    # A previewed upload kept in private storage until it is imported or discarded (a failed
    # import keeps it, to be tried again).
    file = models.FileField(_("uploaded file"), upload_to="imports/", max_length=200, blank=True)
    # The worker's import of a confirmed preview: rows checked then written out of the total,
    # a heartbeat, which run owns it, and the language of the person who confirmed it.
    progress_current = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(default=0)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_source_display()} {self.file_name} ({self.created_at:%Y-%m-%d})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def can_retry(self) -> bool:
        """A failed import whose file is still kept can be tried again."""
        return self.status == self.Status.FAILED and bool(self.file)

    @property
    def progress_percent(self) -> int:
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_current / self.progress_total))


class FigureProposal(TimeStampedModel):
    """Figures a network imported for one of its members, waiting for the member's editors.

    A network never writes a member's figures: its import turns each member's rows into a
    proposal, which the member accepts (the rows are then imported for it) or rejects.
    ``rows`` hold ``[indicator_id, period, year, gender, value, count, status, note]`` with
    the value as text.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    network = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="figure_proposals",
        verbose_name=_("for"),
    )
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    rows = models.JSONField(default=list)
    has_notes = models.BooleanField(default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    proposed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    result = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("proposed figures")
        verbose_name_plural = _("proposed figures")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.network} → {self.organisation} ({len(self.rows)})"
