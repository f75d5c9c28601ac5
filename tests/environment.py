"""What the suite needs from outside the repository (a pytest plugin, loaded by ``conftest.py``).

- **The real samples** in ``../shared/samples`` beside the repository are read only by the
  tests that measure against them (the extraction development sets, the seed texts). They
  take the ``shared_samples`` fixture, which marks them ``shared_samples``. Without the folder
  they skip, counted in one line at the end of the run; in CI (``CI=true``) they fail.
  A test that skips itself with a reason naming ``shared/samples`` is treated the same.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from equalocal.documents.tests.fixtures import samples_dir

SAMPLES_REASON = "../shared/samples is absent beside the repository"
_NAMES_SAMPLES = re.compile(r"shared/samples")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if "shared_samples" in getattr(item, "fixturenames", ()):
            item.add_marker("shared_samples")


@pytest.fixture(scope="session")
def shared_samples() -> Path:
    """``../shared/samples``: skips the test when the folder is absent (fails in CI)."""
    folder = samples_dir()
    if not folder.is_dir():
        pytest.skip(f"{SAMPLES_REASON}: {folder}")
    return folder


def _skip_reason(report) -> str:
    if isinstance(report.longrepr, tuple | list) and len(report.longrepr) == 3:
        return str(report.longrepr[2])
    return str(report.longrepr or "")


def _skipped_for_samples(report) -> bool:
    return report.skipped and bool(_NAMES_SAMPLES.search(_skip_reason(report)))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if in_ci() and _skipped_for_samples(report):
        report.outcome = "failed"
        report.longrepr = (
            f"{_skip_reason(report).removeprefix('Skipped: ')}\n"
            "CI runs every test that reads the real samples: put the team's shared folder "
            "beside the repository, or set EQUALOCAL_SHARED_DIR."
        )
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if _skipped_for_samples(r)]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests skipped: {SAMPLES_REASON} (they run in CI)", yellow=True
        )
