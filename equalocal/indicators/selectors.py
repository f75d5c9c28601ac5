"""Reads of indicators, measurements, targets and scorecards, and the access helpers.

Measurements, targets and scorecards of an organisation are private to its members
(404 for others), except published scorecards, which anyone can read. Reference
indicators (no owner) can be read by every signed-in user; an organisation's own
indicators by its members.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from equalocal.core.fragments import version_rows
from equalocal.organisations import permissions
from equalocal.organisations.models import Organisation, Shared
from equalocal.organisations.permissions import Action
from equalocal.organisations.selectors import memberships_for_user

from . import derived
from .models import FigureProposal, Gender, ImportBatch, Indicator, Measurement, Scorecard, Target


def _check(user, organisation, action, *, published: bool = False):
    permissions.require(user, organisation, action, public=published)


# Access helpers ---------------------------------------------------------------------------------


def get_organisation_for_figures(user, slug: str, *, action: str = Action.VIEW) -> Organisation:
    """An organisation for its figures pages: 404 for non-members, 403 below ``action``."""
    organisation = get_object_or_404(Organisation, slug=slug)
    _check(user, organisation, action)
    return organisation


def get_published_figures_for_user(user, slug: str) -> Organisation:
    """An organisation whose figures are read: anyone's when it publishes its figures,
    otherwise its members' (404 for others)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    _check(
        user,
        organisation,
        Action.VIEW,
        published=permissions.published(organisation, Shared.FIGURES),
    )
    return organisation


def get_indicator_for_user(user, indicator_pk: int, *, action: str = Action.VIEW) -> Indicator:
    """An indicator: reference ones for every signed-in user (changed by staff only, 403
    for others); an organisation's own for its members (404 for others, 403 below
    ``action``)."""
    indicator = get_object_or_404(Indicator.objects.select_related("owner"), pk=indicator_pk)
    if indicator.owner is None:
        if not user.is_authenticated:
            raise Http404
        if action != Action.VIEW and not user.is_staff:
            raise PermissionDenied
        return indicator
    _check(user, indicator.owner, action)
    return indicator


def get_scorecard_for_user(user, org_slug: str, scorecard_pk: int, *, action: str = Action.VIEW):
    """A scorecard of the organisation: published ones for anyone, others for members
    (404 for others); changing needs Action.EDIT (403 below it)."""
    scorecard = get_object_or_404(
        Scorecard.objects.select_related("owner"), pk=scorecard_pk, owner__slug=org_slug
    )
    _check(user, scorecard.owner, action, published=scorecard.is_published)
    return scorecard


def visible_organisations(user) -> list[Organisation]:
    """Organisations whose figures the user may read (their memberships), for the switcher."""
    return [membership.organisation for membership in memberships_for_user(user)]


# Lists ------------------------------------------------------------------------------------------


def indicator_list(
    *, user, search: str = "", source: str = "", scope: str = "", organisation=None
) -> QuerySet:
    """Reference indicators and the own indicators of the user's organisations, filtered.

    ``scope`` is "reference" for the site-wide ones, "own" for the organisations' own,
    or empty for both. Staff see every organisation's own indicators.
    """
    indicators = Indicator.objects.select_related("owner")
    if not user.is_staff:
        org_ids = [m.organisation_id for m in memberships_for_user(user)]
        indicators = indicators.filter(Q(owner__isnull=True) | Q(owner_id__in=org_ids))
    if scope == "reference":
        indicators = indicators.filter(owner__isnull=True)
    elif scope == "own":
        indicators = indicators.filter(owner__isnull=False)
    if organisation is not None:
        indicators = indicators.filter(Q(owner__isnull=True) | Q(owner=organisation))
    if search:
        indicators = indicators.filter(
            Q(code__icontains=search)
            | Q(title_en__icontains=search)
            | Q(title_sv__icontains=search)
        )
    if source:
        indicators = indicators.filter(source=source)
    return indicators.order_by("owner_id", "code")


def indicators_for(organisation, *, search: str = "") -> QuerySet:
    """The indicators an organisation can use: the reference ones and its own; ``search``
    matches the code and either title."""
    indicators = Indicator.objects.filter(Q(owner__isnull=True) | Q(owner=organisation))
    if search:
        indicators = indicators.filter(
            Q(code__icontains=search)
            | Q(title_en__icontains=search)
            | Q(title_sv__icontains=search)
        )
    return indicators.order_by("code")


def usable_indicator(organisation, indicator_pk: int) -> Indicator | None:
    """One of the indicators the organisation can use, or None (an input to check)."""
    return indicators_for(organisation).filter(pk=indicator_pk).first()


def measurements_of(
    organisation, *, indicator: int | None = None, year: int | None = None, gender: str = ""
) -> QuerySet:
    """The organisation's figures, one per indicator, period and sex, with their indicators;
    filtered by indicator id, year and sex when given."""
    rows = Measurement.objects.filter(organisation=organisation).select_related("indicator")
    if indicator is not None:
        rows = rows.filter(indicator_id=indicator)
    if year is not None:
        rows = rows.filter(year=year)
    if gender:
        rows = rows.filter(gender=gender)
    return rows


def scorecard_items(scorecard: Scorecard) -> QuerySet:
    """The scorecard's rows in order, with their indicators."""
    return scorecard.items.select_related("indicator").order_by("order", "pk")


def scorecards_comparing(organisation, *, user, today: date) -> list[Scorecard]:
    """Scorecards of the networks the organisation is a member of that compare their members
    (and so show it): those published, and those of networks the user works in."""
    from equalocal.networks.selectors import networks_of

    networks = [n for n in networks_of(organisation, today=today) if n.pk != organisation.pk]
    own = {m.organisation_id for m in memberships_for_user(user)}
    return list(
        Scorecard.objects.filter(owner__in=networks, compare_members=True)
        .filter(Q(is_published=True) | Q(owner_id__in=own))
        .select_related("owner")
        .order_by("owner__name", "title")
    )


def scorecards_of(organisation, *, user) -> QuerySet:
    """The organisation's scorecards; only published ones for non-members."""
    scorecards = organisation.scorecards.all()
    if not permissions.can_view_internal(user, organisation):
        scorecards = scorecards.filter(is_published=True)
    return scorecards.order_by("title")


def targets_of(organisation) -> QuerySet:
    return (
        Target.objects.filter(organisation=organisation)
        .select_related("indicator")
        .order_by("indicator__code", "year")
    )


def batches_of(organisation) -> QuerySet:
    """The organisation's imports; previews nobody confirmed are not imports."""
    return (
        ImportBatch.objects.filter(organisation=organisation)
        .exclude(status=ImportBatch.Status.PREVIEW)
        .select_related("by")
    )


def proposals_for(organisation) -> list[FigureProposal]:
    """Figures networks proposed to the organisation, waiting ones first."""
    rows = FigureProposal.objects.filter(organisation=organisation).select_related("network")
    return sorted(rows, key=lambda p: (p.status != FigureProposal.Status.PENDING, -p.pk))


def get_proposal_for_user(user, org_slug: str, pk: int, *, action=Action.VIEW) -> FigureProposal:
    """Proposed figures, for the member organisation's people (not the network's)."""
    proposal = get_object_or_404(
        FigureProposal.objects.select_related("network", "organisation"),
        pk=pk,
        organisation__slug=org_slug,
    )
    permissions.require(user, proposal.organisation, action)
    return proposal


@dataclass(frozen=True)
class ProposedRow:
    indicator: Indicator | None
    period: str
    gender: str
    value: Decimal | None
    status: str
    current: Decimal | None


def proposal_rows(proposal: FigureProposal) -> list[ProposedRow]:
    """The proposed figures beside the member's stored ones, in two queries."""
    indicators = Indicator.objects.in_bulk({row[0] for row in proposal.rows})
    stored = {
        (m.indicator_id, m.period, m.gender): m.value
        for m in Measurement.objects.filter(
            organisation=proposal.organisation, indicator_id__in=list(indicators)
        ).only("indicator_id", "period", "gender", "value")
    }
    return [
        ProposedRow(
            indicator=indicators.get(row[0]),
            period=row[1],
            gender=row[3],
            value=None if row[4] is None else Decimal(row[4]),
            status=row[6] or "",
            current=stored.get((row[0], row[1], row[3])),
        )
        for row in proposal.rows
    ]


def get_batch_for_user(user, slug: str, pk: int, *, action: str = Action.VIEW) -> ImportBatch:
    """An organisation's import (not a preview): 404 for non-members, 403 below ``action``."""
    organisation = get_organisation_for_figures(user, slug, action=action)
    return get_object_or_404(batches_of(organisation).select_related("organisation", "by"), pk=pk)


def get_import_preview_for_user(user, organisation, pk: int) -> ImportBatch | None:
    """A preview the user made for ``organisation`` and has not confirmed; None otherwise.

    A preview is its uploader's: a colleague, another organisation or an old page get None.
    """
    return ImportBatch.objects.filter(
        pk=pk, organisation=organisation, by=user, status=ImportBatch.Status.PREVIEW
    ).first()


# Figures ----------------------------------------------------------------------------------------


@dataclass
class PeriodFigures:
    """The values of one period, by gender, and the figures derived from them."""

    period: str
    year: int
    women: Decimal | None = None
    men: Decimal | None = None
    total: Decimal | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    ratio: Decimal | None = None
    gap: Decimal | None = None
    parity_index: Decimal | None = None
    change: Decimal | None = None

    def value(self, gender: str) -> Decimal | None:
        return getattr(self, gender)

    def by_gender(self) -> dict[str, Decimal | None]:
        return {Gender.WOMEN: self.women, Gender.MEN: self.men, Gender.TOTAL: self.total}

    @property
    def has_value(self) -> bool:
        return any(v is not None for v in (self.women, self.men, self.total))

    @property
    def headline(self) -> Decimal | None:
        """The value a trend follows: the total, else women's value."""
        return self.total if self.total is not None else self.women


class _Figure(NamedTuple):
    """The parts of a Measurement that the derived figures need."""

    period: str
    year: int
    gender: str
    value: Decimal | None
    status: str


def _periods(measurements, indicator) -> list[PeriodFigures]:
    """Measurements of one indicator and organisation as periods, oldest first, derived."""
    by_period: dict[str, PeriodFigures] = {}
    for measurement in measurements:
        row = by_period.get(measurement.period)
        if row is None:
            row = by_period[measurement.period] = PeriodFigures(
                period=measurement.period, year=measurement.year
            )
        if measurement.status:
            row.statuses[measurement.gender] = measurement.status
        if measurement.gender in (Gender.WOMEN, Gender.MEN, Gender.TOTAL):
            setattr(row, measurement.gender, measurement.value)
    rows = sorted(by_period.values(), key=lambda row: row.period)
    previous = None
    for row in rows:
        row.ratio = derived.ratio(women=row.women, men=row.men)
        row.gap = derived.gap(women=row.women, men=row.men)
        row.parity_index = derived.parity_index(women=row.women, men=row.men)
        if previous is not None:
            row.change = derived.change(row.headline, previous.headline)
        previous = row
    del indicator
    return rows


def _target_for(targets: list[Target], year: int | None) -> Target | None:
    """The target of ``year``, else the next one after it, else the latest before it."""
    if not targets:
        return None
    if year is None:
        return targets[-1]
    for target in targets:
        if target.year >= year:
            return target
    return targets[-1]


def _traffic_light(indicator, target, latest):
    if target is None or latest is None:
        return None
    light = derived.traffic_light(indicator=indicator, target=target, latest=latest.by_gender())
    return TrafficLight(light) if light else None


@dataclass(frozen=True)
class TrafficLight:
    """A traffic light as text and a badge style: never colour alone."""

    state: str

    @property
    def label(self) -> str:
        return str(LIGHT_LABELS[self.state])

    @property
    def css(self) -> str:
        return LIGHT_CSS[self.state]


LIGHT_LABELS = {
    derived.ON_TRACK: _("On track"),
    derived.AT_RISK: _("At risk"),
    derived.OFF_TRACK: _("Off track"),
}
LIGHT_CSS = {derived.ON_TRACK: "ok", derived.AT_RISK: "warn", derived.OFF_TRACK: "danger"}


@dataclass
class IndicatorFigures:
    """An indicator's values over time for one organisation, its targets and the latest state."""

    indicator: Indicator
    organisation: Organisation | None
    periods: list[PeriodFigures]
    targets: list[Target]

    @property
    def latest(self) -> PeriodFigures | None:
        with_values = [row for row in self.periods if row.has_value]
        return with_values[-1] if with_values else None

    @property
    def target(self) -> Target | None:
        latest = self.latest
        return _target_for(self.targets, latest.year if latest else None)

    @property
    def traffic_light(self):
        return _traffic_light(self.indicator, self.target, self.latest)

    def series(self) -> list[tuple[str, list[tuple[str, Decimal | None]]]]:
        """The chart's series: women, men and total (only total when not split by gender)."""
        genders = [Gender.WOMEN, Gender.MEN, Gender.TOTAL] if self.indicator.by_gender else []
        genders = genders or [Gender.TOTAL]
        series = []
        for gender in genders:
            points = [(row.period, row.value(gender)) for row in self.periods]
            if any(value is not None for _period, value in points):
                series.append((str(gender.label), points))
        return series


def indicator_figures(indicator: Indicator, organisation: Organisation | None) -> IndicatorFigures:
    """The indicator's values per period and gender for the organisation, in two queries."""
    if organisation is None:
        return IndicatorFigures(indicator=indicator, organisation=None, periods=[], targets=[])
    measurements = Measurement.objects.filter(indicator=indicator, organisation=organisation).only(
        "period", "year", "gender", "value", "status"
    )
    targets = list(
        Target.objects.filter(indicator=indicator, organisation=organisation).order_by("year")
    )
    return IndicatorFigures(
        indicator=indicator,
        organisation=organisation,
        periods=_periods(measurements, indicator),
        targets=targets,
    )


# Scorecards -------------------------------------------------------------------------------------


@dataclass
class ScorecardCell:
    """One indicator for one organisation: its periods, latest values, target and light.

    ``shared`` is false when the organisation does not let this viewer see its figures:
    the cell then holds none.
    """

    figures: IndicatorFigures
    shared: bool = True

    @property
    def latest(self) -> PeriodFigures | None:
        return self.figures.latest

    @property
    def trend(self) -> list[Decimal | None]:
        return [row.headline for row in self.figures.periods]

    @property
    def target(self) -> Target | None:
        return self.figures.target

    @property
    def traffic_light(self):
        return self.figures.traffic_light


@dataclass
class ScorecardRow:
    indicator: Indicator
    cells: list[ScorecardCell]

    @property
    def cell(self) -> ScorecardCell:
        return self.cells[0]


@dataclass
class ScorecardTable:
    scorecard: Scorecard
    organisations: list[Organisation]
    rows: list[ScorecardRow]

    @property
    def compares(self) -> bool:
        return self.scorecard.compare_members


def scorecard_members(scorecard: Scorecard, *, today: date) -> list[Organisation]:
    """The network's current members, by name, in one query."""
    from equalocal.networks.models import NetworkMembership
    from equalocal.networks.selectors import active_on

    member_ids = active_on(NetworkMembership.objects.filter(network=scorecard.owner), today).values(
        "member_id"
    )
    return list(Organisation.objects.filter(pk__in=member_ids).order_by("name"))


def _figures_shown(scorecard, organisations, *, user, public: bool) -> set[int]:
    """The organisations whose figures this viewer may see on the scorecard."""
    own = {m.organisation_id for m in memberships_for_user(user)} if user is not None else set()
    if user is not None and user.is_staff:
        return {organisation.pk for organisation in organisations}
    shown = {organisation.pk for organisation in organisations if organisation.pk in own}
    others = [organisation.pk for organisation in organisations if organisation.pk not in own]
    if not scorecard.compare_members:
        # The owner's own scorecard: its members see it; others only what it publishes.
        if not public or permissions.published(scorecard.owner, Shared.FIGURES):
            shown |= set(others)
        return shown
    visible = permissions.network_visibility(scorecard.owner, others)
    for organisation in organisations:
        if organisation.pk in own:
            continue
        what = visible.get(organisation.pk, frozenset())
        if public:
            if permissions.published(organisation, Shared.FIGURES):
                shown.add(organisation.pk)
        elif Shared.FIGURES in what:
            shown.add(organisation.pk)
    return shown


def scorecard_version(scorecard: Scorecard) -> str:
    """A fingerprint of what the scorecard's table reads, in one query: it changes when its
    indicators or their order, the network's memberships or members, what the members
    publish or share with the network, or a figure or target of the indicators is added,
    changed or removed (imports and services set ``updated_at``; history dates).

    Plain SQL over the models' own tables: read on every view of the page, it must cost
    far less than the table (see plans.selectors.plan_version)."""
    from equalocal.networks.models import NetworkMembership
    from equalocal.organisations.models import NetworkSharing, Publishing

    from .models import ScorecardItem

    quote = connection.ops.quote_name
    table = {
        "item": ScorecardItem._meta.db_table,
        "indicator": Indicator._meta.db_table,
        "membership": NetworkMembership._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "publishing": Publishing.history.model._meta.db_table,
        "sharing": NetworkSharing._meta.db_table,
        "measurement": Measurement._meta.db_table,
        "target": Target._meta.db_table,
    }
    table = {name: quote(value) for name, value in table.items()}
    table["indicators"] = "SELECT indicator_id FROM {item} WHERE scorecard_id = %(scorecard)s"
    table["organisations"] = (
        "SELECT member_id FROM {membership} WHERE network_id = %(owner)s UNION SELECT %(owner)s"
    )
    table = {name: value.format(**table) for name, value in table.items()}
    # Only table names go into the text; the ids are parameters.
    parts = [
        'SELECT 1, COUNT(*), NULL, SUM("order" * indicator_id) FROM {item}'
        " WHERE scorecard_id = %(scorecard)s",
        "SELECT 2, COUNT(*), MAX(updated_at), NULL FROM {indicator} WHERE id IN ({indicators})",
        "SELECT 3, COUNT(*), MAX(updated_at), NULL FROM {membership} WHERE network_id = %(owner)s",
        "SELECT 4, COUNT(*), MAX(updated_at), NULL FROM {organisation}"
        " WHERE id IN ({organisations})",
        "SELECT 5, COUNT(*), MAX(history_date), NULL FROM {publishing}"
        " WHERE organisation_id IN ({organisations})",
        "SELECT 6, COUNT(*), MAX(updated_at), NULL FROM {sharing} WHERE network_id = %(owner)s",
        "SELECT 7, COUNT(*), MAX(updated_at), NULL FROM {measurement}"
        " WHERE indicator_id IN ({indicators}) AND organisation_id IN ({organisations})",
        "SELECT 8, COUNT(*), MAX(updated_at), NULL FROM {target}"
        " WHERE indicator_id IN ({indicators}) AND organisation_id IN ({organisations})",
    ]
    sql = " UNION ALL ".join(parts).format(**table)
    rows = version_rows(sql, {"scorecard": scorecard.pk, "owner": scorecard.owner_id})
    return "|".join([str(scorecard.updated_at)] + [":".join(map(str, row)) for row in rows])


def scorecard_table(
    scorecard: Scorecard, *, today: date, user=None, public: bool = False
) -> ScorecardTable:
    """Every indicator of the scorecard with its figures for the owner, or for each current
    member of the network when the scorecard compares them.

    A member's figures are shown only as far as the member lets them be seen (the access
    gate): to the network's own people when the member shares its figures with the network
    or makes them public; to everyone else (``public``: a published scorecard read by
    someone outside the network) only when it makes them public. ``user`` always sees the
    figures of their own organisations. A fixed number of queries whatever the number of
    indicators and members: one each for the items, the members, what they share, the
    measurements and the targets.
    """
    indicators = [
        item.indicator for item in scorecard.items.select_related("indicator").order_by("order")
    ]
    if scorecard.compare_members:
        organisations = scorecard_members(scorecard, today=today)
    else:
        organisations = [scorecard.owner]
    indicator_ids = [indicator.pk for indicator in indicators]
    shown = _figures_shown(scorecard, organisations, user=user, public=public)
    org_ids = [organisation.pk for organisation in organisations if organisation.pk in shown]
    measurements: dict[tuple[int, int], list[_Figure]] = {}
    # Plain tuples, not model instances: a network scorecard reads tens of thousands of rows.
    for indicator_id, organisation_id, *figure in (
        Measurement.objects.filter(indicator_id__in=indicator_ids, organisation_id__in=org_ids)
        .order_by()
        .values_list(
            "indicator_id", "organisation_id", "period", "year", "gender", "value", "status"
        )
    ):
        measurements.setdefault((indicator_id, organisation_id), []).append(_Figure(*figure))
    targets: dict[tuple[int, int], list[Target]] = {}
    for target in Target.objects.filter(
        indicator_id__in=indicator_ids, organisation_id__in=org_ids
    ).order_by("year"):
        targets.setdefault((target.indicator_id, target.organisation_id), []).append(target)
    rows = []
    for indicator in indicators:
        cells = []
        for organisation in organisations:
            key = (indicator.pk, organisation.pk)
            figures = IndicatorFigures(
                indicator=indicator,
                organisation=organisation,
                periods=_periods(measurements.get(key, []), indicator),
                targets=targets.get(key, []),
            )
            cells.append(ScorecardCell(figures=figures, shared=organisation.pk in shown))
        rows.append(ScorecardRow(indicator=indicator, cells=cells))
    return ScorecardTable(scorecard=scorecard, organisations=organisations, rows=rows)


# The grid ---------------------------------------------------------------------------------------


@dataclass
class GridRow:
    indicator: Indicator
    values: dict[str, Decimal | None]  # by gender


def grid_rows(scorecard: Scorecard, *, year: int) -> list[GridRow]:
    """The scorecard's indicators with the owner's values of ``year``, in two queries."""
    indicators = [
        item.indicator for item in scorecard.items.select_related("indicator").order_by("order")
    ]
    values: dict[int, dict[str, Decimal | None]] = {}
    for indicator_id, gender, value in Measurement.objects.filter(
        indicator_id__in=[indicator.pk for indicator in indicators],
        organisation=scorecard.owner,
        period=str(year),
    ).values_list("indicator_id", "gender", "value"):
        values.setdefault(indicator_id, {})[gender] = value
    return [
        GridRow(indicator=indicator, values=values.get(indicator.pk, {}))
        for indicator in indicators
    ]


def grid_row(scorecard: Scorecard, indicator_pk: int, *, year: int) -> GridRow:
    """One row of the grid; 404 when the indicator is not on the scorecard."""
    item = get_object_or_404(scorecard.items.select_related("indicator"), indicator_id=indicator_pk)
    values = dict(
        Measurement.objects.filter(
            indicator=item.indicator, organisation=scorecard.owner, period=str(year)
        ).values_list("gender", "value")
    )
    return GridRow(indicator=item.indicator, values=values)


def plan_evidence(plan) -> list[Indicator]:
    """Indicators linked to the plan's goals or activities: the evidence the plan shows."""
    return list(
        Indicator.objects.filter(Q(goals__plan=plan) | Q(activities__plan=plan))
        .distinct()
        .order_by("code")
    )
