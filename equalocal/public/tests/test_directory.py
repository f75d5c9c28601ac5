"""The signatory directory, its downloads and the map: only what organisations publish."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.organisations.models import OrganisationKind
from equalocal.plans.models import PlanKind, PlanStatus
from equalocal.public.exports import neutralise
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    CommitmentStepFactory,
    OrganisationFactory,
    PublishingFactory,
)

pytestmark = pytest.mark.django_db


def _signatory(name, *, country="SE", status=CommitmentStatus.SIGNED, decided=None, **org):
    organisation = OrganisationFactory(name=name, country=country, **org)
    decided = decided or timezone.localdate() - timedelta(days=100)
    commitment = CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code="2022"),
        status=status,
        decided_on=decided
        if status in {CommitmentStatus.DECIDED, CommitmentStatus.SIGNED}
        else None,
        signed_on=decided + timedelta(days=30) if status == CommitmentStatus.SIGNED else None,
    )
    return organisation, commitment


def _rows(response):
    return [row.organisation.name for row in response.context["rows"]]


def test_directory_shows_published_commitments_and_hides_the_rest(client):
    _signatory("Öppna kommun")
    hidden, _ = _signatory("Tysta kommun")
    PublishingFactory(organisation=hidden, commitment=False)
    _signatory("Ångrande kommun", status=CommitmentStatus.WITHDRAWN)
    OrganisationFactory(name="Kommun utan åtagande")

    response = client.get(reverse("public:directory"))

    assert response.status_code == 200
    assert _rows(response) == ["Öppna kommun"]
    assert "Tysta kommun" not in response.content.decode()


def test_status_counts_only_published_plans_and_the_deadline(client):
    long_ago = timezone.localdate() - timedelta(days=3 * 365)
    with_plan, commitment = _signatory("Planerande kommun", decided=long_ago)
    ActionPlanFactory(
        organisation=with_plan,
        commitment=commitment,
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=long_ago + timedelta(days=200),
        is_published=True,
        title="Offentlig plan",
    )
    secret, commitment = _signatory("Hemliga kommun", decided=long_ago)
    ActionPlanFactory(
        organisation=secret,
        commitment=commitment,
        kind=PlanKind.CHARTER,
        status=PlanStatus.ADOPTED,
        adopted_on=long_ago + timedelta(days=200),
        is_published=False,
        title="Intern plan om lönekartläggning",
    )
    _signatory("Nya kommun")
    _signatory("Funderande kommun", status=CommitmentStatus.CONSIDERING)

    response = client.get(reverse("public:directory"))

    statuses = {row.organisation.name: row.status for row in response.context["rows"]}
    assert statuses == {
        "Planerande kommun": "with_plan",
        "Hemliga kommun": "overdue",
        "Nya kommun": "signed",
        "Funderande kommun": "considering",
    }
    assert "Intern plan om lönekartläggning" not in response.content.decode()


def test_an_older_signature_counts_while_the_newer_text_is_only_considered(client):
    organisation, _ = _signatory("Trogna kommun", status=CommitmentStatus.CONSIDERING)
    CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code="2006"),
        status=CommitmentStatus.SIGNED,
        signed_on=date(2010, 3, 8),
    )

    response = client.get(reverse("public:directory"))

    (row,) = response.context["rows"]
    assert row.commitment.charter.code == "2006"
    assert row.status == "overdue"  # signed in 2010, no plan published since


def test_filters_combine_and_counts_per_country_follow_the_other_filters(client):
    _signatory("Umeå kommun", country="SE")
    _signatory("Region Västerbotten", country="SE", kind=OrganisationKind.REGION)
    _signatory("Helsinki", country="FI")
    _signatory("Gdańsk", country="PL", status=CommitmentStatus.CONSIDERING)

    response = client.get(reverse("public:directory"), {"kind": "municipality", "country": "SE"})

    assert _rows(response) == ["Umeå kommun"]
    counts = {code: n for code, _name, n in response.context["by_country"]}
    assert counts == {"SE": 1, "FI": 1, "PL": 1}

    response = client.get(reverse("public:directory"), {"status": "signed"})
    assert sorted(_rows(response)) == ["Helsinki", "Region Västerbotten", "Umeå kommun"]
    response = client.get(reverse("public:directory"), {"version": "2006"})
    assert _rows(response) == []


def test_an_unknown_filter_value_gets_a_message_not_an_error(client):
    _signatory("Umeå kommun")

    response = client.get(reverse("public:directory"), {"status": "bribed", "country": "XX"})

    assert response.status_code == 400
    content = response.content.decode()
    assert "“bribed” is not one of the choices" in content
    assert _rows(response) == ["Umeå kommun"]  # the invalid filters filter nothing

    response = client.get(reverse("public:directory-json"), {"status": "bribed"})
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_csv_holds_what_the_filters_show_with_formulas_neutralised(client):
    _signatory('=HYPERLINK("http://evil.example")', country="SE")
    _signatory("Helsinki", country="FI")

    response = client.get(reverse("public:directory-csv"), {"country": "SE"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == ['\'=HYPERLINK("http://evil.example")']
    assert rows[0]["status"] == "signed"
    assert rows[0]["charter"] == "2022"
    assert rows[0]["profile"].endswith("/signatories/" + rows[0]["profile"].split("/")[-2] + "/")


@pytest.mark.parametrize("value", ["=1+1", "+46", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_quotes_every_formula_start(value):
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_plain_text_alone():
    assert neutralise("Umeå kommun") == "Umeå kommun"
    assert neutralise(None) == ""


def test_json_lists_the_filtered_signatories_with_dates(client):
    _organisation, _commitment = _signatory("Umeå kommun", decided=date(2025, 1, 10))
    _signatory("Helsinki", country="FI")

    data = client.get(reverse("public:directory-json"), {"country": "SE"}).json()

    assert data["count"] == 1
    assert data["countries"] == {"SE": 1, "FI": 1}
    (record,) = data["signatories"]
    assert record["name"] == "Umeå kommun"
    assert record["decided_on"] == "2025-01-10"
    assert record["signed_on"] == "2025-02-09"
    assert record["plan_deadline"] == "2027-01-10"


def _many(n):
    charter = CharterText.objects.get(code="2022")
    countries = ["SE", "FI", "NO", "PL", "DE"]
    for i in range(n):
        organisation = OrganisationFactory(
            country=countries[i % 5], latitude=55 + i % 10, longitude=10 + i % 15
        )
        commitment = CommitmentFactory(
            organisation=organisation,
            charter=charter,
            status=CommitmentStatus.RECOMMENDED if i % 3 else CommitmentStatus.SIGNED,
            decided_on=date(2023, 1, 1) if i % 3 == 0 else None,
        )
        CommitmentStepFactory(commitment=commitment, date=date(2024, 1, 1))
        if i % 4 == 0:
            PublishingFactory(organisation=organisation, commitment=i % 8 != 0)
        if i % 5 == 0:
            ActionPlanFactory(
                organisation=organisation,
                kind=PlanKind.CHARTER,
                status=PlanStatus.ADOPTED,
                adopted_on=date(2024, 6, 1),
                is_published=True,
            )


@pytest.mark.parametrize(
    "name", ["public:directory", "public:map", "public:directory-csv", "public:directory-json"]
)
def test_directory_pages_use_a_bounded_number_of_queries(
    client, name, django_assert_max_num_queries
):
    _many(10)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse(name))
    _many(210)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name), {"country": "SE"})
    assert response.status_code == 200


def test_map_places_signatories_by_coordinates_and_lists_the_others(client):
    _signatory("Umeå kommun", latitude=63.82578, longitude=20.26302)
    _signatory("Kommun utan koordinater")

    response = client.get(reverse("public:map"))

    content = response.content.decode()
    assert [point.signatory.organisation.name for point in response.context["points"]] == [
        "Umeå kommun"
    ]
    assert [row.organisation.name for row in response.context["unplaced"]] == [
        "Kommun utan koordinater"
    ]
    assert "<svg" in content and 'aria-labelledby="map-title"' in content
    assert 'class="map-signatory-country"' in content  # Sweden shaded
    assert content.count("<circle") == 1
    assert "Kommun utan koordinater" in content  # in the list and the table


def test_pages_answer_304_to_a_matching_etag_and_change_with_the_data(client):
    organisation, _ = _signatory("Umeå kommun")
    first = client.get(reverse("public:directory"))
    assert first["ETag"] and first["Last-Modified"]

    again = client.get(reverse("public:directory"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    organisation.name = "Umeå kommun (ny)"
    organisation.save()
    changed = client.get(reverse("public:directory"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_directory_has_a_description_feed_link_and_structured_data(client):
    _signatory("</script><script>alert(1)</script>")

    content = client.get(reverse("public:directory")).content.decode()

    assert '<meta name="description"' in content
    assert 'type="application/atom+xml"' in content
    start = content.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    payload = content[start : content.index("</script>", start)]
    assert "<" not in payload
    assert json.loads(payload)["itemListElement"][0]["name"].startswith("</script>")


def test_signatories_are_in_the_main_navigation(client):
    content = client.get(reverse("home:index")).content.decode()
    assert f'href="{reverse("public:directory")}"' in content
