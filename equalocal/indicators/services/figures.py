"""Writes for indicators, measurements, targets, scorecards and the grid.

Views, the API, management commands and the demo all call these; bulk imports go
through :mod:`equalocal.indicators.imports`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError, ConcurrentEditError

from ..models import (
    GENDER_CODES,
    Indicator,
    Measurement,
    MeasurementStatus,
    Scorecard,
    ScorecardItem,
    Source,
    Target,
)
from ..parsing import parse_period, parse_value

# What a person sets on a target; the rest (who, when, the organisation) follows from the save.
TARGET_FIELDS = ("indicator", "year", "kind", "value", "ratio_low", "ratio_high", "parity_points")


def _attribute_to(instance, by) -> None:
    if by is not None:
        instance._history_user = by


@transaction.atomic
def indicator_save(
    *,
    indicator: Indicator,
    by=None,
    articles: Iterable | None = None,
    reference_goals: Iterable | None = None,
    goals: Iterable | None = None,
    activities: Iterable | None = None,
) -> Indicator:
    """Create or update an indicator and, when given, its Charter articles, sub-goals and the
    plan goals and activities it gives evidence for."""
    indicator.code = indicator.code.strip()
    indicator.full_clean(validate_constraints=False)
    duplicate = Indicator.objects.filter(code=indicator.code, owner=indicator.owner).exclude(
        pk=indicator.pk
    )
    if duplicate.exists():
        raise ApplicationError(
            _("Another indicator already has the code %(code)s.") % {"code": indicator.code},
            field="code",
        )
    _attribute_to(indicator, by)
    indicator.save()
    if articles is not None:
        indicator.articles.set(articles)
    if reference_goals is not None:
        indicator.reference_goals.set(reference_goals)
    if goals is not None:
        indicator.goals.set(goals)
    if activities is not None:
        indicator.activities.set(activities)
    return indicator


# Measurements ---------------------------------------------------------------------------------


def measurement_set(
    *,
    indicator: Indicator,
    organisation,
    period,
    gender: str,
    value,
    count: int | None = None,
    status: str = "",
    note: str = "",
    by=None,
    expected_updated_at: datetime | None = None,
) -> Measurement:
    """Enter or correct one figure (the grid's cell); creates it or updates the existing one.

    ``gender`` is ``total``/``women``/``men`` or a code such as Kolada's ``T``/``K``/``M``.
    ``value`` may be a number or text with a decimal comma; it may be empty only when
    ``status`` marks the figure as missing or confidential. A figure of an indicator
    that is not split by gender must be the total.

    ``expected_updated_at`` is an optimistic lock for clients that read the figure first
    (figures have no lock version: imports write them in bulk): when given, a figure that
    changed since (compared to the millisecond, as the API writes times) or that does not
    exist raises ConcurrentEditError and nothing is saved.
    """
    gender_value = GENDER_CODES.get(str(gender).strip().lower())
    if gender_value is None:
        raise ApplicationError(
            _("Unknown gender “%(gender)s”: use total, women or men.") % {"gender": gender},
            field="gender",
        )
    if not indicator.by_gender and gender_value != "total":
        raise ApplicationError(
            _("This indicator is not split by gender: enter the total only."), field="gender"
        )
    try:
        period_text, year = parse_period(period)
    except ValueError:
        raise ApplicationError(
            _("The period “%(period)s” is neither a year (2024) nor a date (2024-03-31).")
            % {"period": period},
            field="period",
        ) from None
    try:
        number = parse_value(value)
    except ValueError:
        raise ApplicationError(
            _("“%(value)s” is not a number.") % {"value": value}, field="value"
        ) from None
    if status not in MeasurementStatus.values:
        raise ApplicationError(
            _("Unknown status: %(status)s.") % {"status": status}, field="status"
        )
    if number is None and not status:
        raise ApplicationError(
            _("Give a value, or mark it as missing or confidential."), field="value"
        )
    if count is not None and count < 0:
        raise ApplicationError(_("The count cannot be negative."), field="count")
    cell = {
        "indicator": indicator,
        "organisation": organisation,
        "period": period_text,
        "gender": gender_value,
    }
    with transaction.atomic():
        if expected_updated_at is not None:
            _claim_figure(cell, expected_updated_at)
        measurement, _created = Measurement.objects.update_or_create(
            **cell,
            defaults={
                "year": year,
                "value": number,
                "count": count,
                "status": status,
                "note": note.strip(),
                "source": Source.MANUAL,
                "batch": None,
            },
        )
    return measurement


def _to_millisecond(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _claim_figure(cell: dict, expected_updated_at: datetime) -> None:
    current = Measurement.objects.select_for_update().filter(**cell).first()
    if current is None or _to_millisecond(current.updated_at) != _to_millisecond(
        expected_updated_at
    ):
        raise ConcurrentEditError(
            _(
                "Someone else saved this figure in the meantime, or it does not exist yet; "
                "nothing was saved."
            ),
            current=current,
        )


# Targets --------------------------------------------------------------------------------------


@transaction.atomic
def target_upsert(*, target: Target, by=None) -> Target:
    """Save a target; one for an indicator, organisation and year that has one replaces it."""
    existing = (
        Target.objects.select_for_update()
        .filter(
            indicator=target.indicator_id, organisation=target.organisation_id, year=target.year
        )
        .exclude(pk=target.pk)
        .first()
    )
    if existing is not None:
        for name in TARGET_FIELDS:
            setattr(existing, name, getattr(target, name))
        target = existing
    return target_save(target=target, by=by)


def target_save(*, target: Target, by=None) -> Target:
    """Create or update a target; one per indicator, organisation and year."""
    target.full_clean(validate_constraints=False)
    clash = Target.objects.filter(
        indicator=target.indicator_id, organisation=target.organisation_id, year=target.year
    ).exclude(pk=target.pk)
    if clash.exists():
        raise ApplicationError(
            _("There is already a target for %(year)s.") % {"year": target.year}, field="year"
        )
    _attribute_to(target, by)
    target.save()
    return target


# Scorecards -----------------------------------------------------------------------------------


@transaction.atomic
def scorecard_save(*, scorecard: Scorecard, indicator_ids: list[int], by=None) -> Scorecard:
    """Save a scorecard and its indicators, in the order given.

    Indicators not in ``indicator_ids`` are removed from the scorecard; an id that
    appears twice keeps its first place. Unknown ids are refused.
    """
    ordered = list(dict.fromkeys(int(pk) for pk in indicator_ids))
    known = set(Indicator.objects.filter(pk__in=ordered).values_list("pk", flat=True))
    unknown = [pk for pk in ordered if pk not in known]
    if unknown:
        raise ApplicationError(
            _("Unknown indicator: %(ids)s.") % {"ids": ", ".join(map(str, unknown))},
            field="indicators",
        )
    scorecard.full_clean()
    _attribute_to(scorecard, by)
    scorecard.save()
    scorecard.items.exclude(indicator_id__in=ordered).delete()
    existing = {item.indicator_id: item for item in scorecard.items.all()}
    new, moved = [], []
    for order, pk in enumerate(ordered, start=1):
        item = existing.get(pk)
        if item is None:
            new.append(ScorecardItem(scorecard=scorecard, indicator_id=pk, order=order))
        elif item.order != order:
            item.order = order
            moved.append(item)
    ScorecardItem.objects.bulk_create(new)
    ScorecardItem.objects.bulk_update(moved, ["order"])
    return scorecard


# The grid -------------------------------------------------------------------------------------


@dataclass
class GridSave:
    """What became of a grid save: ``errors`` maps an indicator id to {field: message}."""

    errors: dict[int, dict[str | None, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def scorecard_grid_save(
    *, scorecard: Scorecard, organisation, year: int, rows: dict[int, dict[str, object]], by
) -> GridSave:
    """Save a year's values of a scorecard's indicators, all or nothing.

    ``rows`` maps an indicator id to its cells (``{"total": …, "women": …, "men": …}``);
    every cell is tried so each refusal can be shown on its field, then nothing is kept if
    any was refused.
    """
    indicators = {
        item.indicator_id: item.indicator for item in scorecard.items.select_related("indicator")
    }
    outcome = GridSave()
    with transaction.atomic():
        for indicator_id, cells in rows.items():
            indicator = indicators.get(indicator_id)
            if indicator is None:
                outcome.errors[indicator_id] = {None: _("This indicator is not on the scorecard.")}
                continue
            for gender, value in cells.items():
                try:
                    measurement_set(
                        indicator=indicator,
                        organisation=organisation,
                        period=str(year),
                        gender=gender,
                        value=value,
                        by=by,
                    )
                except ApplicationError as exc:
                    field_name = gender if exc.field in ("value", "gender") else None
                    outcome.errors.setdefault(indicator_id, {})[field_name] = exc.message
        if outcome.errors:
            transaction.set_rollback(True)
    return outcome
