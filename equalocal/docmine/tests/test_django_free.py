"""The engine imports no Django and no other equalocal app, and its tests need neither."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DOCMINE = Path(__file__).resolve().parents[1]
REPOSITORY = DOCMINE.parents[1]
APPS = ("accounts", "charters", "config", "core", "documents", "indicators", "networks")
APPS += ("organisations", "plans")

# Imports every engine module, runs the readers and the extractor once, then lists what
# got imported.
PROBE = """
import importlib, pkgutil, sys, tempfile
from pathlib import Path
import equalocal.docmine as docmine
for module in pkgutil.walk_packages(docmine.__path__, "equalocal.docmine."):
    if ".tests" not in module.name:
        importlib.import_module(module.name)
from equalocal.docmine.extraction import analyse
from equalocal.docmine.reading import read_file
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "protocol.txt"
    path.write_text("Kommunfullmäktige beslutade den 12 mars 2024 att underteckna CEMR-deklarationen.")
    result = read_file(path)
assert analyse(result.text).decisions
print("\\n".join(sorted(sys.modules)))
"""


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}


def test_the_engine_imports_no_django_and_no_other_app():
    completed = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=REPOSITORY,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    modules = completed.stdout.split()
    assert "equalocal.docmine.extraction.decisions" in modules
    assert not [m for m in modules if m == "django" or m.startswith("django.")]
    assert not [m for m in modules if m.split(".")[:2] in [["equalocal", app] for app in APPS]]


def test_the_engine_tests_are_collected_without_django_settings():
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", str(DOCMINE), "--collect-only", "-p", "no:xdist"],
        cwd=REPOSITORY,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "docmine: Django settings not configured" in completed.stdout
    assert "configfile: pytest.ini" in completed.stdout
    assert "<Function test_the_engine_imports_no_django_and_no_other_app>" in completed.stdout
