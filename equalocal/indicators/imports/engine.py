"""The validation and upsert engine shared by every format: preview, then import.

See the package docstring for the shape of source rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from equalocal.organisations.models import NetworkSharing, Organisation, SharingStatus

from ..models import (
    GENDER_CODES,
    FigureProposal,
    ImportBatch,
    Indicator,
    Measurement,
    MeasurementStatus,
    Source,
)
from ..parsing import parse_period, parse_value

CHUNK_SIZE = 10_000
# Progress is reported every this many rows checked (and after each chunk written).
PROGRESS_EVERY = 5_000

# ``progress(stage, done)``: ``stage`` is "check" (rows read and checked so far) or "write"
# (valid rows written so far). ``save(batch)`` records the finished batch.
Progress = Callable[[str, int], None]
SaveBatch = Callable[[ImportBatch], None]
# Errors beyond this many are counted but not listed: a wrong file could have a million.
MAX_ERRORS = 1000

STATUS_CODES = {
    "": MeasurementStatus.OK,
    "ok": MeasurementStatus.OK,
    "missing": MeasurementStatus.MISSING,
    "saknas": MeasurementStatus.MISSING,
    "..": MeasurementStatus.MISSING,
    "confidential": MeasurementStatus.CONFIDENTIAL,
    "sekretess": MeasurementStatus.CONFIDENTIAL,
    "sekretessbelagd": MeasurementStatus.CONFIDENTIAL,
    "x": MeasurementStatus.CONFIDENTIAL,
}


_MISS = object()


class _Invalid(str):
    """A cached lookup result that is an error message rather than a value."""


class RowError:
    """Stands in a source row's indicator place when a reader found the row unusable."""

    __slots__ = ("problems",)

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems


@dataclass
class Preview:
    """What an import would do: the valid rows, resolved to ids, and the errors by row.

    ``rows`` hold ``(indicator_id, organisation_id, period, year, gender, value, count,
    status, note)``. ``errors`` lists at most :data:`MAX_ERRORS` dicts ``{row, column,
    message}``; ``error_count`` counts them all.
    """

    source: str
    rows: list[tuple] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    rows_read: int = 0
    rows_rejected: int = 0
    duplicates: int = 0
    has_notes: bool = False

    @property
    def is_valid(self) -> bool:
        return self.error_count == 0

    def add_error(self, row, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})


# Validation -----------------------------------------------------------------------------------


def _indicator_map(organisation) -> tuple[dict, set]:
    """Code → id of site-wide indicators and, when given, the organisation's own (which win)."""
    rows = Indicator.objects.filter(owner__isnull=True)
    if organisation is not None:
        rows = rows | Indicator.objects.filter(owner=organisation)
    codes, not_by_gender = {}, set()
    for pk, code, owner_id, by_gender in rows.order_by("owner_id").values_list(
        "pk", "code", "owner_id", "by_gender"
    ):
        if owner_id is None and code in codes:
            continue
        codes[code] = pk
        if not by_gender:
            not_by_gender.add(pk)
    return codes, not_by_gender


def _organisation_map(organisation) -> dict:
    """Official code → id; a given organisation limits it to itself and the members of its
    network that accepted membership (their rows become proposals to them)."""
    rows = Organisation.objects.exclude(official_code="")
    if organisation is not None:
        members = NetworkSharing.objects.filter(
            network=organisation, status=SharingStatus.ACCEPTED
        ).values("member_id")
        rows = rows.filter(pk__in=members) | rows.filter(pk=organisation.pk)
    codes = {}
    # Kolada's codes are Swedish: when two countries share a code, Sweden's wins.
    for pk, code, country in rows.values_list("pk", "official_code", "country"):
        if code not in codes or country == "SE":
            codes[code] = pk
    return codes


def _lookup(cache: dict, raw, resolve):
    found = cache.get(raw, _MISS)
    if found is _MISS:
        found = cache[raw] = resolve(raw)
    return found


def preview_rows(rows: Iterable[tuple], *, source: str, organisation=None) -> Preview:
    """Check source rows and resolve their codes; nothing is written.

    Each problem becomes an error with the row, the column and a translated
    message: an unknown indicator, organisation or gender code, a period that is
    not a year or a date, a value that is not a number, an unknown status, a
    figure by gender for an indicator that is not split by gender, and the same
    cell given twice with different values (both rows are rejected; an exact
    repeat is dropped and counted in ``duplicates``).

    When ``organisation`` is given, only its own figures (or, for a network, its
    members') are accepted, its own indicators are found besides the site-wide
    ones, and rows without an organisation code are taken as its figures.

    Reading the rows may raise :class:`ApplicationError` for a file that cannot be
    read at all (truncated JSON, merged cells); then nothing can be imported.
    """
    preview = Preview(source=source)
    indicator_codes, not_by_gender = _indicator_map(organisation)
    organisation_codes = _organisation_map(organisation)
    default_organisation = organisation.pk if organisation is not None else None
    kolada = source == Source.KOLADA

    def resolve_indicator(raw):
        code = str(raw).strip() if raw is not None else ""
        if code in indicator_codes:
            return indicator_codes[code]
        if not code:
            return _Invalid(_("The indicator code is missing."))
        return _Invalid(_("Unknown indicator code “%(code)s”.") % {"code": code})

    def resolve_organisation(raw):
        code = str(raw).strip() if raw is not None else ""
        if code.endswith(".0") and code[:-2].isdigit():
            code = code[:-2]
        if code in organisation_codes:
            return organisation_codes[code]
        if code.isdigit() and code.zfill(4) in organisation_codes:
            return organisation_codes[code.zfill(4)]
        if not code:
            if default_organisation is not None:
                return default_organisation
            return _Invalid(_("The organisation code is missing."))
        if organisation is not None:
            return _Invalid(
                _(
                    "No organisation with the code “%(code)s” among %(organisation)s and its members."
                )
                % {"code": code, "organisation": organisation}
            )
        return _Invalid(_("Unknown organisation code “%(code)s”.") % {"code": code})

    def resolve_period(raw):
        if isinstance(raw, datetime):
            raw = raw.date()
        if isinstance(raw, date):
            return raw.isoformat(), raw.year
        try:
            return parse_period(raw)
        except ValueError:
            return _Invalid(
                _("The period “%(period)s” is neither a year (2024) nor a date (2024-03-31).")
                % {"period": "" if raw is None else raw}
            )

    def resolve_gender(raw):
        gender = GENDER_CODES.get(str(raw).strip().lower()) if raw is not None else None
        if gender is None:
            return _Invalid(
                _("Unknown gender code “%(code)s”: use total, women or men (T, K, M).")
                % {"code": "" if raw is None else raw}
            )
        return str(gender)

    def resolve_status(raw):
        status = STATUS_CODES.get(str(raw).strip().lower()) if raw is not None else ""
        if status is None:
            return _Invalid(
                _("Unknown status “%(status)s”: leave it empty, or use missing or confidential.")
                % {"status": raw}
            )
        return str(status)

    caches: tuple[dict, ...] = ({}, {}, {}, {}, {})
    indicators, organisations, periods, genders, statuses = caches
    valid = preview.rows
    seen: dict[tuple, int] = {}
    first_row: list = []
    rejected: set[int] = set()
    add_error = preview.add_error
    read = 0
    for (
        ref,
        ind_raw,
        org_raw,
        period_raw,
        gender_raw,
        value_raw,
        count,
        status_raw,
        note,
        col,
    ) in rows:
        read += 1
        if type(ind_raw) is RowError:
            for column, message in ind_raw.problems:
                add_error(ref, column, message)
            preview.rows_rejected += 1
            continue
        problems = 0
        indicator_id = _lookup(indicators, ind_raw, resolve_indicator)
        if type(indicator_id) is _Invalid:
            add_error(ref, "indicator", indicator_id)
            problems += 1
        organisation_id = _lookup(organisations, org_raw, resolve_organisation)
        if type(organisation_id) is _Invalid:
            add_error(ref, "organisation_code", organisation_id)
            problems += 1
        period = _lookup(periods, period_raw, resolve_period)
        if type(period) is _Invalid:
            add_error(ref, "period", period)
            problems += 1
        gender = _lookup(genders, gender_raw, resolve_gender)
        if type(gender) is _Invalid:
            add_error(ref, "gender", gender)
            problems += 1
        elif gender != "total" and indicator_id in not_by_gender:
            add_error(
                ref, "gender", _("This indicator is not split by gender: give the total only.")
            )
            problems += 1
        status = _lookup(statuses, status_raw, resolve_status)
        if type(status) is _Invalid:
            add_error(ref, "status", status)
            problems += 1
        try:
            value = parse_value(value_raw)
        except ValueError:
            value = None
            word = STATUS_CODES.get(str(value_raw).strip().lower())
            if word and not status:
                status = str(word)
            else:
                add_error(ref, col, _("“%(value)s” is not a number.") % {"value": value_raw})
                problems += 1
        if value is None and not status and not problems:
            if kolada:
                # Kolada sends null for figures it has no value for.
                status = MeasurementStatus.MISSING.value
            else:
                add_error(ref, col, _("Give a value, or a status (missing or confidential)."))
                problems += 1
        if count is not None and count != "":
            try:
                count = int(count)
                if count < 0:
                    raise ValueError
            except (TypeError, ValueError):
                add_error(
                    ref,
                    "count",
                    _("The count “%(count)s” is not a whole number.") % {"count": count},
                )
                problems += 1
        else:
            count = None
        if problems:
            preview.rows_rejected += 1
            continue
        note = str(note).strip()[:300] if note else ""
        key = (indicator_id, organisation_id, period[0], gender)
        row = (
            indicator_id,
            organisation_id,
            period[0],
            period[1],
            gender,
            value,
            count,
            status,
            note,
        )
        earlier = seen.get(key)
        if earlier is not None:
            if valid[earlier][5:] == row[5:]:
                preview.duplicates += 1
                continue
            if earlier not in rejected:
                rejected.add(earlier)
                preview.rows_rejected += 1
                add_error(
                    first_row[earlier],
                    col,
                    _(
                        "Row %(other)s gives another value for the same indicator, organisation, period and gender."
                    )
                    % {"other": ref},
                )
            add_error(
                ref,
                col,
                _(
                    "Row %(other)s gives another value for the same indicator, organisation, period and gender."
                )
                % {"other": first_row[earlier]},
            )
            preview.rows_rejected += 1
            continue
        seen[key] = len(valid)
        valid.append(row)
        first_row.append(ref)
        if note:
            preview.has_notes = True
    preview.rows_read = read
    if rejected:
        preview.rows = [row for index, row in enumerate(valid) if index not in rejected]
    return preview


# Writing --------------------------------------------------------------------------------------


INSERT_COLUMNS = [
    "indicator_id",
    "organisation_id",
    "period",
    "year",
    "gender",
    "value",
    "count",
    "status",
    "note",
    "source",
    "batch_id",
    "updated_at",
]
UNIQUE_COLUMNS = ["indicator_id", "organisation_id", "period", "gender"]


def _upsert(rows: list[tuple], *, tail: tuple, update_note: bool) -> None:
    """Insert ``rows`` or update the figures they replace (an upsert on the cell's key).

    This does what ``bulk_create(update_conflicts=True)`` does, without its SQL
    compiler, which costs about 10 µs a row: twice the budget for a million rows in a
    minute. ``INSERT … ON CONFLICT … DO UPDATE`` works on SQLite and PostgreSQL.
    """
    quote = connection.ops.quote_name
    updated = [
        c for c in INSERT_COLUMNS if c not in UNIQUE_COLUMNS and (update_note or c != "note")
    ]
    placeholders = f"({', '.join(['%s'] * len(INSERT_COLUMNS))})"
    tail = (*tail[:2], connection.ops.adapt_datetimefield_value(tail[2]))

    def statement(rows_sql: str) -> str:
        return (
            f"INSERT INTO {quote(Measurement._meta.db_table)} "
            f"({', '.join(map(quote, INSERT_COLUMNS))}) {rows_sql} "
            f"ON CONFLICT ({', '.join(map(quote, UNIQUE_COLUMNS))}) DO UPDATE SET "
            + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in updated)
        )

    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            # SQLite runs a prepared statement per row in C: the fastest way there.
            cursor.executemany(statement(f"VALUES {placeholders}"), [row + tail for row in rows])
            return
        # PostgreSQL: COPY into a scratch table, then one INSERT … SELECT; sending the
        # rows as parameters costs more in the driver than the database spends.
        staging = quote("indicators_measurement_import")
        columns = ", ".join(map(quote, INSERT_COLUMNS))
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ON COMMIT DROP AS "  # noqa: S608 - our names
            f"SELECT {columns} FROM {quote(Measurement._meta.db_table)} WITH NO DATA"
        )
        cursor.execute(f"TRUNCATE {staging}")
        with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row + tail)
        cursor.execute(statement(f"SELECT {columns} FROM {staging}"))  # noqa: S608 - our names


def _stored(chunk: list[tuple]) -> dict:
    """The stored figures that ``chunk`` may replace, by (indicator, organisation, period, gender)."""
    indicator_ids = {row[0] for row in chunk}
    organisation_ids = {row[1] for row in chunk}
    periods = {row[2] for row in chunk}
    stored = Measurement.objects.filter(
        indicator_id__in=indicator_ids, organisation_id__in=organisation_ids, period__in=periods
    ).values_list(
        "indicator_id", "organisation_id", "period", "gender", "value", "count", "status", "note"
    )
    return {row[:4]: row[4:] for row in stored}


def _split_for_members(rows: list[tuple], own_id: int | None) -> tuple[list, dict[int, list]]:
    """The importing organisation's own rows, and the others' by organisation.

    Without an importing organisation (staff, the Kolada command) every row is its own.
    """
    if own_id is None:
        return rows, {}
    own, others = [], {}
    for row in rows:
        if row[1] == own_id:
            own.append(row)
        else:
            others.setdefault(row[1], []).append(row)
    return own, others


def _propose(proposed: dict[int, list], *, batch: ImportBatch, has_notes: bool) -> None:
    """Turn a network's rows for its members into one proposal per member."""
    FigureProposal.objects.bulk_create(
        FigureProposal(
            network_id=batch.organisation_id,
            organisation_id=member_id,
            batch=batch,
            source=batch.source,
            proposed_by=batch.by,
            has_notes=has_notes,
            rows=[
                [row[0], row[2], row[3], row[4], None if row[5] is None else str(row[5]), *row[6:]]
                for row in member_rows
            ],
        )
        for member_id, member_rows in proposed.items()
    )


def counted(rows: Iterable[tuple], progress: Progress | None) -> Iterable[tuple]:
    """``rows`` as they are, telling ``progress`` every :data:`PROGRESS_EVERY` rows."""
    if progress is None:
        yield from rows
        return
    for done, row in enumerate(rows, 1):
        yield row
        if done % PROGRESS_EVERY == 0:
            progress("check", done)


def save_batch(batch: ImportBatch) -> None:
    batch.save()


def import_rows(
    preview: Preview,
    *,
    batch: ImportBatch,
    dry_run: bool = False,
    progress: Progress | None = None,
    save: SaveBatch = save_batch,
) -> ImportBatch:
    """Write the preview's valid rows in one transaction; return ``batch`` with the counts.

    Only the importing organisation's own rows are written; a network's rows for its
    members become proposals that each member accepts or rejects (``FigureProposal``).
    Rows equal to the stored figure are skipped and counted as unchanged, so importing
    the same file twice changes nothing. The rest are upserted in chunks of
    :data:`CHUNK_SIZE` with ``bulk_create(update_conflicts=True)``. Notes are only
    overwritten when the file had notes. If anything fails, nothing is written.
    With ``dry_run`` the counts are computed but nothing is written.

    ``progress`` hears of each chunk written; ``save`` records the finished batch inside
    the transaction (an exception from it rolls the whole import back). A batch that is
    already saved (a confirmed preview) is not touched before then.
    """
    has_notes = preview.has_notes
    source = batch.source
    now = timezone.now()
    created = updated = unchanged = 0
    rows, proposed = _split_for_members(preview.rows, batch.organisation_id)
    with transaction.atomic():
        if not dry_run and batch.pk is None:
            batch.save()
        batch_id = batch.pk
        for start in range(0, len(rows), CHUNK_SIZE):
            chunk = rows[start : start + CHUNK_SIZE]
            stored = _stored(chunk)
            changed = []
            for row in chunk:
                old = stored.get((row[0], row[1], row[2], row[4]))
                if old is None:
                    created += 1
                elif old[:3] == row[5:8] and (not has_notes or old[3] == row[8]):
                    unchanged += 1
                    continue
                else:
                    updated += 1
                changed.append(row)
            if not dry_run and changed:
                _upsert(changed, tail=(source, batch_id, now), update_note=has_notes)
            if progress is not None:
                progress("write", start + len(chunk))
        batch.rows_read = preview.rows_read
        batch.rows_rejected = preview.rows_rejected
        batch.rows_created, batch.rows_updated, batch.rows_unchanged = created, updated, unchanged
        batch.rows_proposed = sum(len(member_rows) for member_rows in proposed.values())
        if proposed and not dry_run:
            _propose(proposed, batch=batch, has_notes=has_notes)
        batch.errors = preview.errors
        batch.status = ImportBatch.Status.PREVIEW if dry_run else ImportBatch.Status.DONE
        batch.message = _summary(batch, preview, dry_run=dry_run)
        if not dry_run:
            save(batch)
    return batch


def _summary(batch: ImportBatch, preview: Preview, *, dry_run: bool) -> str:
    counts = {
        "read": batch.rows_read,
        "created": batch.rows_created,
        "updated": batch.rows_updated,
        "unchanged": batch.rows_unchanged,
        "rejected": batch.rows_rejected,
    }
    if dry_run:
        text = _(
            "%(read)s rows read: %(created)s would be added, %(updated)s changed, "
            "%(unchanged)s are already up to date; %(rejected)s rows have errors."
        )
    else:
        text = _(
            "%(read)s rows read: %(created)s added, %(updated)s changed, "
            "%(unchanged)s already up to date; %(rejected)s rows with errors were left out."
        )
    message = text % counts
    if batch.rows_proposed:
        proposal = (
            _(
                "%(proposed)s rows are for members of the network: each member will be asked "
                "to accept its own; none of them is written now."
            )
            if dry_run
            else _(
                "%(proposed)s rows for members of the network were sent to them as proposals; "
                "each member accepts or rejects its own."
            )
        )
        message += " " + proposal % {"proposed": batch.rows_proposed}
    if preview.error_count > len(preview.errors):
        message += " " + _("Only the first %(shown)s of %(total)s errors are listed.") % {
            "shown": len(preview.errors),
            "total": preview.error_count,
        }
    return message
