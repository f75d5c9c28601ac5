"""The order of the parts, and the entry point used by the command and the tests."""

from __future__ import annotations

from django.db import connection, transaction

from equalocal.core.errors import ApplicationError
from equalocal.organisations.models import Organisation

from . import charters, documents, indicators, library, networks, organisations, plans, reports
from .run import Progress, Run, Showcase, Spec

# Each part builds on the ones before it.
PARTS = [
    ("organisations", organisations.build),
    ("networks", networks.build),
    ("commitments", charters.build),
    ("plans", plans.build),
    ("indicators", indicators.build),
    ("documents", documents.build),
    ("library", library.build),
    ("reports", reports.build),
]


def scale_data_generate(*, spec: Spec, progress: Progress | None = None) -> Showcase:
    """Fill the database with a national-scale data set; return the showcase objects.

    Refuses a database that already holds scale data (its slugs are fixed). Each part is
    written in its own transactions; a run that stops half-way leaves a partial data set,
    to be removed with the database.
    """
    if spec.organisations < 4:
        raise ApplicationError("Give at least 4 organisations.")
    if Organisation.objects.filter(slug=Showcase.network).exists():
        raise ApplicationError(
            "This database already holds scale data: use an empty database (migrated, with or "
            "without the demo)."
        )
    run = Run(spec=spec, progress=progress or (lambda label, done, total: None))
    for _name, build in PARTS:
        with transaction.atomic():
            build(run)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum would gather them a while after the load.
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return run.showcase
