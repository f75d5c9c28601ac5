"""Entering figures through the API: the scorecard grid's service, for one's own organisation,
with an optional lock on the figure's last change."""

from datetime import timedelta

import pytest

from equalocal.api.services import api_token_create, api_token_revoke
from equalocal.indicators.models import Measurement
from tests.factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db

URL = "/organisations/org-a/measurements"


@pytest.fixture
def indicator(personas):
    return IndicatorFactory(code="A-7", title_en="Sjukfrånvaro", owner=personas.org_a)


def test_an_editor_enters_a_figure_and_reads_it_back(api_as, personas, indicator):
    api = api_as("editor")
    response = api.post(
        URL, {"indicator": indicator.pk, "period": "2024", "gender": "women", "value": "6.5"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["indicator_code"], body["period"], body["gender"]) == ("A-7", "2024", "women")
    assert body["value"] == "6.5000"
    assert body["source"] == "manual"
    stored = Measurement.objects.get(pk=body["id"])
    assert stored.organisation == personas.org_a and stored.year == 2024
    listed = api.get(URL, indicator=indicator.pk).json()["items"]
    assert [row["id"] for row in listed] == [body["id"]]


def test_correcting_a_figure_replaces_it_and_a_stale_time_gives_409(api_as, indicator):
    api = api_as("editor")
    first = api.post(
        URL, {"indicator": indicator.pk, "period": "2024", "gender": "men", "value": 4}
    ).json()
    corrected = api.post(
        URL,
        {
            "indicator": indicator.pk,
            "period": "2024",
            "gender": "men",
            "value": 5,
            "note": "Rättad",
            "updated_at": first["updated_at"],
        },
    )
    assert corrected.status_code == 200, corrected.content
    assert corrected.json()["id"] == first["id"]
    assert Measurement.objects.get(pk=first["id"]).note == "Rättad"

    stale = api.post(
        URL,
        {
            "indicator": indicator.pk,
            "period": "2024",
            "gender": "men",
            "value": 99,
            "updated_at": first["updated_at"],
        },
    )
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "conflict"
    assert error["fields"]["updated_at"]
    assert Measurement.objects.get(pk=first["id"]).value == 5


def test_a_lock_on_a_figure_not_yet_entered_gives_409(api_as, indicator):
    response = api_as("editor").post(
        URL,
        {
            "indicator": indicator.pk,
            "period": "2023",
            "gender": "total",
            "value": 1,
            "updated_at": "2024-01-01T00:00:00Z",
        },
    )
    assert response.status_code == 409
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_an_import_between_read_and_write_is_a_conflict(api_as, personas, indicator):
    figure = MeasurementFactory(
        indicator=indicator, organisation=personas.org_a, period="2022", gender="total", value=3
    )
    read = api_as("viewer").get(URL, indicator=indicator.pk).json()["items"][0]
    Measurement.objects.filter(pk=figure.pk).update(
        value=4, updated_at=figure.updated_at + timedelta(seconds=1)
    )
    response = api_as("editor").post(
        URL,
        {
            "indicator": indicator.pk,
            "period": "2022",
            "gender": "total",
            "value": 8,
            "updated_at": read["updated_at"],
        },
    )
    assert response.status_code == 409
    assert Measurement.objects.get(pk=figure.pk).value == 4


def test_only_indicators_the_organisation_uses(api_as, personas):
    theirs = IndicatorFactory(code="B-1", owner=personas.org_b)
    reference = IndicatorFactory(code="REF-1", owner=None)
    api = api_as("editor")
    refused = api.post(
        URL, {"indicator": theirs.pk, "period": "2024", "gender": "women", "value": 1}
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {
        "indicator": ["Choose an indicator the organisation uses."]
    }
    assert b"B-1" not in refused.content
    accepted = api.post(
        URL, {"indicator": reference.pk, "period": "2024", "gender": "women", "value": 1}
    )
    assert accepted.status_code == 200


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period": "2024-13-40"}, "period"),
        ({"period": "24"}, "period"),
        ({"value": None}, "value"),
        ({"gender": "other"}, "gender"),
        ({"count": -1}, "count"),
        ({"status": "unknown"}, "status"),
        ({"value": "1.23456"}, "value"),
    ],
)
def test_bad_figures_are_refused_on_their_field(api_as, indicator, change, field):
    data = {"indicator": indicator.pk, "period": "2024", "gender": "women", "value": 1, **change}
    response = api_as("editor").post(URL, data)
    assert response.status_code == 422, response.content
    assert field in response.json()["error"]["fields"]
    assert not Measurement.objects.filter(indicator=indicator).exists()


def test_a_total_only_indicator_takes_no_figure_by_sex(api_as, personas):
    total_only = IndicatorFactory(code="A-T", owner=personas.org_a, by_gender=False)
    response = api_as("editor").post(
        URL, {"indicator": total_only.pk, "period": "2024", "gender": "women", "value": 1}
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "gender": ["This indicator is not split by gender: enter the total only."]
    }


def test_a_missing_figure_needs_no_value(api_as, indicator):
    response = api_as("editor").post(
        URL,
        {"indicator": indicator.pk, "period": "2024", "gender": "men", "status": "confidential"},
    )
    assert response.status_code == 200
    assert response.json()["value"] is None


def test_who_may_enter_figures(api_as, personas, indicator):
    data = {"indicator": indicator.pk, "period": "2024", "gender": "women", "value": 1}
    assert api_as("viewer").post(URL, data).status_code == 403
    assert api_as("outsider").post(URL, data).status_code == 404
    assert api_as("peer").post(URL, data).status_code == 404
    assert api_as("anonymous").post(URL, data).status_code == 401
    read_only = api_token_create(user=personas.user("editor"), name="läsare")[1]
    assert api_as("editor", raw=read_only).post(URL, data).status_code == 403
    token, raw = api_token_create(user=personas.user("editor"), name="återkallad", can_write=True)
    api_token_revoke(token=token)
    revoked = api_as("editor", raw=raw).post(URL, data)
    assert revoked.status_code == 401
    assert revoked.json()["error"]["code"] == "invalid_token"
    assert not Measurement.objects.filter(indicator=indicator).exists()
