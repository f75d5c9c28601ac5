"""What the suite needs from outside the repository (``tests/environment.py``), each case run
in a pytest of its own with only that plugin."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = """
import os
from pathlib import Path

import pytest


def test_reads_the_samples(shared_samples):
    assert (shared_samples / "seeds").is_dir()


def test_skips_itself_without_the_samples():
    if not (Path(os.environ["EQUALOCAL_SHARED_DIR"]) / "samples").is_dir():
        pytest.skip("shared/samples/seeds is not present")


def test_needs_nothing_outside():
    pass


@pytest.mark.e2e
def test_in_a_browser():
    pass
"""
SUMMARY = "2 tests skipped: ../shared/samples is absent beside the repository (they run in CI)"


@pytest.fixture
def run(pytester, monkeypatch, tmp_path):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("EQUALOCAL_SHARED_DIR", str(tmp_path / "nonexistent"))
    monkeypatch.delenv("CI", raising=False)
    pytester.makepyfile(test_outside=TESTS)

    def run(*args: str):
        plugins = ("-p", "tests.environment", "-p", "no:django", "-p", "no:xdist")
        return pytester.runpytest_subprocess(*plugins, "-m", "not e2e", *args)

    return run


def test_without_the_samples_their_tests_skip_with_one_summary_line(run):
    result = run()
    result.assert_outcomes(passed=1, skipped=2, deselected=1)
    assert result.stdout.str().count("shared/samples") == 1
    result.stdout.fnmatch_lines([SUMMARY])


def test_in_ci_their_tests_fail_instead(run, monkeypatch):
    monkeypatch.setenv("CI", "true")
    result = run()
    result.assert_outcomes(passed=1, failed=1, errors=1, deselected=1)
    result.stdout.fnmatch_lines(["*CI runs every test that reads the real samples*"])
    result.stdout.no_fnmatch_line(SUMMARY)


def test_with_the_samples_their_tests_run(run, monkeypatch, tmp_path):
    (tmp_path / "shared" / "samples" / "seeds").mkdir(parents=True)
    monkeypatch.setenv("EQUALOCAL_SHARED_DIR", str(tmp_path / "shared"))
    run().assert_outcomes(passed=3, deselected=1)


def test_their_tests_carry_the_shared_samples_marker(run):
    run("-m", "not e2e and not shared_samples").assert_outcomes(passed=1, skipped=1, deselected=2)


def test_without_tesseract_the_run_fails_at_its_start(run, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: Tesseract * is missing (Debian packages: tesseract-ocr *", "run: *install*"]
    )
    result.stdout.no_fnmatch_line("*passed*")


def test_browser_tests_without_chromium_fail_at_the_start(run, monkeypatch, tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "tesseract").symlink_to(shutil.which("tesseract"))
    monkeypatch.setenv("PATH", str(tools))
    result = run("-m", "e2e")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: Chromium, for the browser tests * is missing *"])
    # Without browser tests selected, Chromium is not needed.
    run().assert_outcomes(passed=1, skipped=2, deselected=1)
