"""The Kolada client and command: batching, next_url, polite retries; the network is faked."""

import io
import json
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from equalocal.core.errors import ApplicationError
from equalocal.indicators.kolada import KoladaClient, fetch_kpi_metadata
from equalocal.indicators.models import ImportBatch, Indicator, Measurement
from tests.factories import OrganisationFactory

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://api.kolada.se/v3"


class FakeResponse(io.BytesIO):
    status = 200


class FakeOpener:
    """Answers by URL (path and query) from a dict; an answer may be a list, consumed in order."""

    def __init__(self, answers=None, default=None):
        self.answers = answers or {}
        self.default = default
        self.urls = []
        self.timeouts = []

    def open(self, request, timeout=None):
        url = request.full_url
        self.urls.append(url)
        self.timeouts.append(timeout)
        answer = self.answers.get(url, self.default)
        if isinstance(answer, list):
            answer = answer.pop(0)
        if callable(answer):
            answer = answer(url)
        if isinstance(answer, Exception):
            raise answer
        if answer is None:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        if isinstance(answer, Path):
            answer = answer.read_bytes()
        if isinstance(answer, dict):
            answer = json.dumps(answer).encode()
        return FakeResponse(answer)


def _client(opener, **options):
    sleeps = []
    client = KoladaClient(opener=opener, sleep=sleeps.append, **options)
    return client, sleeps


def _empty(url):
    return {"values": [], "count": 0, "next_url": None}


def test_municipality_ids_are_sent_at_most_25_per_request():
    opener = FakeOpener(default=_empty)
    client, _sleeps = _client(opener)
    codes = [f"{n:04d}" for n in range(1, 31)]

    list(client.fetch_data(kpis=["N00945"], municipalities=codes, years=[2023, 2024]))

    assert opener.urls == [
        f"{BASE}/data/kpi/N00945/municipality/{','.join(codes[:25])}/year/2023,2024",
        f"{BASE}/data/kpi/N00945/municipality/{','.join(codes[25:])}/year/2023,2024",
    ]
    assert opener.timeouts == [30, 30]


def test_next_url_is_followed_until_the_last_page():
    first = f"{BASE}/data/kpi/N00945/municipality/2480,2460/year/2022,2023"
    page_2 = json.loads((FIXTURES / "kolada_page_1.json").read_text())["next_url"]
    opener = FakeOpener(
        {first: FIXTURES / "kolada_page_1.json", page_2: FIXTURES / "kolada_page_2.json"}
    )
    client, _sleeps = _client(opener)

    rows = list(
        client.fetch_data(kpis=["N00945"], municipalities=["2480", "2460"], years=[2022, 2023])
    )

    assert opener.urls == [first, page_2]
    assert len(rows) == 4
    assert rows[0]["values"][1] == {
        "gender": "K",
        "value": pytest.approx(41.25),
        "count": 1,
        "status": "",
    }


def test_from_date_is_passed_to_kolada():
    opener = FakeOpener(default=_empty)
    client, _sleeps = _client(opener)
    list(
        client.fetch_data(
            kpis=["N1"], municipalities=["2480"], years=[2024], from_date=date(2025, 3, 1)
        )
    )

    assert opener.urls == [f"{BASE}/data/kpi/N1/municipality/2480/year/2024?from_date=2025-03-01"]


def test_rate_limits_and_server_errors_are_retried_with_backoff():
    url = f"{BASE}/kpi/N00945"
    opener = FakeOpener(
        {
            url: [
                urllib.error.HTTPError(url, 503, "Unavailable", {}, None),
                urllib.error.HTTPError(url, 429, "Too Many Requests", {"Retry-After": "7"}, None),
                urllib.error.URLError("connection reset"),
                {"values": [{"id": "N00945", "title": "Heltid"}], "next_url": None},
            ]
        }
    )
    client, sleeps = _client(opener)

    assert client.fetch_kpi_metadata(["N00945"]) == [{"id": "N00945", "title": "Heltid"}]
    assert sleeps == [1.0, 7.0, 4.0]
    assert client.requests == 4


def test_the_client_gives_up_after_its_retries():
    opener = FakeOpener(default=urllib.error.HTTPError("u", 502, "Bad Gateway", {}, None))
    client, sleeps = _client(opener, retries=2)

    with pytest.raises(ApplicationError, match="Kolada answered 502"):
        client.get_json(f"{BASE}/kpi")
    assert sleeps == [1.0, 2.0]


def test_client_errors_are_not_retried():
    opener = FakeOpener()
    client, sleeps = _client(opener)

    with pytest.raises(ApplicationError, match="Kolada answered 404"):
        client.get_json(f"{BASE}/kpi/NOPE")
    assert (len(opener.urls), sleeps) == (1, [])


def test_kpi_metadata_is_fetched_25_ids_at_a_time():
    opener = FakeOpener(default=lambda url: {"values": [{"id": url.rsplit("/", 1)[1]}]})
    ids = [f"N{n:05d}" for n in range(26)]

    items = fetch_kpi_metadata(ids, client=KoladaClient(opener=opener))

    assert len(opener.urls) == 2
    assert opener.urls[1] == f"{BASE}/kpi/N00025"
    assert len(items) == 2


@pytest.mark.django_db
def test_fetch_command_imports_metadata_and_figures(monkeypatch):
    OrganisationFactory(official_code="2480")
    OrganisationFactory(official_code="2460")
    data = json.loads((FIXTURES / "kolada_data.json").read_text())
    opener = FakeOpener(
        {
            f"{BASE}/kpi/N00945,N01951": FIXTURES / "kolada_kpi.json",
            f"{BASE}/data/kpi/N00945,N01951/municipality/2480,2460/year/2022,2023": data,
        }
    )
    monkeypatch.setattr(urllib.request, "build_opener", lambda: opener)
    out = io.StringIO()

    call_command(
        "kolada",
        "fetch",
        "--kpi",
        "N00945,N01951",
        "--municipality",
        "2480,2460",
        "--years",
        "2022-2023",
        stdout=out,
    )

    assert Indicator.objects.filter(source="kolada").count() == 2
    assert Measurement.objects.count() == 16
    assert "16 added" in out.getvalue()
    assert ImportBatch.objects.get().file_name == "Kolada API"


@pytest.mark.django_db
def test_import_command_reports_counts_and_is_idempotent():
    OrganisationFactory(official_code="2480")
    OrganisationFactory(official_code="2460")
    call_command("kolada", "import", str(FIXTURES / "kolada_kpi.json"), stdout=io.StringIO())
    out = io.StringIO()

    call_command("kolada", "import", str(FIXTURES / "kolada_data.json"), stdout=out)
    call_command(
        "kolada",
        "import",
        str(FIXTURES / "kolada_data.json"),
        "--from-date",
        "2025-01-01",
        stdout=out,
    )

    assert "16 added" in out.getvalue()
    assert "0 added, 0 changed, 16 already up to date" in out.getvalue()
    assert Measurement.objects.count() == 16


@pytest.mark.django_db
def test_import_command_fails_on_a_truncated_file():
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "kolada",
            "import",
            str(FIXTURES / "kolada_truncated.json"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "ends in the middle" in err.getvalue()
