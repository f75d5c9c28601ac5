"""Action plans: versions, goals linked to Charter articles, activities and their progress."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equalocal.core.i18n import localised
from equalocal.core.models import TimeStampedModel

RESTORE_DAYS = 30


class PlanKind(models.TextChoices):
    CHARTER = "charter", _("Charter action plan")
    OPERATIONAL = "operational", _("Annual operational plan")
    OTHER = "other", _("Other plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    CANCELLED = "cancelled", _("Cancelled")


# The progress an activity shows when nobody has set a figure (Decidim, Kausal).
DEFAULT_PROGRESS = {
    ActivityStatus.PLANNED: 0,
    ActivityStatus.IN_PROGRESS: 50,
    ActivityStatus.DONE: 100,
    ActivityStatus.DELAYED: 25,
    ActivityStatus.CANCELLED: 0,
}


class Timing(models.TextChoices):
    DATED = "dated", _("Dates")
    ONGOING = "ongoing", _("Ongoing")
    RECURRING = "recurring", _("Recurring")


class GoalSet(models.Model):
    """A set of higher-level goals plans refer to: national sub-goals, or a network's own."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200, blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="goal_sets",
        help_text=_("Empty for national reference goals shared by everyone."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal set")
        verbose_name_plural = _("goal sets")
        ordering = ["code"]

    def __str__(self):
        return self.title_en

    @property
    def title(self):
        return localised(self, "title")


class ReferenceGoal(models.Model):
    goal_set = models.ForeignKey(GoalSet, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_sv = models.CharField(_("title (Swedish)"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reference goal")
        verbose_name_plural = _("reference goals")
        ordering = ["goal_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal_set", "number"], name="unique_reference_goal")
        ]

    def __str__(self):
        return f"{self.number}. {self.title_en}"

    @property
    def title(self):
        return localised(self, "title")


# What people edit in a plan, in form order; the version comparison compares the same fields.
# What a person edits on an activity (its form, and the comparison of two plan versions).
ACTIVITY_EDITABLE_FIELDS = [
    "order",
    "title",
    "description",
    "goal",
    "responsible_unit",
    "responsible_person",
    "partners",
    "timing",
    "timing_note",
    "start_date",
    "end_date",
    "resources",
    "status",
    "progress",
    "weight",
    "articles",
    "completed_on",
    "next_review_on",
    "comment",
]
PLAN_EDITABLE_FIELDS = [
    "title",
    "kind",
    "status",
    "period_start",
    "period_end",
    "commitment",
    "adopted_by",
    "adopted_on",
    "adoption_case_number",
    "contact",
    "field_of_work",
    "purpose",
    "priorities",
    "reference_goals",
    "resources",
    "budget",
    "currency",
    "is_published",
]


class ActionPlanQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class ActionPlan(TimeStampedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlanKind.choices, default=PlanKind.CHARTER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    period_start = models.DateField(_("period starts"), null=True, blank=True)
    period_end = models.DateField(_("period ends"), null=True, blank=True)
    commitment = models.ForeignKey(
        "charters.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
        verbose_name=_("Charter commitment"),
    )
    adopted_by = models.CharField(_("adopted by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_case_number = models.CharField(
        _("case number of the adoption"), max_length=60, blank=True
    )
    contact = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
    )
    field_of_work = models.TextField(
        _("field of work"),
        blank=True,
        help_text=_("For a working group's plan: the field it works in, its expertise."),
    )
    purpose = models.TextField(_("purpose and background"), blank=True)
    priorities = models.ManyToManyField(
        "charters.Article",
        blank=True,
        related_name="prioritised_in",
        verbose_name=_("priorities (Charter articles)"),
    )
    reference_goals = models.ManyToManyField(
        ReferenceGoal, blank=True, related_name="plans", verbose_name=_("higher-level goals")
    )
    resources = models.TextField(_("resources"), blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="SEK")
    is_published = models.BooleanField(_("published"), default=False)
    version_number = models.PositiveSmallIntegerField(_("version"), default=1)
    previous_version = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_version"
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[priorities])

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period_start", "title"]

    def __str__(self):
        return self.title

    @property
    def choice_label(self) -> str:
        """The plan in a list of choices, told apart from its other versions."""
        period = ""
        if self.period_start or self.period_end:
            start = self.period_start.year if self.period_start else "…"
            end = self.period_end.year if self.period_end else "…"
            period = f" · {start}–{end}"
        return _("%(title)s · version %(number)s · %(status)s%(period)s") % {
            "title": self.title,
            "number": self.version_number,
            "status": self.get_status_display(),
            "period": period,
        }

    def get_absolute_url(self):
        return reverse("plans:detail", kwargs={"org": self.organisation.slug, "plan": self.pk})

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("The budget cannot be negative.")})
        if self.adopted_on and self.status in {PlanStatus.DRAFT, PlanStatus.CONSULTATION}:
            raise ValidationError(
                {
                    "status": _(
                        "A plan with an adoption date is adopted; set the status to “adopted”."
                    )
                }
            )
        if self.status == PlanStatus.ADOPTED and not self.adopted_on:
            raise ValidationError(
                {"adopted_on": _("An adopted plan needs its adoption date; give the date.")}
            )

    @property
    def restorable_until(self):
        return self.deleted_at + timedelta(days=RESTORE_DAYS) if self.deleted_at else None

    @property
    def can_be_restored(self) -> bool:
        return self.deleted_at is not None and timezone.now() < self.restorable_until


class PlanGoalText(models.Model):
    """What the plan does for one of its higher-level goals, in the plan's own words (the
    purpose of an operational plan, written against each regional goal)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goal_texts")
    reference_goal = models.ForeignKey(
        ReferenceGoal, on_delete=models.CASCADE, related_name="plan_texts"
    )
    text = models.TextField(_("text"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("text on a higher-level goal")
        verbose_name_plural = _("texts on higher-level goals")
        ordering = ["reference_goal__goal_set", "reference_goal__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference_goal"], name="one_text_per_plan_goal"
            )
        ]

    def __str__(self):
        return self.text[:60]


class Consultation(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="consultations")
    date = models.DateField(_("date"))
    consulted = models.CharField(_("who was consulted"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date}: {self.consulted}"


class Goal(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    # 0 means "not numbered yet": the service appends the goal after the others.
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("goal"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    articles = models.ManyToManyField(
        "charters.Article", blank=True, related_name="goals", verbose_name=_("Charter articles")
    )
    reference_goals = models.ManyToManyField(
        ReferenceGoal, blank=True, related_name="goals", verbose_name=_("higher-level goals")
    )
    history = HistoricalRecords(m2m_fields=[articles])

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.title


class Activity(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("goal"),
    )
    # 0 means "not numbered yet": the service appends the activity after the others.
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("activity"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    responsible_person = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("responsible person"),
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    timing = models.CharField(
        _("timing"), max_length=12, choices=Timing.choices, default=Timing.DATED
    )
    timing_note = models.CharField(
        _("timing as written"),
        max_length=120,
        blank=True,
        help_text=_("e.g. “January – April 2014”"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    resources = models.CharField(_("resources"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much the activity counts in the plan's progress."),
    )
    articles = models.ManyToManyField(
        "charters.Article",
        blank=True,
        related_name="activities",
        verbose_name=_("Charter articles"),
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[articles])

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan", "order", "pk"]
        indexes = [models.Index(fields=["plan", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "plans:activity",
            kwargs={"org": self.plan.organisation.slug, "plan": self.plan_id, "activity": self.pk},
        )

    @property
    def responsible(self) -> str:
        if self.responsible_person_id:
            return self.responsible_person.name
        return self.responsible_unit

    def outside_plan_period(self) -> bool:
        """Whether the activity's dates fall outside its plan's period (a warning, not an error:
        work can start before a plan is adopted, or run on after it)."""
        start, end = self.plan.period_start, self.plan.period_end
        dates = [d for d in (self.start_date, self.end_date) if d is not None]
        return any((start and d < start) or (end and d > end) for d in dates)

    def is_overdue(self, today) -> bool:
        return (
            self.end_date is not None
            and self.end_date < today
            and self.status not in {ActivityStatus.DONE, ActivityStatus.CANCELLED}
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The activity cannot end before it starts.")
        if self.progress is not None and not 0 <= self.progress <= 100:
            errors["progress"] = _("Progress is a percentage from 0 to 100.")
        elif self.status == ActivityStatus.DONE and self.progress != 100:
            errors["progress"] = _(
                "A done activity has 100 % progress; change the status or the progress."
            )
        elif self.status == ActivityStatus.PLANNED and self.progress not in (0, None):
            errors["progress"] = _(
                "A planned activity has not started: set the status to “in progress” or the progress to 0."
            )
        elif self.progress == 100 and self.status not in {
            ActivityStatus.DONE,
            ActivityStatus.CANCELLED,
        }:
            errors["status"] = _("At 100 % the activity is done; set the status to “done”.")
        if self.goal_id and self.plan_id and self.goal.plan_id != self.plan_id:
            errors["goal"] = _("The goal belongs to another plan.")
        if errors:
            raise ValidationError(errors)


class ProgressUpdate(models.Model):
    """A change of an activity's status or progress, with a note: the activity's timeline."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=16, choices=ActivityStatus.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    text = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display()} {self.progress} %"


class ReminderLog(models.Model):
    """A reminder that was sent, so each is sent once."""

    key = models.CharField(max_length=200, unique=True)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return self.key
