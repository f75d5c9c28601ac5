import json
import platform
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import setup_test_environment

import equalocal
from equalocal.core.bench import Bench, benchmark_functions


class Command(BaseCommand):
    help = "Run the benchmarks in a throwaway database; print a table and write bench-results.json."

    def add_arguments(self, parser):
        parser.add_argument("--only", help="Run only benchmarks whose name contains this text.")
        parser.add_argument(
            "--output", default="bench-results.json", help="Where to write the JSON."
        )

    def handle(self, *args, only=None, output="bench-results.json", **options):
        setup_test_environment()
        settings.ALLOWED_HOSTS = ["testserver"]
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        bench = Bench()
        try:
            for name, function in benchmark_functions(only):
                self.stderr.write(f"running {name} …")
                function(bench)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        self._print_table(bench)
        Path(output).write_text(json.dumps(self._document(bench), indent=2), encoding="utf-8")
        self.stdout.write(f"Wrote {output}")

    def _print_table(self, bench):
        rows = [
            (r.name, f"{r.value:g}", r.unit, ", ".join(f"{k}={v}" for k, v in r.conditions.items()))
            for r in bench.results
        ]
        headers = ("benchmark", "value", "unit", "conditions")
        widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(4)]
        line = "  ".join(f"{{:<{width}}}" for width in widths)
        self.stdout.write(line.format(*headers))
        self.stdout.write(line.format(*("-" * w for w in widths)))
        for row in rows:
            self.stdout.write(line.format(*row))

    def _document(self, bench) -> dict:
        try:
            commit = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH is intended
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
        except OSError:
            commit = ""
        return {
            "equalocal": equalocal.__version__,
            "commit": commit,
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "machine": {"cpus": _cpu_count(), "platform": platform.platform()},
            "results": bench.as_dicts(),
        }


def _cpu_count():
    import os

    return os.cpu_count()
