"""Benchmarks of the figures: a million Kolada rows imported beside a raw bulk insert of the
same rows (``executemany`` on SQLite, ``COPY`` on PostgreSQL), and a network scorecard."""

import json
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from equalocal.core.bench import size
from equalocal.organisations.models import Organisation, OrganisationKind

from .imports import import_file
from .imports.engine import INSERT_COLUMNS
from .models import GENDER_CODES, ImportBatch, Indicator, Measurement, Source

ORGANISATIONS = 300
YEARS = range(1995, 2025)
GENDERS = ("T", "K", "M")
#: About a million rows; ``BENCH_KOLADA_ROWS`` asks for fewer (or more) for a quick try.
ROWS = 999_000


def _data(kpis: int) -> tuple[list[str], list[str]]:
    Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-kolada-{n}",
            name=f"Benchkommun {n}",
            kind=OrganisationKind.MUNICIPALITY,
            country="SE",
            official_code=f"{7000 + n}",
        )
        for n in range(ORGANISATIONS)
    )
    Indicator.objects.bulk_create(
        Indicator(code=f"B{n:05d}", title_en=f"Bench KPI {n}", source=Source.KOLADA)
        for n in range(kpis)
    )
    return [f"{7000 + n}" for n in range(ORGANISATIONS)], [f"B{n:05d}" for n in range(kpis)]


def write_kolada_file(path: Path, *, codes: list[str], kpis: list[str], seed: int = 1) -> int:
    """Write one Kolada v3 response with every KPI × organisation × year × gender; return rows."""
    rng = random.Random(seed)  # noqa: S311 - made-up figures, not secrets
    rows = 0
    with open(path, "w", encoding="utf-8") as file:
        file.write('{"values": [\n')
        first = True
        for kpi in kpis:
            for code in codes:
                for year in YEARS:
                    values = [
                        {
                            "gender": gender,
                            "value": round(rng.uniform(0, 100), 1),
                            "count": 1,
                            "status": None,
                        }
                        for gender in GENDERS
                    ]
                    item = {"kpi": kpi, "municipality": code, "period": year, "values": values}
                    file.write(("" if first else ",\n") + json.dumps(item))
                    first = False
                    rows += len(values)
        file.write(f'\n], "count": {rows}, "next_url": null}}\n')
    return rows


def _raw_rows(path: Path, batch_id: int) -> list[tuple]:
    """The file's rows as the table stores them, resolved by plain dictionaries (untimed)."""
    indicators = dict(Indicator.objects.values_list("code", "pk"))
    organisations = dict(Organisation.objects.values_list("official_code", "pk"))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return [
        (
            indicators[item["kpi"]],
            organisations[item["municipality"]],
            str(item["period"]),
            item["period"],
            str(GENDER_CODES[value["gender"].lower()]),
            value["value"],
            value["count"],
            "",
            "",
            Source.KOLADA.value,
            batch_id,
            now,
        )
        for item in data["values"]
        for value in item["values"]
    ]


def raw_insert(rows: list[tuple]) -> float:
    """Seconds to write ``rows`` into the figures table in one transaction, the fastest way the
    database offers: ``executemany`` of one prepared INSERT on SQLite, ``COPY`` on PostgreSQL."""
    table = connection.ops.quote_name(Measurement._meta.db_table)
    columns = ", ".join(map(connection.ops.quote_name, INSERT_COLUMNS))
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608 - our names
    return time.perf_counter() - start


def bench_kolada_import(bench):
    """The import of a Kolada file of about a million rows, beside its floor in the same run."""
    wanted = size("BENCH_KOLADA_ROWS", ROWS)
    per_kpi = ORGANISATIONS * len(YEARS) * len(GENDERS)
    codes, kpis = _data(max(1, round(wanted / per_kpi)))
    with tempfile.TemporaryDirectory(prefix="equalocal-bench-") as folder:
        path = Path(folder) / "kolada.json"
        rows = write_kolada_file(path, codes=codes, kpis=kpis)
        conditions = {"rows": rows, "file_mb": round(path.stat().st_size / 1e6, 1)}
        floor_batch = ImportBatch.objects.create(source=Source.KOLADA, status="done")
        raw = _raw_rows(path, floor_batch.pk)
        floor = raw_insert(raw)
        del raw
        assert Measurement.objects.count() == rows
        Measurement.objects.all().delete()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {Measurement._meta.db_table}")
        bench.record(
            "Kolada import floor: raw bulk insert of the same rows", floor, "s", **conditions
        )
        for label in ("import, all new", "re-import, unchanged"):
            start = time.perf_counter()
            batch = import_file(path_or_file=path, source=Source.KOLADA)
            seconds = time.perf_counter() - start
            assert batch.status == ImportBatch.Status.DONE, batch.message
            assert batch.rows_rejected == 0, batch.errors[:3]
            bench.record(f"Kolada JSON {label}", seconds, "s", **conditions)
            bench.record(
                f"Kolada JSON {label}: times the floor",
                seconds / floor,
                "×",
                target="< 10" if label == "import, all new" else "",
            )
            bench.record(f"Kolada JSON {label}: rows per second", rows / seconds, "rows/s")
        assert Measurement.objects.count() == rows


SCORECARD_INDICATORS = 20
SCORECARD_MEMBERS = 50


def _scorecard_data():
    """A network of 50 members, a scorecard of 20 indicators over 10 years by gender, and a
    viewer of the network."""
    from django.contrib.auth import get_user_model

    from equalocal.networks.models import NetworkMembership
    from equalocal.organisations.models import Membership, Role

    from .models import Scorecard, ScorecardItem

    network = Organisation.objects.create(
        slug="bench-scorecard-network",
        name="Benchnätverket",
        kind=OrganisationKind.NETWORK,
        country="SE",
    )
    members = Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-sc-{n}",
            name=f"Medlem {n:02d}",
            kind=OrganisationKind.MUNICIPALITY,
            country="SE",
            official_code=f"{8000 + n}",
        )
        for n in range(SCORECARD_MEMBERS)
    )
    NetworkMembership.objects.bulk_create(
        NetworkMembership(network=network, member=m) for m in members
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(code=f"SC{n:02d}", title_en=f"Indicator {n}", owner=network)
        for n in range(SCORECARD_INDICATORS)
    )
    rng = random.Random(7)  # noqa: S311 - made-up figures, not secrets
    Measurement.objects.bulk_create(
        Measurement(
            indicator=indicator,
            organisation=member,
            period=str(year),
            year=year,
            gender=gender,
            value=rng.randint(10, 90),
        )
        for indicator in indicators
        for member in members
        for year in range(2015, 2025)
        for gender in ("total", "women", "men")
    )
    scorecard = Scorecard.objects.create(owner=network, title="Benchstyrkort", compare_members=True)
    ScorecardItem.objects.bulk_create(
        ScorecardItem(scorecard=scorecard, indicator=indicator, order=n)
        for n, indicator in enumerate(indicators)
    )
    user = get_user_model().objects.create_user(
        email="scorecard-bench@example.org", password="bench-password"
    )
    Membership.objects.create(user=user, organisation=network, role=Role.VIEWER)
    return user, scorecard


def bench_network_scorecard(bench):
    """A network scorecard of 20 indicators × 50 members over 10 years, by gender."""
    from django.test import Client

    user, scorecard = _scorecard_data()
    client = Client()
    client.force_login(user)
    size = {"indicators": SCORECARD_INDICATORS, "members": SCORECARD_MEMBERS, "years": 10}
    median, queries = bench.time_page(client, scorecard.get_absolute_url())
    bench.record("network scorecard page: server time", median, "ms", **size)
    bench.record("network scorecard page: queries", queries, "queries", **size)


# The network of ``equalocal scale-data``'s showcase scorecard (20 indicators × 50 members).
SHOWCASE_NETWORK = "scale-network-50"


def load_pages(setup):
    """The showcase scorecard of ``scale-data``, else the members-compared scorecard with the most indicators × members, as a viewer of its
    network."""
    from django.db.models import Count, Q

    from equalocal.organisations.benchmarks import load_reader
    from equalocal.organisations.models import Role

    from .models import Scorecard

    current = Q(owner__network_members__left_on__isnull=True, owner__network_members__body=None)
    scorecards = (
        Scorecard.objects.filter(compare_members=True, owner__kind=OrganisationKind.NETWORK)
        .annotate(
            indicators=Count("items", distinct=True),
            members=Count("owner__network_members", filter=current, distinct=True),
        )
        .select_related("owner")
    )
    showcase = [s for s in scorecards if s.owner.slug == SHOWCASE_NETWORK]
    scorecard = max(
        showcase or scorecards, key=lambda s: (s.indicators * s.members, -s.pk), default=None
    )
    wanted = SCORECARD_INDICATORS * SCORECARD_MEMBERS
    if (scorecard is None or scorecard.indicators * scorecard.members < wanted) and (
        setup.build_missing
    ):
        _user, scorecard = _scorecard_data()
        scorecard.indicators, scorecard.members = SCORECARD_INDICATORS, SCORECARD_MEMBERS
        setup.note(f"built a scorecard of {SCORECARD_INDICATORS} × {SCORECARD_MEMBERS}")
    if scorecard is None:
        return
    user = load_reader(setup, scorecard.owner, role=Role.VIEWER)
    setup.add(
        "network scorecard",
        scorecard.get_absolute_url(),
        user=user,
        size=f"{scorecard.indicators} indicators × {scorecard.members} members",
    )
