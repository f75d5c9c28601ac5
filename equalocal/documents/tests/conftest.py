"""Session-wide document fixtures, generated once per test run by ``tests/fixtures.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import fixtures


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
