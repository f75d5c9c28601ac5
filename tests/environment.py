"""What the suite needs from outside the repository (a pytest plugin, loaded by ``conftest.py``).

- **System tools** fail the run at its start, with the command that installs them:
  Tesseract with the language data the tests read, always; Chromium when browser tests
  (``e2e``) are selected. No test skips for a missing tool.
- **The real samples** in ``../shared/samples`` beside the repository are read only by the
  tests that measure against them (the extraction development sets, the seed texts). They
  take the ``shared_samples`` fixture, which marks them ``shared_samples``. Without the folder
  they skip, counted in one line at the end of the run; in CI (``CI=true``) they fail.
  A test that skips itself with a reason naming ``shared/samples`` is treated the same.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from equalocal.documents.tests.fixtures import samples_dir

INSTALL_HINT = "run: scripts/install-system-packages.sh"
# eng and swe read the Swedish scans; the others are the packs the OCR tests expect to be
# chosen for Finnish, German, Polish and Norwegian organisations.
OCR_LANGUAGES = ("eng", "swe", "fin", "deu", "pol", "nor")
SAMPLES_REASON = "../shared/samples is absent beside the repository"
_NAMES_SAMPLES = re.compile(r"shared/samples")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    """Debian's Chromium, which the browser tests drive."""
    return shutil.which("chromium")


def missing_ocr() -> list[str]:
    """The Debian packages the OCR tests need that are not installed (empty when all are)."""
    binary = shutil.which("tesseract")
    if binary is None:
        return ["tesseract-ocr", *(f"tesseract-ocr-{code}" for code in OCR_LANGUAGES)]
    output = subprocess.run(
        [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    installed = {line.strip() for line in output.splitlines()[1:]}
    return [f"tesseract-ocr-{code}" for code in OCR_LANGUAGES if code not in installed]


def missing_message(what: str, packages: list[str]) -> str:
    return (
        f"{what} is missing (Debian packages: {' '.join(packages)}).\n"
        f"{INSTALL_HINT}\n"
        f"  or: sudo apt-get install {' '.join(packages)}"
    )


def chromium_message() -> str:
    return missing_message("Chromium, for the browser tests (-m e2e),", ["chromium"])


def pytest_configure(config) -> None:
    # Here rather than in pyproject.toml: the engine's tests also run on their own
    # (equalocal/docmine/pytest.ini) and load this plugin then.
    config.addinivalue_line(
        "markers", "shared_samples: reads ../shared/samples (skipped without it, failed in CI)"
    )


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session) -> None:
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller has checked
    missing = missing_ocr()
    if missing:
        raise pytest.UsageError(
            missing_message("Tesseract with its eng, swe, fin, deu, pol and nor data", missing)
        )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if "shared_samples" in getattr(item, "fixturenames", ()):
            item.add_marker("shared_samples")


def pytest_collection_finish(session) -> None:
    # Under xdist the workers collect; the ``browser`` fixture fails there instead.
    if hasattr(session.config, "workerinput"):
        return
    if any(item.get_closest_marker("e2e") for item in session.items) and not chromium_path():
        raise pytest.UsageError(chromium_message())


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
