import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from equalocal.core.loadbench import load_setup


class Command(BaseCommand):
    help = (
        "Prepare the load benchmark (make bench-load): find the showcase objects (those of "
        "scale-data, else the largest), make signed-in sessions and an API token for "
        "non-staff users, and write the pages to request as JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="Where to write the pages (JSON).")
        parser.add_argument(
            "--build-missing",
            action="store_true",
            help="Build a showcase object of the benchmark's size where the data has none "
            "(for the demo data; scale-data has them all).",
        )

    def handle(self, *args, output: str, build_missing: bool = False, **options):
        with transaction.atomic():
            setup = load_setup(build_missing=build_missing)
        for line in setup.log:
            self.stderr.write(f"  {line}")
        Path(output).write_text(json.dumps(setup.as_dict(), indent=2), encoding="utf-8")
        for page in setup.pages:
            self.stderr.write(f"  {page.name:<32} {page.size:<36} {page.path}")
        self.stdout.write(f"Wrote {len(setup.pages)} pages to {output}")
