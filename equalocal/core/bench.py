"""A small benchmark harness: ``equalocal bench`` (``make bench``).

Each app may have a ``benchmarks.py`` with functions named ``bench_*``; each
takes a :class:`Bench` and records figures with :meth:`Bench.record`. They run
in a throwaway database, so the development data is never touched.
"""

from __future__ import annotations

import math
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    name: str
    value: float
    unit: str
    conditions: dict = field(default_factory=dict)


@dataclass
class Bench:
    results: list[Result] = field(default_factory=list)

    @property
    def database(self) -> str:
        return connection.vendor

    def record(self, name: str, value: float, unit: str, **conditions) -> None:
        self.results.append(
            Result(
                name=name,
                value=round(value, 3),
                unit=unit,
                conditions={"database": self.database, **conditions},
            )
        )

    def time_page(self, client: Client, url: str, *, repeat: int = 15) -> tuple[float, int]:
        """Median server time of GET ``url`` in milliseconds, and its query count."""
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        # request_started empties the query log, so start from an empty one.
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return statistics.median(timings), len(queries)

    def time_call(self, function: Callable[[], object], *, repeat: int = 5) -> float:
        """Median wall time of ``function()`` in milliseconds."""
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
        return statistics.median(timings)

    def time_calls(self, calls: list[Callable[[], object]], *, rounds: int = 3) -> dict[str, float]:
        """p50, p95 and max wall time of ``calls`` in milliseconds, each run ``rounds`` times
        (after one warm-up round), taken in turn so that a slow moment of the machine falls on
        many calls rather than on one."""
        for call in calls:
            call()
        timings = []
        for _round in range(rounds):
            for call in calls:
                start = time.perf_counter()
                call()
                timings.append((time.perf_counter() - start) * 1000)
        return {
            "p50": percentile(timings, 50),
            "p95": percentile(timings, 95),
            "max": max(timings),
        }

    def as_dicts(self) -> list[dict]:
        return [asdict(result) for result in self.results]


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def size(name: str, default: int) -> int:
    """A benchmark's size: ``default``, or the environment variable ``name`` for a quick try
    (``BENCH_DOCUMENTS=10000 make bench``). A bad value stops with its name."""
    raw = os.environ.get(name, "").replace("_", "")
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SystemExit(f"equalocal bench: {name} must be a whole number above 0, not {raw!r}")
    return int(raw)


def benchmark_modules():
    """(app label, module) of each equalocal app's ``benchmarks`` module, in the order of
    INSTALLED_APPS."""
    for config in apps.get_app_configs():
        if not config.name.startswith("equalocal."):
            continue
        module_name = f"{config.name}.benchmarks"
        if find_spec(module_name) is not None:
            yield config.label, import_module(module_name)


def benchmark_functions(only: str | None = None):
    for label, module in benchmark_modules():
        for name in sorted(dir(module)):
            if name.startswith("bench_") and (only is None or only in f"{label}.{name}"):
                yield f"{label}.{name}", getattr(module, name)
