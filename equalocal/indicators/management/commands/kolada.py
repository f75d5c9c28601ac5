"""``equalocal kolada fetch …`` and ``equalocal kolada import FILE…``."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from equalocal.core.errors import ApplicationError
from equalocal.indicators.imports import import_source_rows, kolada_rows, kpi_metadata_import
from equalocal.indicators.kolada import KoladaClient
from equalocal.indicators.models import ImportBatch, Source
from equalocal.indicators.services import import_figures
from equalocal.organisations.models import Organisation

SHOWN_ERRORS = 20


def _codes(values: list[str]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _years(values: list[str]) -> list[int]:
    """Years from "2020", "2015-2024" or "2015,2016", in order, without repeats."""
    years: list[int] = []
    for part in _codes(values):
        first, _dash, last = part.partition("-")
        try:
            span = range(int(first), int(last or first) + 1)
        except ValueError:
            raise CommandError(f"Not a year or a range of years: {part}") from None
        years.extend(year for year in span if year not in years)
    return years


class Command(BaseCommand):
    help = (
        "Fetch figures from Kolada's API, or import saved Kolada JSON responses (data or "
        "/v3/kpi metadata). Re-importing is idempotent: unchanged rows are skipped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        fetch = actions.add_parser("fetch", help="Fetch KPI metadata and figures from Kolada.")
        fetch.add_argument(
            "--kpi", action="append", required=True, help="KPI ids, comma-separated."
        )
        fetch.add_argument(
            "--municipality",
            action="append",
            default=[],
            help="Municipality ids, comma-separated (default: every Swedish organisation "
            "with an official code).",
        )
        fetch.add_argument(
            "--years", action="append", required=True, help="Years: 2024, 2015-2024 or a list."
        )
        fetch.add_argument("--base-url", default=None, help="Another Kolada API address.")
        importing = actions.add_parser("import", help="Import saved Kolada JSON files.")
        importing.add_argument("files", nargs="+")
        for sub in (fetch, importing):
            sub.add_argument(
                "--from-date",
                type=date.fromisoformat,
                help="Only changes since this date (YYYY-MM-DD).",
            )
            sub.add_argument(
                "--dry-run", action="store_true", help="Check and count; write nothing."
            )

    def handle(self, *args, action: str, **options) -> None:
        if action == "fetch":
            self._fetch(**options)
        else:
            self._import(**options)

    def _fetch(self, *, kpi, municipality, years, base_url, from_date, dry_run, **options):
        client = KoladaClient(**({"base_url": base_url} if base_url else {}))
        kpis = _codes(kpi)
        municipalities = _codes(municipality) or list(
            Organisation.objects.filter(country="SE")
            .exclude(official_code="")
            .values_list("official_code", flat=True)
        )
        try:
            with transaction.atomic():
                created, updated, _unchanged = kpi_metadata_import(client.fetch_kpi_metadata(kpis))
                self.stdout.write(f"Indicators from Kolada: {created} added, {updated} changed.")
                rows = kolada_rows(
                    client.fetch_data(
                        kpis=kpis,
                        municipalities=municipalities,
                        years=_years(years),
                        from_date=from_date,
                    )
                )
                batch = import_source_rows(
                    rows=rows, source=Source.KOLADA, file_name="Kolada API", dry_run=dry_run
                )
                if dry_run:
                    transaction.set_rollback(True)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        self._report("Kolada API", batch)
        self.stdout.write(f"{client.requests} requests to Kolada.")

    def _import(self, *, files, from_date, dry_run, **options):
        failed = False
        for path in files:
            # In this process, as before: the command is a long-running job of its own.
            batch = import_figures(path_or_file=path, source=Source.KOLADA, dry_run=dry_run)
            self._report(path, batch)
            failed = failed or batch.status == ImportBatch.Status.FAILED
        if from_date is not None:
            self.stdout.write(
                "Saved files carry no change dates: rows equal to the stored figures were "
                "skipped and counted as already up to date."
            )
        if failed:
            raise CommandError("Some files could not be imported.")

    def _report(self, name: str, batch: ImportBatch) -> None:
        self.stdout.write(f"{name}: {batch.message}")
        for error in batch.errors[:SHOWN_ERRORS]:
            where = f"row {error['row']}" if error.get("row") else "file"
            column = f", {error['column']}" if error.get("column") else ""
            self.stderr.write(f"  {where}{column}: {error['message']}")
        if len(batch.errors) > SHOWN_ERRORS:
            self.stderr.write(f"  … and {len(batch.errors) - SHOWN_ERRORS} more errors.")
