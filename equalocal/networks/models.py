"""Networks of local governments: their bodies (working groups, commissions), members,
representatives and vacant seats, meetings, and the responsibility matrix."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from equalocal.core.models import TimeStampedModel


class DashboardVisibility(models.TextChoices):
    MEMBERS = "members", _("All members see every member's row")
    COORDINATORS = "coordinators", _("Only coordinators see every row")


class NetworkSettings(models.Model):
    """Per-network choices; a network is an Organisation of kind network or association."""

    network = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="network_settings"
    )
    dashboard_visibility = models.CharField(
        _("who sees the member dashboard"),
        max_length=16,
        choices=DashboardVisibility.choices,
        default=DashboardVisibility.MEMBERS,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")

    def __str__(self):
        return str(self.network)


class BodyKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("Working group")
    COMMISSION = "commission", _("Commission")
    BOARD = "board", _("Board")
    OTHER = "other", _("Other body")


class Body(TimeStampedModel):
    """A working group, commission or other body of a network."""

    network = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name=_("network"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=BodyKind.choices, default=BodyKind.WORKING_GROUP
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    purpose = models.TextField(_("purpose"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    set_up_by = models.CharField(
        _("set up by"), max_length=200, blank=True, help_text=_("e.g. UBC Executive Board")
    )
    set_up_on = models.DateField(_("set up on"), null=True, blank=True)
    set_up_where = models.CharField(_("where it was decided"), max_length=120, blank=True)
    decision_reference = models.CharField(_("decision reference"), max_length=120, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        verbose_name=_("under"),
    )
    plan = models.ForeignKey(
        "plans.ActionPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
        verbose_name=_("the group's plan"),
    )
    is_public = models.BooleanField(_("public page"), default=True)
    matrix_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["network", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="unique_body_slug_per_network")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:group", kwargs={"org": self.network.slug, "group": self.slug})


class NetworkMembership(TimeStampedModel):
    """An organisation's membership of a network, or of one of its bodies, over a period.

    Leaving closes the row with a date and reason; a new row records a return, so the
    member list at any date can be derived and history is never overwritten.
    """

    network = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="network_members"
    )
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="network_memberships",
        verbose_name=_("member organisation"),
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    join_note = models.CharField(_("note on joining"), max_length=300, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(_("reason for leaving"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["member__name", "joined_on"]
        indexes = [models.Index(fields=["network", "body", "left_on"])]

    def __str__(self):
        return f"{self.member} in {self.body or self.network}"

    def clean(self):
        super().clean()
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})
        if self.member_id and self.member_id == self.network_id:
            raise ValidationError({"member": _("A network cannot be its own member.")})
        if self.body_id and self.network_id and self.body.network_id != self.network_id:
            raise ValidationError({"body": _("The group belongs to another network.")})

    def active_on(self, day) -> bool:
        return (self.joined_on is None or self.joined_on <= day) and (
            self.left_on is None or self.left_on >= day
        )


class SeatRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    MEMBER = "member", _("Member")
    SUBSTITUTE = "substitute", _("Substitute")
    SECRETARY = "secretary", _("Secretary")
    CONTACT = "contact", _("Contact person")


class Seat(TimeStampedModel):
    """A member organisation's seat in a body: held by a person, or vacant (no person)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="seats",
        verbose_name=_("member organisation"),
    )
    person = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
        verbose_name=_("representative"),
        help_text=_("Leave empty for a vacant seat."),
    )
    role = models.CharField(
        _("role"), max_length=16, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    from_date = models.DateField(_("from"), null=True, blank=True)
    to_date = models.DateField(_("to"), null=True, blank=True)
    share_of_time = models.PositiveSmallIntegerField(
        _("share of time (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("How much of the representative's working time the seat takes, 0–100 %."),
    )
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "role", "member__name"]

    def __str__(self):
        return f"{self.member}: {self.person or _('vacant')}"

    @property
    def is_vacant(self) -> bool:
        return self.person_id is None

    def clean(self):
        super().clean()
        if self.from_date and self.to_date and self.to_date < self.from_date:
            raise ValidationError({"to_date": _("The seat cannot end before it starts.")})
        if self.person_id and self.member_id and self.person.organisation_id != self.member_id:
            raise ValidationError(
                {"person": _("The representative must work for the member organisation.")}
            )


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(TimeStampedModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(
        _("starts at"), null=True, blank=True, help_text=_("Local time; leave empty if unknown.")
    )
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    host = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
        verbose_name=_("host city"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_url = models.URLField(_("link to the minutes document"), blank=True)
    attendees = models.ManyToManyField(
        Seat, blank=True, related_name="meetings", verbose_name=_("attendees")
    )
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.body} {self.date}"

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": _("Give the start time too.")})
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The meeting must end after it starts.")})

    @property
    def starts_at(self):
        """The start as an aware datetime in the site's time zone, when a time is recorded."""
        return self._at(self.start_time)

    @property
    def ends_at(self):
        return self._at(self.end_time) if self.start_time else None

    def _at(self, time):
        from datetime import datetime

        from django.utils import timezone

        if time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, time))

    @property
    def unrecorded(self) -> bool:
        """A meeting still "planned" after its day: nobody recorded whether it was held."""
        from django.utils import timezone

        return self.status == MeetingStatus.PLANNED and self.date < timezone.localdate()

    @property
    def status_label(self) -> str:
        return str(_("Past, not recorded")) if self.unrecorded else self.get_status_display()

    def get_absolute_url(self):
        return reverse(
            "networks:meeting",
            kwargs={"org": self.body.network.slug, "group": self.body.slug, "meeting": self.pk},
        )


class MeetingDecision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    activity = models.ForeignKey(
        "plans.Activity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_decisions",
        verbose_name=_("plan activity"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self):
        return self.text[:60]


class MatrixRole(models.TextChoices):
    RESPONSIBLE = "responsible", _("Responsible")
    CONTACT = "contact", _("Contact")


class MatrixCell(models.Model):
    """One cell of a group's responsibility matrix: who answers for a network body.

    Rows are the network's bodies (e.g. UBC's commissions); columns are the group's
    seats (a member organisation and its representative).
    """

    group = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="matrix_cells")
    row = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("body")
    )
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="matrix_cells")
    role = models.CharField(
        _("role"), max_length=16, choices=MatrixRole.choices, default=MatrixRole.RESPONSIBLE
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matrix cell")
        verbose_name_plural = _("matrix cells")
        constraints = [
            models.UniqueConstraint(fields=["group", "row", "seat"], name="one_matrix_cell"),
            models.CheckConstraint(
                condition=~Q(group=models.F("row")), name="matrix_row_not_group"
            ),
        ]

    def __str__(self):
        return f"{self.row} × {self.seat}: {self.role}"
