"""Exports over HTTP: through the gate, with the people and sharing rules, never cached, safe
cells, a bounded number of queries; the figures go back in through the indicators import."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from equalocal.indicators import imports as figure_imports
from equalocal.indicators.models import Measurement
from equalocal.organisations.models import NetworkSharing
from tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    MeetingFactory,
    NetworkMembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


def _rows(response) -> list[list]:
    kind = response["Content-Type"]
    if kind.startswith("text/csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    if kind == "application/json":
        document = json.loads(response.content)
        return [document["columns"]] + [list(row.values()) for row in document["rows"]]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _plan_url(personas, fmt="xlsx"):
    return reverse(
        "exchange:plan-export",
        kwargs={"org": personas.org_a.slug, "plan": personas.objects["plan"], "fmt": fmt},
    )


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_a_viewer_exports_the_plan_in_every_format_never_cached(client, personas, fmt):
    client.force_login(personas.user("viewer"))
    response = client.get(_plan_url(personas, fmt))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    rows = _rows(response)
    assert len(rows) >= 2


def test_head_answers_as_get_does(client, personas):
    """HEAD is GET without the body (link checkers, download managers): a member gets 200
    with the headers, an outsider 404, as for GET; no export answered 405."""
    client.force_login(personas.user("viewer"))
    response = client.head(_plan_url(personas, "csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    client.force_login(personas.user("outsider"))
    assert client.head(_plan_url(personas, "csv")).status_code == 404


def test_the_outsider_gets_404_and_the_peer_too(client, personas):
    for persona in ("outsider", "peer"):
        client.force_login(personas.user(persona))
        assert client.get(_plan_url(personas)).status_code == 404


def test_formulas_and_markup_are_inert_in_every_export(client, personas):
    from equalocal.plans.models import ActionPlan

    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    ActivityFactory(plan=plan, title='=cmd|"/c calc"!A1', comment="<script>x</script>")
    client.force_login(personas.user("viewer"))
    sheet_rows = _rows(client.get(_plan_url(personas, "xlsx")))
    csv_rows = _rows(client.get(_plan_url(personas, "csv")))
    for rows in (sheet_rows, csv_rows):
        titles = [row[1] for row in rows]
        assert '\'=cmd|"/c calc"!A1' in titles
    workbook = load_workbook(io.BytesIO(client.get(_plan_url(personas, "xlsx")).content))
    assert all(cell.data_type != "f" for row in workbook.worksheets[0].iter_rows() for cell in row)


def test_names_follow_the_people_rule_in_a_published_plan(client, personas):
    from equalocal.plans.models import ActionPlan

    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    plan.is_published = True
    plan.save()
    person = PersonFactory(organisation=personas.org_a, name="Hemlig Person", title="Strateg")
    ActivityFactory(plan=plan, title="Med ansvarig", responsible_person=person)
    client.force_login(personas.user("outsider"))
    outsider = [row[3] for row in _rows(client.get(_plan_url(personas, "csv")))]
    assert "Strateg" in outsider and "Hemlig Person" not in outsider
    client.force_login(personas.user("viewer"))
    member = [row[3] for row in _rows(client.get(_plan_url(personas, "csv")))]
    assert "Hemlig Person" in member


def test_a_plan_of_200_activities_exports_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    from equalocal.plans.models import ActionPlan

    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    goals = [GoalFactory(plan=plan) for _ in range(5)]
    for n in range(200):
        ActivityFactory(
            goal=goals[n % 5],
            responsible_person=PersonFactory(organisation=personas.org_a) if n % 7 == 0 else None,
        )
    client.force_login(personas.user("viewer"))
    with django_assert_max_num_queries(15):
        response = client.get(_plan_url(personas, "xlsx"))
    assert len(_rows(response)) > 200


def test_the_indicator_figures_go_back_in_through_the_indicators_import(client, personas):
    organisation = personas.org_a
    indicator = IndicatorFactory(code="N00945", owner=organisation)
    for year, women, men in [(2023, 40, 60), (2024, 45, 55)]:
        MeasurementFactory(
            indicator=indicator,
            organisation=organisation,
            period=str(year),
            gender="women",
            value=women,
        )
        MeasurementFactory(
            indicator=indicator,
            organisation=organisation,
            period=str(year),
            gender="men",
            value=men,
        )
    before = sorted(
        Measurement.objects.filter(organisation=organisation).values_list(
            "indicator__code", "period", "gender", "value"
        )
    )
    client.force_login(personas.user("viewer"))
    for layout in ("long", "wide"):
        for fmt in ("xlsx", "csv"):
            url = reverse(
                "exchange:indicators-export", kwargs={"org": organisation.slug, "fmt": fmt}
            )
            data = client.get(f"{url}?layout={layout}").content
            Measurement.objects.filter(organisation=organisation).delete()
            batch = figure_imports.import_file(
                path_or_file=io.BytesIO(data), organisation=organisation
            )
            assert batch.rows_rejected == 0, batch.errors
            after = sorted(
                Measurement.objects.filter(organisation=organisation).values_list(
                    "indicator__code", "period", "gender", "value"
                )
            )
            assert after == before, (layout, fmt)


def test_indicator_figures_are_for_members_only(client, personas):
    url = reverse("exchange:indicators-export", kwargs={"org": personas.org_a.slug, "fmt": "csv"})
    client.force_login(personas.user("outsider"))
    assert client.get(url).status_code == 404


def test_the_organisation_list_exports_with_the_pages_filters(client, personas):
    OrganisationFactory(name="Filtrerad stad", country="FI")
    url = reverse("exchange:organisations-export", kwargs={"fmt": "csv"})
    rows = _rows(client.get(f"{url}?country=FI"))
    assert [row[0] for row in rows[1:]] == ["Filtrerad stad"]


def _network_url(personas, name, fmt="csv", **kwargs):
    return reverse(
        f"network_exchange:{name}",
        kwargs={"org": personas.objects["network"], "fmt": fmt, **kwargs},
    )


def test_network_members_export_names_people_only_where_shared(client, personas):
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    person = PersonFactory(organisation=personas.org_c, name="Peer Person", title="Samordnare")
    NetworkMembershipFactory(body=group, member=personas.org_c, joined_on=date(2024, 1, 1))
    SeatFactory(body=group, person=person)
    client.force_login(personas.user("viewer"))
    rows = _rows(client.get(_network_url(personas, "members-export")))
    assert "Samordnare" in [row[6] for row in rows]
    assert "Peer Person" not in [row[6] for row in rows]
    # Once org C shares its contacts with the network, its people are named.
    sharing = NetworkSharing.objects.get(
        network__slug=personas.objects["network"], member=personas.org_c
    )
    sharing.contacts = True
    sharing.save()
    rows = _rows(client.get(_network_url(personas, "members-export")))
    assert "Peer Person" in [row[6] for row in rows]


def test_the_dashboard_export_says_not_shared_rather_than_showing_a_value(client, personas):
    CommitmentFactory(organisation=personas.org_c, status="signed")
    sharing = NetworkSharing.objects.get(
        network__slug=personas.objects["network"], member=personas.org_c
    )
    assert (sharing.commitment, sharing.progress) == (True, False)
    client.force_login(personas.user("viewer"))
    rows = _rows(client.get(_network_url(personas, "dashboard-export")))
    org_c = next(row for row in rows if row[0] == personas.org_c.name)
    assert org_c[3] == "Signed"
    assert (org_c[6], org_c[7], org_c[8]) == ("not shared", "not shared", "not shared")


def test_meetings_export_lists_the_groups_meetings(client, personas):
    from equalocal.networks.models import Body

    group = Body.objects.get(slug=personas.objects["group"])
    MeetingFactory(body=group, date=date(2025, 5, 1), place="@Kotka")
    client.force_login(personas.user("peer"))
    rows = _rows(client.get(_network_url(personas, "meetings-export", group=group.slug)))
    assert "'@Kotka" in [row[3] for row in rows]


def test_network_exports_are_404_for_outsiders(client, personas):
    client.force_login(personas.user("outsider"))
    for name in ("members-export", "dashboard-export"):
        assert client.get(_network_url(personas, name)).status_code == 404


def test_pages_link_their_export_menu(client, personas):
    client.force_login(personas.user("viewer"))
    pages = [
        reverse(
            "plans:detail", kwargs={"org": personas.org_a.slug, "plan": personas.objects["plan"]}
        ),
        reverse("networks:dashboard", kwargs={"org": personas.objects["network"]}),
        reverse("networks:members", kwargs={"org": personas.objects["network"]}),
        reverse("organisations:list"),
    ]
    for page in pages:
        html = client.get(page).content.decode()
        assert 'class="export-menu"' in html, page
        assert ".xlsx" in html and ".csv" in html and ".json" in html, page


def test_network_exports_of_200_rows_cost_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    from equalocal.networks.models import Body

    network = Body.objects.get(slug=personas.objects["group"]).network
    group = Body.objects.get(slug=personas.objects["group"])
    for n in range(200):
        member = OrganisationFactory(name=f"Medlem {n:03d}")
        NetworkMembershipFactory(network=network, member=member, joined_on=date(2024, 1, 1))
        CommitmentFactory(organisation=member, status="signed")
        if n % 2:
            SeatFactory(body=group, person=PersonFactory(organisation=member))
        MeetingFactory(body=group, date=date(2020, 1, 1) + timedelta(days=n))
    client.force_login(personas.user("viewer"))
    for name, kwargs in [
        ("members-export", {}),
        ("dashboard-export", {}),
        ("meetings-export", {"group": group.slug}),
    ]:
        with django_assert_max_num_queries(20):
            response = client.get(_network_url(personas, name, "json", **kwargs))
        assert len(json.loads(response.content)["rows"]) >= 200, name


def test_200_figures_export_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    for n in range(50):
        indicator = IndicatorFactory(code=f"K{n:03d}", owner=personas.org_a)
        for period in ("2024", "2025"):
            for gender in ("women", "men"):
                MeasurementFactory(
                    indicator=indicator,
                    organisation=personas.org_a,
                    period=period,
                    gender=gender,
                    value=n,
                )
    client.force_login(personas.user("viewer"))
    url = reverse("exchange:indicators-export", kwargs={"org": personas.org_a.slug, "fmt": "csv"})
    with django_assert_max_num_queries(12):
        response = client.get(f"{url}?layout=long")
    assert len(_rows(response)) > 200


def test_the_indicator_page_links_both_layouts(client, personas):
    from equalocal.organisations.models import Membership

    client.force_login(personas.user("viewer"))
    membership = Membership.objects.get(user=personas.user("viewer"))
    session = client.session
    session["current_organisation"] = membership.organisation_id
    session.save()
    html = client.get(reverse("indicators:list")).content.decode()
    assert "layout=long" in html and "layout=wide" in html
