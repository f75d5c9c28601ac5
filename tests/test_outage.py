"""The database goes away while the site runs: a clear 503 page, and the next request after
it is back works without restarting anything.

The site runs as a real server process (``runserver``, threaded, on loopback) on the real
database: on PostgreSQL its connection is terminated while a request waits on the
database (``pg_terminate_backend``, what a database restart does); on SQLite the database
file disappears from under it, as when its volume is lost, and comes back.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

PAGE = "/signatories/"
API = "/api/v1/organisations"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(base: str, path: str, language: str = "en") -> tuple[int, dict, str]:
    request = urllib.request.Request(base + path, headers={"Accept-Language": language})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def site(worker_lab):
    worker_lab.script("organisations", "ragunda")
    port = _free_port()
    worker_lab.start("site", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading")
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return _get(base, PAGE)[0] == 200
        except OSError:
            return False

    worker_lab.wait_for(answers, timeout=120, every=0.2)
    return base


def _assert_unavailable_page(status, headers, text, *, swedish: bool):
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert "Traceback" not in text
    assert "OperationalError" not in text
    if swedish:
        assert '<html lang="sv">' in text
        assert "Tillfälligt otillgänglig" in text
    else:
        assert '<html lang="en">' in text
        assert "Temporarily unavailable" in text
        assert "cannot reach its database" in text


def _cut_mid_request(worker_lab, site, path, language):
    """PostgreSQL: the request waits on a table another session locks, and its connection
    is terminated there, as a database restart does; returns the answer."""
    import psycopg

    with psycopg.connect(worker_lab.url) as locker:
        locker.execute("LOCK TABLE organisations_organisation IN ACCESS EXCLUSIVE MODE")
        answer: list = []
        waiting = threading.Thread(target=lambda: answer.append(_get(site, path, language)))
        waiting.start()

        def blocked():
            return worker_lab.rows(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )

        worker_lab.wait_for(blocked, timeout=60, every=0.05)
        worker_lab.rows("SELECT pg_terminate_backend(%s)", (blocked()[0][0],))
        waiting.join(timeout=60)
        locker.rollback()
    return answer[0]


def _database_files(worker_lab) -> list[Path]:
    path = worker_lab.sqlite_path
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _while_the_file_is_gone(worker_lab, site, requests):
    """SQLite: the database file (and its WAL) is moved away while the site runs; returns
    the answers to ``requests`` meanwhile, then puts the file back."""
    aside = worker_lab.media.parent / "aside"
    aside.mkdir()
    for path in _database_files(worker_lab):
        if path.exists():
            shutil.move(path, aside / path.name)
    try:
        return [_get(site, path, language) for path, language in requests]
    finally:
        for path in _database_files(worker_lab):
            # SQLite made an empty database where the file was: the real one replaces it.
            path.unlink(missing_ok=True)
            if (aside / path.name).exists():
                shutil.move(aside / path.name, path)


def test_the_database_going_away_gives_a_503_page_and_the_site_recovers_alone(worker_lab, site):
    if worker_lab.vendor == "postgresql":
        page_sv = _cut_mid_request(worker_lab, site, PAGE, "sv")
        page_en = _cut_mid_request(worker_lab, site, PAGE, "en")
        api = _cut_mid_request(worker_lab, site, API, "en")
    else:
        page_sv, page_en, api = _while_the_file_is_gone(
            worker_lab, site, [(PAGE, "sv"), (PAGE, "en"), (API, "en")]
        )
    _assert_unavailable_page(*page_sv, swedish=True)
    _assert_unavailable_page(*page_en, swedish=False)
    status, headers, text = api
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert json.loads(text)["error"]["code"] == "unavailable"
    # The same server process, the same thread: the next requests reconnect and work.
    assert _get(site, PAGE)[0] == 200
    assert _get(site, API)[0] == 200
