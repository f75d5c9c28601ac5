"""The committed OpenAPI document (``equalocal/api/openapi.json``) and how to produce it."""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import translation

SNAPSHOT = Path(__file__).resolve().parent / "openapi.json"


def openapi_text() -> str:
    """The API's OpenAPI document as committed: sorted keys, two-space indent, English."""
    from .main import api

    with translation.override("en"):
        schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
