import re
import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from equalocal.core.models import TimeStampedModel
from equalocal.core.storage import public_storage

SWEDISH_MUNICIPALITY_CODE = re.compile(r"^\d{4}$")
SWEDISH_REGION_CODE = re.compile(r"^00\d{2}$")
LOGO_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def logo_path(instance, filename: str) -> str:
    """A random name in the public storage: the uploaded name says nothing about the file."""
    suffix = PurePath(filename or "").suffix.lower()
    return f"logos/{secrets.token_hex(12)}{suffix if suffix in LOGO_SUFFIXES else ''}"


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    COUNTY_COUNCIL = "county_council", _("County council")
    NATIONAL_ASSOCIATION = "national_association", _("National association")
    NETWORK = "network", _("Network or association of local governments")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    """A member's role in an organisation; later roles include the earlier ones' rights."""

    ADMIN = "admin", _("Admin")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class Organisation(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    country = CountryField(_("country"))
    official_code = models.CharField(
        _("official code"),
        max_length=20,
        blank=True,
        help_text=_(
            "For Sweden, the four-digit municipality code or 00 followed by the county "
            "code for regions, as Kolada uses them."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of (region or parent)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(
        _("logo"), upload_to=logo_path, storage=public_storage, blank=True, max_length=200
    )
    description = models.TextField(_("short description"), blank=True, max_length=2000)
    vision = models.TextField(
        _("vision for equality"),
        blank=True,
        max_length=1000,
        help_text=_("A few sentences on the public profile, e.g. the goal of the equality work."),
    )
    address = models.TextField(_("postal address"), blank=True, max_length=300)
    phone = models.CharField(_("switchboard phone"), max_length=40, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Places the organisation on the public map, e.g. 63.82578 for Umeå."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("East of Greenwich is positive, e.g. 20.26302 for Umeå."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "official_code"],
                condition=~Q(official_code=""),
                name="unique_official_code_per_country",
                violation_error_message=_(
                    "Another organisation in this country already has this official code."
                ),
            )
        ]
        indexes = [models.Index(fields=["country", "kind"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"org": self.slug})

    def clean(self):
        super().clean()
        if self.country == "SE" and self.official_code:
            code = self.official_code
            if self.kind == OrganisationKind.MUNICIPALITY and not SWEDISH_MUNICIPALITY_CODE.match(
                code
            ):
                raise ValidationError(
                    {"official_code": _("A Swedish municipality code has four digits, e.g. 2480.")}
                )
            if self.kind in {OrganisationKind.REGION, OrganisationKind.COUNTY_COUNCIL} and not (
                SWEDISH_REGION_CODE.match(code)
            ):
                raise ValidationError(
                    {
                        "official_code": _(
                            "A Swedish region code is 00 and the county code, e.g. 0024."
                        )
                    }
                )
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An organisation cannot be part of itself.")})


class Membership(TimeStampedModel):
    """A user's role in an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.VIEWER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.role})"


class Person(TimeStampedModel):
    """Someone who works for an organisation; not necessarily a user of equalocal."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="people",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_public_contact = models.BooleanField(
        _("public contact"),
        default=False,
        help_text=_("Public contacts are shown with their details to everyone, signed in or not."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "organisations:person", kwargs={"org": self.organisation.slug, "person": self.pk}
        )


class ErasureRecord(models.Model):
    """A note that personal data was erased on request; it holds no personal data itself."""

    organisation = models.ForeignKey(
        Organisation, null=True, on_delete=models.SET_NULL, related_name="erasures"
    )
    subject = models.CharField(_("what was erased"), max_length=100)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(_("erased"), auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        ordering = ["-erased_at"]

    def __str__(self):
        return f"{self.subject} ({self.erased_at:%Y-%m-%d})"


class Shared(models.TextChoices):
    """What an organisation may make public, or share with a network it belongs to."""

    COMMITMENT = "commitment", _("Charter commitment status")
    PROGRESS = "progress", _("Plan progress")
    FIGURES = "figures", _("Indicator figures")
    CONTACTS = "contacts", _("Contacts by role")


class Publishing(models.Model):
    """What an organisation makes public; anonymous visitors see nothing else of its data.

    Published plans are chosen one by one on each plan; this says whether their progress is
    public too. Figures made public appear on published scorecards, a network's included.
    """

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="publishing"
    )
    commitment = models.BooleanField(_("Charter commitment and its steps"), default=True)
    progress = models.BooleanField(_("progress of published plans"), default=False)
    figures = models.BooleanField(_("indicator figures"), default=False)
    reports = models.BooleanField(_("follow-up reports"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("publishing settings")
        verbose_name_plural = _("publishing settings")

    def __str__(self):
        return str(self.organisation)

    def publishes(self, what: str) -> bool:
        if what == Shared.CONTACTS:
            return False  # people are public one by one (``Person.is_public_contact``)
        return bool(getattr(self, what, False))


class SharingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the member's answer")
    ACCEPTED = "accepted", _("Member")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Left")


class NetworkSharing(TimeStampedModel):
    """A member's consent to a network, and what it lets that network see.

    A network asks an organisation to become a member; the organisation's admins accept or
    decline. Until they accept, the request gives the network no rights. Once accepted, the
    network sees what the member shares here besides what the member makes public; when
    the member leaves, the network loses that access at once, and the row stays as history.
    """

    network = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="members_sharing"
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sharing_with_networks"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SharingStatus.choices, default=SharingStatus.PENDING
    )
    commitment = models.BooleanField(_("Charter commitment status"), default=True)
    progress = models.BooleanField(_("plan progress"), default=False)
    figures = models.BooleanField(_("indicator figures"), default=False)
    contacts = models.BooleanField(_("contacts by role"), default=False)
    groups_only = models.BooleanField(
        _("in working groups only"),
        default=False,
        help_text=_("Takes part in some of the network's groups without being a member of it."),
    )
    note = models.CharField(_("message with the request"), max_length=500, blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ended_at = models.DateTimeField(_("left"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network membership consent")
        verbose_name_plural = _("network membership consents")
        ordering = ["network__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "member"],
                condition=Q(status__in=["pending", "accepted"]),
                name="one_open_sharing_per_network_and_member",
            ),
            models.CheckConstraint(
                condition=~Q(network=models.F("member")), name="sharing_not_with_itself"
            ),
        ]

    def __str__(self):
        return f"{self.member} → {self.network} ({self.status})"

    def shares(self, what: str) -> bool:
        return self.status == SharingStatus.ACCEPTED and bool(getattr(self, what, False))
