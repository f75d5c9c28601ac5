"""Fixtures of the engine's tests: document files generated once per run, the sample folders.

These tests need no Django settings and no database. ``pytest equalocal/docmine`` reads
``equalocal/docmine/pytest.ini``, which keeps pytest-django out of the run altogether; the
whole suite runs them as well, under Django. The documents app's tests use the same files
(``documents/tests/conftest.py`` imports these fixtures). Only the fixtures that read the real
samples need ``../shared``; they take ``shared_samples`` (``tests/environment.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Django-free file generators; they live with the documents tests for now.
from equalocal.documents.tests import fixtures


def pytest_configure(config) -> None:
    # What the suite needs from outside the repository (tools, ../shared/samples and the
    # shared_samples fixture): loaded by the top conftest, or here when the engine's tests
    # run on their own.
    if not config.pluginmanager.has_plugin("tests.environment"):
        config.pluginmanager.import_plugin("tests.environment")


def pytest_report_header(config) -> str:
    configured = "django.conf" in sys.modules and sys.modules["django.conf"].settings.configured
    return f"docmine: Django settings {'configured' if configured else 'not configured'}"


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("document-fixtures")


@pytest.fixture(scope="session")
def sample_path(shared_samples):
    """``sample_path("003")`` → path of the seed sample whose name starts with "003"."""

    def find(name: str) -> Path:
        matches = sorted((shared_samples / "seeds").glob(f"{name}*"))
        if not matches:
            pytest.fail(f"no sample {name} in {shared_samples / 'seeds'}")
        return matches[0]

    return find


@pytest.fixture(scope="session")
def extraction_dev_dir(shared_samples) -> Path:
    folder = shared_samples / "extraction-dev"
    if not (folder / "manifest.json").is_file():
        pytest.fail(f"extraction development set {folder} is incomplete: no manifest.json")
    return folder


@pytest.fixture(scope="session")
def scanned_003_pdf(fixture_dir, shared_samples) -> Path:
    """Sample 003 itself as printed and scanned, for OCR measured against its reference."""
    return fixtures.make_scanned_003_pdf(fixture_dir / "scanned-003.pdf")


@pytest.fixture(scope="session")
def scanned_protocol_pdf(fixture_dir) -> Path:
    """A scanned protocol extract like sample 003: the demo's, rendered by the product."""
    return fixtures.make_scanned_protocol_pdf(fixture_dir / "scanned-protocol.pdf")


@pytest.fixture(scope="session")
def docx_002(fixture_dir) -> Path:
    """A DOCX plan like sample 002: the demo's, rendered by the product."""
    return fixtures.make_docx_002(fixture_dir / "verksamhetsplan-2014.docx")


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
