"""Fixtures of the engine's tests: document files generated once per run, the sample folders.

These tests need no Django settings and no database. ``pytest equalocal/docmine`` reads
``equalocal/docmine/pytest.ini``, which keeps pytest-django out of the run altogether; the
whole suite runs them as well, under Django. The documents app's tests use the same files
(``documents/tests/conftest.py`` imports these fixtures).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Django-free file generators; they live with the documents tests for now.
from equalocal.documents.tests import fixtures


def pytest_report_header(config) -> str:
    configured = "django.conf" in sys.modules and sys.modules["django.conf"].settings.configured
    return f"docmine: Django settings {'configured' if configured else 'not configured'}"


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("document-fixtures")


def _needs_samples() -> None:
    if not fixtures.seeds_dir().is_dir():
        pytest.skip(f"sample folder {fixtures.seeds_dir()} is absent")


@pytest.fixture(scope="session")
def sample_path():
    """``sample_path("003")`` → path of the seed sample whose name starts with "003"."""

    def find(name: str) -> Path:
        _needs_samples()
        matches = sorted(fixtures.seeds_dir().glob(f"{name}*"))
        if not matches:
            pytest.skip(f"no sample {name} in {fixtures.seeds_dir()}")
        return matches[0]

    return find


@pytest.fixture(scope="session")
def extraction_dev_dir() -> Path:
    folder = fixtures.extraction_dev_dir()
    if not (folder / "manifest.json").is_file():
        pytest.skip(f"extraction development set {folder} is absent")
    return folder


@pytest.fixture(scope="session")
def scanned_003_pdf(fixture_dir) -> Path:
    _needs_samples()
    return fixtures.make_scanned_003_pdf(fixture_dir / "scanned-003.pdf")


@pytest.fixture(scope="session")
def docx_002(fixture_dir) -> Path:
    _needs_samples()
    return fixtures.make_docx_002(fixture_dir / "sample-002.docx")


@pytest.fixture(scope="session")
def born_digital_pdf(fixture_dir) -> Path:
    return fixtures.make_born_digital_pdf(fixture_dir / "born-digital.pdf", pages=3)


@pytest.fixture(scope="session")
def encrypted_pdf(fixture_dir) -> Path:
    return fixtures.make_encrypted_pdf(fixture_dir / "encrypted.pdf")


@pytest.fixture(scope="session")
def truncated_pdf(fixture_dir) -> Path:
    return fixtures.make_truncated_pdf(fixture_dir / "truncated.pdf")


@pytest.fixture(scope="session")
def many_pages_pdf(fixture_dir) -> Path:
    return fixtures.make_many_pages_pdf(fixture_dir / "many-pages.pdf", pages=10000)


@pytest.fixture(scope="session")
def huge_image(fixture_dir) -> Path:
    return fixtures.make_huge_image(fixture_dir / "huge-image.png", 30000, 30000)


@pytest.fixture(scope="session")
def zip_bomb_docx(fixture_dir) -> Path:
    return fixtures.make_zip_bomb_docx(fixture_dir / "zip-bomb.docx")


@pytest.fixture(scope="session")
def html_with_scripts(fixture_dir) -> Path:
    return fixtures.make_html_with_scripts(fixture_dir / "with-scripts.html")


@pytest.fixture(scope="session")
def odt_file(fixture_dir) -> Path:
    return fixtures.make_odt(fixture_dir / "plan.odt")


@pytest.fixture(scope="session")
def png_scan(fixture_dir) -> Path:
    return fixtures.make_png(fixture_dir / "scan.png")


@pytest.fixture(scope="session")
def tiff_two_pages(fixture_dir) -> Path:
    return fixtures.make_multipage_tiff(fixture_dir / "two-pages.tiff")


# What a test asks for when it needs Django's database or request machinery.
DJANGO_FIXTURES = {
    "db",
    "transactional_db",
    "client",
    "async_client",
    "admin_client",
    "admin_user",
    "django_user_model",
    "live_server",
    "rf",
    "personas",
}


def pytest_collection_modifyitems(config, items) -> None:
    """Refuse an engine test that needs the database: it belongs in ``documents/tests``.

    The whole suite runs these tests under Django, where such a test would pass unnoticed;
    ``pytest equalocal/docmine`` would then fail on it.
    """
    here = Path(__file__).parent
    for item in items:
        if here not in Path(item.path).parents:
            continue
        needs = DJANGO_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        if needs or item.get_closest_marker("django_db"):
            raise pytest.UsageError(
                f"{item.nodeid} needs Django ({', '.join(sorted(needs)) or 'django_db'}); "
                "engine tests run without settings or a database"
            )
