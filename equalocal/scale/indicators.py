"""Indicators, figures (through the import engine, as Kolada imports leave them), targets and
scorecards, the showcase network's 20 × 50 comparison among them."""

from __future__ import annotations

from decimal import Decimal

from equalocal.indicators.imports import Preview, import_rows
from equalocal.indicators.models import (
    Direction,
    ImportBatch,
    Indicator,
    Scorecard,
    ScorecardItem,
    Source,
    Target,
    TargetKind,
)

from .run import Run, insert, insert_links

SCORECARD_INDICATORS = 20
SCORECARD_YEARS = 10
YEARS = 15
GENDERS = ("total", "women", "men")
ROWS_PER_BATCH = 250_000
SITE_INDICATORS = 60


def _site_indicators(run: Run, count: int) -> list[Indicator]:
    taken = set(Indicator.objects.filter(owner__isnull=True).values_list("code", flat=True))
    indicators, number = [], 0
    while len(indicators) < count:
        number += 1
        code = f"N8{number:04d}"
        if code in taken:
            continue
        indicators.append(
            Indicator(
                code=code,
                title_en=f"Share of women and men, measure {number}",
                title_sv=f"Andel kvinnor och män, mått {number}",
                unit="%",
                source=Source.KOLADA,
                direction=Direction.PARITY,
            )
        )
    return insert(run, Indicator, indicators, label="indicators")


def _cells(rng, indicator_id: int, organisation_id: int, years: range):
    """The figures of one indicator and organisation over ``years``: total, women, men."""
    base = rng.uniform(20, 80)
    for year in years:
        base = min(99.0, max(1.0, base + rng.uniform(-3, 3)))
        gap = rng.uniform(-15, 15)
        women, men = base + gap / 2, base - gap / 2
        missing = rng.random() < 0.02
        for gender, value in zip(GENDERS, (base, women, men), strict=True):
            yield (
                indicator_id,
                organisation_id,
                str(year),
                year,
                gender,
                None if missing else Decimal(f"{value:.1f}"),
                None,
                "missing" if missing else "",
                "",
            )


class _Importer:
    """Feeds rows to the import engine in batches, as yearly Kolada imports would."""

    def __init__(self, run: Run, total: int):
        self.run, self.total = run, total
        self.rows: list[tuple] = []
        self.done = 0

    def add(self, row) -> bool:
        """Take a row; False once the total is reached."""
        if self.done + len(self.rows) >= self.total:
            return False
        self.rows.append(row)
        if len(self.rows) >= ROWS_PER_BATCH:
            self.flush()
        return True

    def flush(self) -> None:
        if not self.rows:
            return
        number = self.done // ROWS_PER_BATCH + 1
        preview = Preview(source=Source.KOLADA, rows=self.rows, rows_read=len(self.rows))
        batch = ImportBatch(source=Source.KOLADA, file_name=f"kolada-scale-{number}.json")
        import_rows(preview, batch=batch)
        self.done += len(self.rows)
        self.rows = []
        self.run.progress("figures", self.done, self.total)


def build(run: Run) -> None:
    rng = run.rng("indicators")
    total = run.spec.measurements
    local = run.local
    network = run.networks[1]
    members = run.members[network.pk]
    owned = insert(
        run,
        Indicator,
        [
            Indicator(
                code=f"NW{n:02d}",
                title_en=f"Network measure {n}",
                title_sv=f"Nätverksmått {n}",
                unit="%",
                owner=network,
            )
            for n in range(1, SCORECARD_INDICATORS + 1)
        ],
    )
    capacity = max(1, len(local) * YEARS * len(GENDERS))
    remaining = max(0, total - len(owned) * len(members) * SCORECARD_YEARS * len(GENDERS))
    site = _site_indicators(run, max(SITE_INDICATORS, -(-remaining // capacity)))
    articles = [a.pk for found in run.articles.values() for a in found]
    insert_links(
        Indicator.articles.through,
        (
            {"indicator_id": indicator.pk, "article_id": article}
            for indicator in site
            for article in rng.sample(articles, min(2, len(articles)))
        ),
    )
    scorecard = Scorecard.objects.create(
        owner=network,
        title="Network scorecard",
        description="The members side by side.",
        compare_members=True,
    )
    ScorecardItem.objects.bulk_create(
        ScorecardItem(scorecard=scorecard, indicator=indicator, order=n)
        for n, indicator in enumerate(owned, start=1)
    )
    run.showcase.scorecard_id = scorecard.pk
    run.showcase.scorecard_indicators = len(owned)

    importer = _Importer(run, total)
    last = run.today.year - 1
    full = True
    for indicator in owned:
        for member in members:
            years = range(last - SCORECARD_YEARS + 1, last + 1)
            for row in _cells(rng, indicator.pk, member.pk, years):
                full = importer.add(row)
    # The rest: each organisation gets a run of site-wide indicators, every year and gender.
    per_organisation = -(-remaining // capacity) if local else 0
    years = range(last - YEARS + 1, last + 1)
    for offset in range(per_organisation):
        for index, organisation in enumerate(local):
            indicator = site[(index + offset) % len(site)]
            for row in _cells(rng, indicator.pk, organisation.pk, years):
                full = importer.add(row)
            if not full:
                break
        if not full:
            break
    importer.flush()
    _own_scorecard(run, site)


def _own_scorecard(run: Run, site: list[Indicator]) -> None:
    """The first municipality follows ten indicators with targets on a scorecard of its own."""
    organisation = run.local[0]
    chosen = site[: min(10, len(site))]
    scorecard = Scorecard.objects.create(owner=organisation, title="Our equality scorecard")
    ScorecardItem.objects.bulk_create(
        ScorecardItem(scorecard=scorecard, indicator=indicator, order=n)
        for n, indicator in enumerate(chosen, start=1)
    )
    insert(
        run,
        Target,
        [
            Target(
                indicator=indicator,
                organisation=organisation,
                year=run.today.year + 1,
                kind=TargetKind.PARITY,
                parity_points=Decimal("5"),
            )
            for indicator in chosen
        ],
    )
