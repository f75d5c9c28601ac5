from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base with creation and modification times."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PeriodicRun(models.Model):
    """One run of a periodic task for one period (a day, an hour): the unique pair is what
    makes a periodic task run exactly once per period however many workers queue it."""

    name = models.CharField(_("task"), max_length=200)
    period = models.CharField(_("period"), max_length=40)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("periodic run")
        verbose_name_plural = _("periodic runs")
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="periodic_run_once")]
        indexes = [models.Index(fields=["started_at"])]

    def __str__(self) -> str:
        return f"{self.name} {self.period}"
