"""Shared pytest fixtures: personas and media isolation; what the suite needs from outside
the repository is checked by ``tests/environment.py``."""

import pytest

from tests.personas import build_personas

pytest_plugins = ["tests.environment", "tests.workers", "pytester"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_MEDIA_ROOT = tmp_path / "public-media"


@pytest.fixture
def personas(db):
    """Admin, editor and viewer of org A; admin of org B; anonymous; site staff."""
    return build_personas()
