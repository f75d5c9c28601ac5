"""Uploaded spreadsheets waiting for confirmation: an import is previewed before it writes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from equalocal.core.models import TimeStampedModel


class ImportKind(models.TextChoices):
    PLAN = "plan", _("Action plan")
    MEMBERS = "members", _("Network members and seats")


class ImportPreview(TimeStampedModel):
    """A previewed upload: the file in private storage, what it would write and its errors.

    Nothing of the file reaches the plans or the network until the preview is confirmed;
    an unconfirmed preview is removed with its file after a day.
    """

    kind = models.CharField(_("kind"), max_length=8, choices=ImportKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(_("uploaded file"), max_length=200, blank=True)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    # Where a plan import lands: a new draft plan with this title, or a new version of a plan.
    title = models.CharField(_("title"), max_length=300, blank=True)
    plan = models.ForeignKey(
        "plans.ActionPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("import preview")
        verbose_name_plural = _("import previews")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name}"

    @property
    def can_confirm(self) -> bool:
        return bool(self.rows) and not self.errors and bool(self.file)
