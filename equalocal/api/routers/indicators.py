"""Indicators, measurements (figures by sex) and scorecards of an organisation.

Figures are internal unless the organisation publishes them; scorecards are public one by
one when published (their figures still follow the organisation's choice). Editors enter
figures through the same service as the scorecard grid.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from equalocal.indicators import services
from equalocal.indicators.models import Gender, Indicator, Measurement, MeasurementStatus
from equalocal.indicators.selectors import (
    get_published_figures_for_user,
    get_scorecard_for_user,
    indicators_for,
    measurements_of,
    scorecard_items,
    scorecards_of,
    usable_indicator,
)
from equalocal.organisations.models import Shared
from equalocal.organisations.permissions import Action, published
from equalocal.organisations.selectors import get_organisation_for_user

from .. import access
from ..auth import private, public
from ..errors import ERRORS, ApiError
from ..inputs import Input, Text
from ..pagination import DEFAULT_LIMIT, MAX_LIMIT, paginate

router = Router(tags=["indicators"])

GenderName = Literal["total", "women", "men"]
assert set(GenderName.__args__) <= set(Gender.values)
MeasurementStatusName = Literal["", "missing", "confidential"]
assert set(MeasurementStatusName.__args__) == set(MeasurementStatus.values)


class IndicatorOut(Schema):
    id: int
    code: str
    title_en: str
    title_sv: str
    unit: str
    by_gender: bool
    direction: str
    source: str
    reference: bool = Field(description="A site-wide reference indicator, not the organisation's.")


class IndicatorList(Schema):
    items: list[IndicatorOut]
    next_cursor: str | None


class IndicatorFilters(Input):
    q: str | None = None
    ordering: Literal["code", "id"] = "code"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


def _indicator(indicator: Indicator) -> dict:
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "title_en": indicator.title_en,
        "title_sv": indicator.title_sv,
        "unit": indicator.unit,
        "by_gender": indicator.by_gender,
        "direction": indicator.direction,
        "source": indicator.source,
        "reference": indicator.owner_id is None,
    }


@router.get(
    "/organisations/{slug}/indicators",
    response={200: IndicatorList, **ERRORS},
    auth=public,
    url_name="indicators",
)
def list_indicators(request, slug: Text, filters: Query[IndicatorFilters]):
    """The indicators the organisation uses: the reference ones and its own. Public when
    the organisation publishes its figures."""
    organisation = get_published_figures_for_user(request.user, slug)
    rows = indicators_for(organisation, search=filters.q or "")
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings={"code": "code", "id": "id"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_indicator(i) for i in page.items], "next_cursor": page.next_cursor}


class MeasurementOut(Schema):
    id: int
    indicator: int
    indicator_code: str
    period: str
    year: int
    gender: str
    value: Decimal | None
    count: int | None
    status: str
    source: str
    note: str
    updated_at: datetime


class MeasurementList(Schema):
    items: list[MeasurementOut]
    next_cursor: str | None


class MeasurementFilters(Input):
    indicator: int | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    gender: GenderName | None = None
    ordering: Literal["id", "-updated"] = "id"
    cursor: str | None = None
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


@router.get(
    "/organisations/{slug}/measurements",
    response={200: MeasurementList, **ERRORS},
    auth=public,
    url_name="measurements",
)
def list_measurements(request, slug: Text, filters: Query[MeasurementFilters]):
    """The organisation's figures: one row per indicator, period and sex. Filter by
    indicator, year and gender. Public when the organisation publishes its figures."""
    organisation = get_published_figures_for_user(request.user, slug)
    rows = measurements_of(
        organisation, indicator=filters.indicator, year=filters.year, gender=filters.gender or ""
    )
    page = paginate(
        rows,
        ordering=filters.ordering,
        orderings={"id": "id", "-updated": "-updated_at"},
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [_measurement(m) for m in page.items], "next_cursor": page.next_cursor}


def _measurement(m: Measurement) -> dict:
    return {
        "id": m.pk,
        "indicator": m.indicator_id,
        "indicator_code": m.indicator.code,
        "period": m.period,
        "year": m.year,
        "gender": m.gender,
        "value": m.value,
        "count": m.count,
        "status": m.status,
        "source": m.source,
        "note": m.note,
        "updated_at": m.updated_at,
    }


class MeasurementSet(Input):
    indicator: int = Field(description="An indicator the organisation uses (see /indicators).")
    period: str = Field(
        min_length=4, max_length=10, description="A year (2024) or a date (2024-03-31)."
    )
    gender: GenderName
    value: Decimal | None = Field(
        None,
        max_digits=16,
        decimal_places=4,
        description="Null only when ``status`` says the figure is missing or confidential.",
    )
    count: int | None = Field(None, ge=0, le=2_147_483_647)
    status: MeasurementStatusName = ""
    note: str = Field("", max_length=300)
    updated_at: datetime | None = Field(
        None,
        description=(
            "The figure's updated_at as read; when given, a figure changed since (or not yet "
            "entered) gives 409 and nothing is saved."
        ),
    )


@router.post(
    "/organisations/{slug}/measurements",
    response={200: MeasurementOut, **ERRORS},
    auth=private,
    url_name="measurement-set",
)
def set_measurement(request, slug: Text, payload: MeasurementSet):
    """Enter or correct one figure of the organisation (editors and admins), as the grid of a
    scorecard does: the figure for the indicator, period and sex is created or replaced."""
    organisation = access.organisation(request, slug, Action.EDIT)
    indicator = usable_indicator(organisation, payload.indicator)
    if indicator is None:
        raise ApiError(
            422,
            "invalid_input",
            _("The input is not valid."),
            {"indicator": [_("Choose an indicator the organisation uses.")]},
        )
    measurement = services.measurement_set(
        indicator=indicator,
        organisation=organisation,
        period=payload.period,
        gender=payload.gender,
        value=payload.value,
        count=payload.count,
        status=payload.status,
        note=payload.note,
        by=request.user,
        expected_updated_at=payload.updated_at,
    )
    return _measurement(measurement)


class ScorecardListItem(Schema):
    id: int
    title: str
    compare_members: bool
    is_published: bool


class ScorecardList(Schema):
    items: list[ScorecardListItem]


@router.get(
    "/organisations/{slug}/scorecards",
    response={200: ScorecardList, **ERRORS},
    auth=public,
    url_name="scorecards",
)
def list_scorecards(request, slug: Text):
    """The organisation's scorecards: all for members, the published ones for others (a
    handful per organisation, so not paged)."""
    organisation = get_organisation_for_user(request.user, slug)
    rows = scorecards_of(organisation, user=request.user)
    return {
        "items": [
            {
                "id": s.pk,
                "title": s.title,
                "compare_members": s.compare_members,
                "is_published": s.is_published,
            }
            for s in rows
        ]
    }


class ScorecardIndicator(Schema):
    order: int
    indicator: int
    code: str
    title_en: str
    title_sv: str
    unit: str


class ScorecardDetail(Schema):
    id: int
    owner: str
    title: str
    description: str
    compare_members: bool
    is_published: bool
    indicators: list[ScorecardIndicator]
    figures_public: bool = Field(
        description="Whether the owner publishes its figures (read them from /measurements)."
    )


@router.get(
    "/organisations/{slug}/scorecards/{scorecard_id}",
    response={200: ScorecardDetail, **ERRORS},
    auth=public,
    url_name="scorecard",
)
def get_scorecard(request, slug: Text, scorecard_id: int):
    """One scorecard and its indicators in order; unpublished ones are for members only."""
    scorecard = get_scorecard_for_user(request.user, slug, scorecard_id)
    return {
        "id": scorecard.pk,
        "owner": scorecard.owner.slug,
        "title": scorecard.title,
        "description": scorecard.description,
        "compare_members": scorecard.compare_members,
        "is_published": scorecard.is_published,
        "figures_public": published(scorecard.owner, Shared.FIGURES),
        "indicators": [
            {
                "order": item.order,
                "indicator": item.indicator_id,
                "code": item.indicator.code,
                "title_en": item.indicator.title_en,
                "title_sv": item.indicator.title_sv,
                "unit": item.indicator.unit,
            }
            for item in scorecard_items(scorecard)
        ],
    }
