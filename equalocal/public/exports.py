"""The directory as CSV and JSON: exactly the rows the filters show."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

from equalocal.core.spreadsheets import safe_cell

from .selectors import Signatory


def neutralise(value) -> str:
    """The cell as text a spreadsheet shows and never evaluates (the shared cell-safety rule)."""
    return safe_cell("" if value is None else str(value))


COLUMNS = [
    "name",
    "kind",
    "country",
    "status",
    "charter",
    "decided_on",
    "signed_on",
    "plan_deadline",
    "plan_adopted_on",
    "website",
    "profile",
]


def signatory_record(row: Signatory, *, base_url: str = "") -> dict:
    org = row.organisation
    commitment = row.commitment
    return {
        "name": org.name,
        "kind": org.kind,
        "country": str(org.country),
        "status": str(row.status),
        "charter": commitment.charter.code,
        "decided_on": commitment.decided_on.isoformat() if commitment.decided_on else None,
        "signed_on": commitment.signed_on.isoformat() if commitment.signed_on else None,
        "plan_deadline": row.deadline.deadline.isoformat() if row.deadline.deadline else None,
        "plan_adopted_on": row.plan.adopted_on.isoformat() if row.plan else None,
        "website": org.website or None,
        "profile": base_url + reverse("public:profile", kwargs={"org": org.slug}),
    }


def signatories_csv(rows: list[Signatory], *, base_url: str = "") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        record = signatory_record(row, base_url=base_url)
        writer.writerow([neutralise(record[column]) for column in COLUMNS])
    return buffer.getvalue()
