"""The indicator pages through the test client: roles, the grid, the import, queries."""

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from equalocal.indicators.models import (
    Direction,
    ImportBatch,
    Indicator,
    Measurement,
    Scorecard,
    Target,
    TargetKind,
)
from equalocal.networks.models import NetworkMembership
from equalocal.organisations.models import NetworkSharing, Organisation
from equalocal.organisations.services import publishing_update
from tests.factories import (
    IndicatorFactory,
    MeasurementFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    ScorecardFactory,
    ScorecardItemFactory,
    TargetFactory,
)
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def signed_in(client, personas, persona):
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    return client


def measure(indicator, organisation, period, **values):
    for gender, value in values.items():
        MeasurementFactory(
            indicator=indicator,
            organisation=organisation,
            period=period,
            gender=gender,
            value=value,
        )


@pytest.fixture
def figures(personas):
    """Org A's own indicator with figures and a target, a reference indicator, a draft
    scorecard with both, and a published scorecard."""
    org = personas.org_a
    own = IndicatorFactory(code="A1", title_en="Women among managers", unit="%", owner=org)
    reference = IndicatorFactory(code="N1", title_en="Sick leave", unit="days", by_gender=False)
    measure(own, org, "2022", women=Decimal(40), men=Decimal(60), total=Decimal(100))
    measure(own, org, "2023", women=Decimal(45), men=Decimal(55), total=Decimal(100))
    TargetFactory(
        indicator=own, organisation=org, year=2023, kind=TargetKind.PARITY, parity_points=5
    )
    scorecard = ScorecardFactory(owner=org, title="Styrkort")
    ScorecardItemFactory(scorecard=scorecard, indicator=own, order=1)
    ScorecardItemFactory(scorecard=scorecard, indicator=reference, order=2)
    published = ScorecardFactory(owner=org, title="Publicerat", is_published=True)
    ScorecardItemFactory(scorecard=published, indicator=own, order=1)
    return {"own": own, "reference": reference, "scorecard": scorecard, "published": published}


def urls(figures):
    org = "org-a"
    scorecard = figures["scorecard"].pk
    return {
        "list": reverse("indicators:list"),
        "detail": reverse("indicators:detail", kwargs={"indicator": figures["own"].pk}),
        "create": reverse("indicators:create", kwargs={"org": org}),
        "edit": reverse("indicators:edit", kwargs={"indicator": figures["own"].pk}),
        "scorecards": reverse("indicators:scorecards", kwargs={"org": org}),
        "scorecard": reverse("indicators:scorecard", kwargs={"org": org, "scorecard": scorecard}),
        "scorecard-create": reverse("indicators:scorecard-create", kwargs={"org": org}),
        "scorecard-edit": reverse(
            "indicators:scorecard-edit", kwargs={"org": org, "scorecard": scorecard}
        ),
        "grid": reverse("indicators:grid", kwargs={"org": org, "scorecard": scorecard}),
        "targets": reverse("indicators:targets", kwargs={"org": org}),
        "import": reverse("indicators:import", kwargs={"org": org}),
        "batches": reverse("indicators:batches", kwargs={"org": org}),
    }


MEMBERS_READ = {"anonymous": 302, "viewer": 200, "editor": 200, "admin": 200}
MEMBERS_READ.update({"outsider": 404, "staff": 200})
EDITORS = {**MEMBERS_READ, "viewer": 403}
EXPECTED = {
    "list": {**MEMBERS_READ, "outsider": 200},
    "detail": MEMBERS_READ,
    "create": EDITORS,
    "edit": EDITORS,
    "scorecards": {**MEMBERS_READ, "anonymous": 200, "outsider": 200},
    "scorecard": {**MEMBERS_READ, "anonymous": 404},
    "scorecard-create": EDITORS,
    "scorecard-edit": EDITORS,
    "grid": EDITORS,
    "targets": EDITORS,
    "import": EDITORS,
    "batches": MEMBERS_READ,
}


@pytest.mark.parametrize("persona", ["anonymous", "viewer", "editor", "admin", "outsider", "staff"])
def test_every_page_answers_each_persona(client, personas, figures, persona):
    signed_in(client, personas, persona)
    statuses = {name: client.get(url).status_code for name, url in urls(figures).items()}
    assert statuses == {name: expected[persona] for name, expected in EXPECTED.items()}


@pytest.mark.parametrize("persona", ["anonymous", "outsider", "viewer"])
def test_published_scorecard_is_readable_by_anyone(client, personas, figures, persona):
    signed_in(client, personas, persona)
    scorecard = figures["published"]
    response = client.get(scorecard.get_absolute_url())
    assert response.status_code == 200
    assert "Women among managers" in response.text
    # The indicators' own pages are the owner's: others get no link that would answer 404.
    indicator_urls = {item.indicator.get_absolute_url() for item in scorecard.items.all()}
    linked = {url for url in indicator_urls if f'href="{url}' in response.text}
    if persona == "viewer":
        assert indicator_urls and linked == indicator_urls
        return
    assert indicator_urls and not linked
    assert all(client.get(url).status_code in (302, 404) for url in indicator_urls)


def test_anonymous_goes_to_sign_in_for_the_indicator_pages(client, figures):
    response = client.get(urls(figures)["detail"])
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# Indicators -------------------------------------------------------------------------------------


def test_list_filters_and_htmx_returns_the_rows(client, personas, figures):
    signed_in(client, personas, "viewer")
    response = client.get(reverse("indicators:list"), {"scope": "reference"})
    assert "Sick leave" in response.text
    assert "Women among managers" not in response.text
    fragment = client.get(reverse("indicators:list"), {"q": "managers"}, **HTMX)
    assert "<html" not in fragment.text
    assert "Women among managers" in fragment.text
    assert "Sick leave" not in fragment.text


def test_detail_shows_the_chart_the_table_the_gap_and_the_target(client, personas, figures):
    signed_in(client, personas, "viewer")
    response = client.get(urls(figures)["detail"])
    assert response.status_code == 200
    svg = re.search(r"<svg .*?</svg>", response.text, re.S).group(0)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert 'id="figures-table"' in response.text
    assert "<caption>" in response.text
    table = response.text[response.text.index('id="figures-table"') :]
    assert "2022" in table and "2023" in table
    assert "-10" in table  # the gap of 2023
    assert "0.82" in table  # the parity index 45/55
    assert "within 5 points of parity" in response.text
    assert "At risk" in response.text


def test_detail_of_another_organisations_figures_is_404(client, personas, figures):
    signed_in(client, personas, "viewer")
    response = client.get(urls(figures)["detail"], {"org": "org-b"})
    assert response.status_code == 404


def test_staff_without_membership_sees_the_indicator_without_figures(client, personas, figures):
    signed_in(client, personas, "staff")
    response = client.get(urls(figures)["detail"])
    assert response.status_code == 200
    assert "Choose an organisation" in response.text
    assert client.get(urls(figures)["detail"], {"org": "org-a"}).status_code == 200


def test_reference_indicator_is_edited_by_staff_only(client, personas, figures):
    url = reverse("indicators:edit", kwargs={"indicator": figures["reference"].pk})
    assert signed_in(client, personas, "admin").get(url).status_code == 403
    assert signed_in(client, personas, "staff").get(url).status_code == 200


def test_editor_creates_and_edits_an_own_indicator(client, personas, figures):
    signed_in(client, personas, "editor")
    data = {"code": "A2", "title_en": "Parental leave", "unit": "days", "direction": "parity"}
    response = client.post(urls(figures)["create"], {**data, "by_gender": "on"})
    indicator = Indicator.objects.get(code="A2")
    assert indicator.owner == personas.org_a
    assert response.status_code == 302
    duplicate = client.post(urls(figures)["create"], data)
    assert duplicate.status_code == 200
    assert "already has the code" in duplicate.text
    url = reverse("indicators:edit", kwargs={"indicator": indicator.pk})
    client.post(url, {**data, "title_en": "Parental leave days"})
    indicator.refresh_from_db()
    assert indicator.title_en == "Parental leave days"
    assert indicator.by_gender is False


# Scorecards -------------------------------------------------------------------------------------


def test_scorecard_shows_latest_values_gap_trend_and_traffic_light(client, personas, figures):
    signed_in(client, personas, "viewer")
    response = client.get(urls(figures)["scorecard"])
    text = response.text
    assert 'class="sparkline"' in text
    assert "Trend of Women among managers in Org A kommun" in text
    assert '<span class="badge warn">' in text
    assert "At risk" in text  # the light's text, not its colour alone
    assert "no figures" in text  # the reference indicator has none


def test_editor_creates_a_scorecard_with_indicators(client, personas, figures):
    signed_in(client, personas, "editor")
    response = client.post(
        urls(figures)["scorecard-create"],
        {"title": "Nytt", "indicators": [figures["reference"].pk, figures["own"].pk]},
    )
    scorecard = Scorecard.objects.get(title="Nytt")
    assert response.status_code == 302
    assert [item.indicator for item in scorecard.items.order_by("order")] == [
        figures["own"],
        figures["reference"],
    ]


def test_scorecard_form_offers_no_other_organisations_indicators(client, personas, figures):
    other = IndicatorFactory(code="B1", title_en="B's own", owner=personas.org_b)
    signed_in(client, personas, "editor")
    response = client.post(
        urls(figures)["scorecard-create"], {"title": "Nytt", "indicators": [other.pk]}
    )
    assert response.status_code == 200
    assert not Scorecard.objects.filter(title="Nytt").exists()


def network_scorecard(indicators: int, members: int, admin):
    network = NetworkFactory()
    MembershipFactory(user=admin, organisation=network, role="admin")
    orgs = [OrganisationFactory() for _ in range(members)]
    NetworkMembership.objects.bulk_create(
        [NetworkMembership(network=network, member=org, joined_on=date(2020, 1, 1)) for org in orgs]
    )
    # Each member accepted and shares its figures with the network.
    NetworkSharing.objects.bulk_create(
        [
            NetworkSharing(network=network, member=org, status="accepted", figures=True)
            for org in orgs
        ]
    )
    scorecard = ScorecardFactory(owner=network, title="Jämför", compare_members=True)
    measurements, targets = [], []
    for n in range(indicators):
        indicator = IndicatorFactory(title_en=f"Q{n}", direction=Direction.HIGHER)
        ScorecardItemFactory(scorecard=scorecard, indicator=indicator, order=n)
        for org in orgs:
            targets.append(Target(indicator=indicator, organisation=org, year=2024, value=40))
            for year in (2022, 2023, 2024):
                for gender, value in (("women", 40 + n), ("men", 60), ("total", 100)):
                    measurements.append(
                        Measurement(
                            indicator=indicator,
                            organisation=org,
                            period=str(year),
                            year=year,
                            gender=gender,
                            value=value,
                        )
                    )
    Measurement.objects.bulk_create(measurements)
    Target.objects.bulk_create(targets)
    return scorecard


def test_network_scorecard_queries_stay_bounded(client, personas, django_assert_max_num_queries):
    admin = personas.user("outsider")
    client.force_login(admin)
    small = network_scorecard(2, 3, admin)
    with django_assert_max_num_queries(12) as small_queries:
        response = client.get(small.get_absolute_url())
    assert response.status_code == 200
    large = network_scorecard(20, 50, admin)
    with django_assert_max_num_queries(len(small_queries)):
        response = client.get(large.get_absolute_url())
    assert response.status_code == 200
    assert response.text.count('<th scope="row">') == 20
    assert response.text.count('class="sparkline"') == 20 * 50


def test_network_scorecard_shows_members_as_columns(client, personas, figures):
    network = Organisation.objects.get(slug=personas.objects["network"])
    scorecard = ScorecardFactory(
        owner=network, title="Jämför", compare_members=True, is_published=True
    )
    ScorecardItemFactory(scorecard=scorecard, indicator=figures["own"])
    response = client.get(scorecard.get_absolute_url())
    assert response.status_code == 200
    assert '<th scope="col">Org A kommun</th>' in response.text
    # Published, read by anyone: org A's figures only once org A makes them public.
    assert "0.82" not in response.text and "not shared" in response.text
    publishing_update(organisation=personas.org_a, by=None, figures=True)
    html = client.get(scorecard.get_absolute_url()).text
    assert "0.82" in html
    # Each label keeps to its value; the table's name wraps above the scroll area.
    assert re.search(r'<span class="nowrap"><abbr title="Women">W</abbr> [^<]+</span>', html)
    assert re.search(r'<span class="nowrap"><abbr title="Men">M</abbr> [^<]+</span>', html)
    assert html.index('id="scorecard-compare-title"') < html.index('class="table-wrap"')


# The grid ---------------------------------------------------------------------------------------


def grid_url(figures, year=2024):
    return f"{urls(figures)['grid']}?year={year}"


def value(indicator, organisation, period, gender):
    measurement = Measurement.objects.filter(
        indicator=indicator, organisation=organisation, period=period, gender=gender
    ).first()
    return measurement.value if measurement else None


def test_grid_shows_inputs_for_each_indicator_and_gender(client, personas, figures):
    signed_in(client, personas, "editor")
    response = client.get(grid_url(figures, 2023))
    own = figures["own"].pk
    assert f'name="i{own}-women" value="45"' in response.text
    assert f'name="i{own}-total" value="100"' in response.text
    # The reference indicator is not split by gender: only its total has an input.
    assert f'name="i{figures["reference"].pk}-total"' in response.text
    assert f'name="i{figures["reference"].pk}-women"' not in response.text


def test_grid_plain_post_saves_all_rows(client, personas, figures):
    signed_in(client, personas, "editor")
    own, reference = figures["own"], figures["reference"]
    response = client.post(
        grid_url(figures),
        {f"i{own.pk}-women": "47,5", f"i{own.pk}-men": "52.5", f"i{reference.pk}-total": "8"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2024")
    assert value(own, personas.org_a, "2024", "women") == Decimal("47.5")
    assert value(own, personas.org_a, "2024", "men") == Decimal("52.5")
    assert value(own, personas.org_a, "2024", "total") is None  # empty: left as it is
    assert value(reference, personas.org_a, "2024", "total") == Decimal(8)


@pytest.mark.parametrize("bad", ["many", "1.2.3", "12,5,1", "1e400", "99999999999999"])
def test_grid_with_bad_input_saves_nothing_and_marks_the_row(client, personas, figures, bad):
    signed_in(client, personas, "editor")
    own, reference = figures["own"], figures["reference"]
    response = client.post(
        grid_url(figures), {f"i{own.pk}-women": bad, f"i{reference.pk}-total": "8"}
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.text
    assert f'id="grid-row-{own.pk}-errors" role="alert"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert f'value="{bad}"' in response.text  # the answer is kept for correcting
    assert value(reference, personas.org_a, "2024", "total") is None


def test_grid_accepts_negative_values(client, personas, figures):
    signed_in(client, personas, "editor")
    own = figures["own"]
    client.post(grid_url(figures), {f"i{own.pk}-women": "-3"})
    assert value(own, personas.org_a, "2024", "women") == Decimal(-3)


def test_grid_htmx_saves_one_row_and_returns_it(client, personas, figures):
    signed_in(client, personas, "editor")
    own, reference = figures["own"], figures["reference"]
    response = client.post(
        grid_url(figures),
        {"row": own.pk, f"i{own.pk}-women": "12", f"i{reference.pk}-total": "99"},
        **HTMX,
    )
    assert response.status_code == 200
    assert response.text.strip().startswith("<tr")
    assert "Saved" in response.text
    assert value(own, personas.org_a, "2024", "women") == Decimal(12)
    assert value(reference, personas.org_a, "2024", "total") is None  # another row


def test_grid_htmx_row_with_bad_input_shows_the_message_in_the_row(client, personas, figures):
    signed_in(client, personas, "editor")
    own = figures["own"]
    response = client.post(
        grid_url(figures), {"row": own.pk, f"i{own.pk}-women": "abc", f"i{own.pk}-men": "5"}, **HTMX
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.text
    assert "Enter a number" in response.text
    assert value(own, personas.org_a, "2024", "men") is None


def test_grid_htmx_row_not_on_the_scorecard_is_404(client, personas, figures):
    other = IndicatorFactory()
    signed_in(client, personas, "editor")
    response = client.post(grid_url(figures), {"row": other.pk}, **HTMX)
    assert response.status_code == 404
    assert client.post(grid_url(figures), {"row": "x"}, **HTMX).status_code == 404


def test_grid_bad_year_falls_back_to_last_year(client, personas, figures):
    signed_in(client, personas, "editor")
    assert client.get(grid_url(figures, "abc")).status_code == 200


def test_viewer_cannot_post_to_the_grid(client, personas, figures):
    signed_in(client, personas, "viewer")
    own = figures["own"]
    response = client.post(grid_url(figures), {f"i{own.pk}-women": "1"})
    assert response.status_code == 403
    assert value(own, personas.org_a, "2024", "women") is None


# Targets ----------------------------------------------------------------------------------------


def test_editor_sets_and_replaces_a_target(client, personas, figures):
    signed_in(client, personas, "editor")
    own = figures["own"]
    data = {"indicator": own.pk, "year": 2026, "kind": "value", "value": "50"}
    assert client.post(urls(figures)["targets"], data).status_code == 302
    client.post(urls(figures)["targets"], {**data, "value": "55"})
    target = Target.objects.get(indicator=own, year=2026)
    assert target.value == Decimal(55)
    response = client.post(urls(figures)["targets"], {**data, "kind": "ratio_band", "value": ""})
    assert response.status_code == 200
    assert "lowest and highest ratio" in response.text


# Import -----------------------------------------------------------------------------------------


def csv_upload(personas, rows):
    code = personas.org_a.official_code
    lines = ["indicator,organisation_code,period,gender,value"]
    lines += [line.replace("ORG", code) for line in rows]
    return SimpleUploadedFile("figures.csv", "\n".join(lines).encode(), "text/csv")


def test_import_previews_then_imports_the_valid_rows(
    client, personas, figures, settings, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    signed_in(client, personas, "editor")
    url = urls(figures)["import"]
    upload = csv_upload(personas, ["A1,ORG,2024,women,50", "A1,ORG,2024,men,many"])
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "Import the 1 valid row" in response.text
    assert "many" in response.text or "not a number" in response.text
    preview = ImportBatch.objects.get()
    assert preview.status == ImportBatch.Status.PREVIEW
    assert value(figures["own"], personas.org_a, "2024", "women") is None
    # Kept privately under a name nobody can guess, not under the uploaded name.
    stored = preview.file.name
    assert stored.startswith("imports/") and "figures" not in stored
    assert default_storage.exists(stored)
    assert f'name="preview" value="{preview.pk}"' in response.text
    # Previews are not imports: the history does not list them.
    assert "figures.csv" not in client.get(urls(figures)["batches"]).text

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"preview": preview.pk})
    # The preview becomes the import, queued for a worker (here the test's immediate one).
    assert response.status_code == 302
    assert response.url == reverse("indicators:batch", kwargs={"org": "org-a", "batch": preview.pk})
    batch = ImportBatch.objects.get()
    assert batch.pk == preview.pk
    assert batch.status == ImportBatch.Status.DONE
    assert batch.progress_current == batch.progress_total == 2 + 1
    assert not batch.file
    page = client.get(response.url)
    assert "1 added, 0 changed" in page.text
    assert 'role="progressbar"' not in page.text
    assert batch.file_name == "figures.csv"
    assert batch.organisation == personas.org_a
    assert value(figures["own"], personas.org_a, "2024", "women") == Decimal(50)
    assert not default_storage.exists(stored)
    history = client.get(urls(figures)["batches"])
    assert "figures.csv" in history.text
    # The same preview cannot be imported twice.
    again = client.post(url, {"preview": preview.pk}, follow=True)
    assert "expired" in again.text
    assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize("preview", ["../../etc/passwd", "0", "abc", "999999"])
def test_import_refuses_previews_it_did_not_make(client, personas, figures, preview):
    signed_in(client, personas, "editor")
    response = client.post(urls(figures)["import"], {"preview": preview}, follow=True)
    assert "expired" in response.text
    assert not ImportBatch.objects.exists()


def test_import_preview_of_another_user_is_refused(client, personas, figures):
    signed_in(client, personas, "editor")
    upload = csv_upload(personas, ["A1,ORG,2024,women,50"])
    client.post(urls(figures)["import"], {"file": upload})
    preview = ImportBatch.objects.get()
    signed_in(client, personas, "admin")
    response = client.post(urls(figures)["import"], {"preview": preview.pk}, follow=True)
    assert "expired" in response.text
    assert list(ImportBatch.objects.values_list("status", flat=True)) == ["preview"]
    assert value(figures["own"], personas.org_a, "2024", "women") is None


def test_unconfirmed_previews_are_removed_after_a_day(client, personas, figures):
    from datetime import timedelta

    from django.core.files.storage import default_storage
    from django.utils import timezone

    from equalocal.indicators.services import import_previews_discard

    signed_in(client, personas, "editor")
    client.post(urls(figures)["import"], {"file": csv_upload(personas, ["A1,ORG,2024,women,5"])})
    preview = ImportBatch.objects.get()
    assert import_previews_discard() == 0
    assert import_previews_discard(now=timezone.now() + timedelta(hours=25)) == 1
    assert not ImportBatch.objects.exists()
    assert not default_storage.exists(preview.file.name)


def test_import_refuses_other_file_types_and_large_files(client, personas, figures):
    signed_in(client, personas, "editor")
    url = urls(figures)["import"]
    text = SimpleUploadedFile("notes.txt", b"hello", "text/plain")
    assert "Upload a CSV, XLSX or Kolada JSON file" in client.post(url, {"file": text}).text
    response = client.post(
        url, {"file": SimpleUploadedFile("big.csv", b"x")}, CONTENT_LENGTH=str(21 * 1024 * 1024)
    )
    assert re.search(r"larger than 20(\.0)?\sMB", response.text)


def test_import_of_a_broken_file_shows_the_reason(client, personas, figures):
    signed_in(client, personas, "editor")
    upload = SimpleUploadedFile("kolada.json", b'{"values": [{"kpi": "N1", ', "application/json")
    response = client.post(urls(figures)["import"], {"file": upload})
    assert response.status_code == 200
    assert "There are no valid rows to import." in response.text


def test_an_organisations_scorecards_page_shows_the_network_scorecards_it_appears_in(
    client, personas
):
    """Seen: Umeå's page said "no scorecards yet" while Umeåregionen's scorecard includes Umeå."""
    network = Organisation.objects.get(slug=personas.objects["network"])
    ScorecardFactory(
        owner=network, title="Nätverkets jämförelse", compare_members=True, is_published=True
    )
    ScorecardFactory(owner=network, title="Intern jämförelse", compare_members=True)
    client.force_login(personas.user("viewer"))
    html = client.get(reverse("indicators:scorecards", kwargs={"org": "org-a"})).content.decode()
    assert "Nätverkets jämförelse" in html
    assert "Intern jämförelse" not in html  # unpublished, and the viewer is not in the network org
