"""API test helpers: a token per persona and a client that sends it."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from equalocal.api.services import api_token_create
from tests.personas import PERSONAS

API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


class ApiClient:
    """Calls the API as one persona: with its token, or without one for ``anonymous``."""

    def __init__(self, client, raw: str | None):
        self.client = client
        self.raw = raw

    def _headers(self, headers):
        headers = dict(headers or {})
        if self.raw and "Authorization" not in headers:
            headers["Authorization"] = f"Bearer {self.raw}"
        return headers

    def get(self, path, headers=None, **params):
        return self.client.get(API + path, params, headers=self._headers(headers))

    def _send(self, method, path, data, headers):
        return getattr(self.client, method)(
            API + path,
            data=json.dumps(data),
            content_type="application/json",
            headers=self._headers(headers),
        )

    def post(self, path, data=None, headers=None):
        return self._send("post", path, data or {}, headers)

    def patch(self, path, data=None, headers=None):
        return self._send("patch", path, data or {}, headers)


@pytest.fixture
def api_as(client, personas):
    """``api_as("editor")``: an API client with a read-write token of that persona."""
    tokens = {}
    for name in PERSONAS:
        user = personas.user(name)
        tokens[name] = (
            None if user is None else api_token_create(user=user, name="t", can_write=True)[1]
        )

    def make(name: str, *, raw: str | None = None) -> ApiClient:
        return ApiClient(client, raw if raw is not None else tokens[name])

    return make
