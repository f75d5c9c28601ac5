"""The main navigation reaches every area a member uses, with the current one marked."""

import re

import pytest
from django.urls import reverse

from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def nav(html: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each link in the main navigation."""
    block = html[html.index('<nav class="main-nav"') : html.index("</nav>")]
    return [
        (label.strip(), href, bool(current))
        for href, current, label in re.findall(
            r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>', block
        )
    ]


def test_a_member_finds_every_area_from_the_navigation(client, personas):
    client.force_login(personas.user("viewer"))
    links = {label: href for label, href, _ in nav(client.get("/").content.decode())}
    assert links == {
        "Home": "/",
        "My work": "/my-work/",
        "Dashboard": "/organisations/org-a/plans/dashboard/",
        "Signatories": "/signatories/",
        "Commitment": "/charter/organisations/org-a/commitments/",
        "Plans": "/organisations/org-a/plans/",
        "Indicators": "/indicators/organisations/org-a/scorecards/",
        # Org A works in two networks (N and a national association): the list of them.
        "Network": "/organisations/org-a/networks/",
        "Documents": "/organisations/org-a/documents/",
        "Reports": "/organisations/org-a/reports/",
        "Organisations": "/organisations/",
        "Library": "/library/",
        "The Charter": "/charter/",
    }
    for label, href in links.items():
        assert client.get(href, follow=True).status_code == 200, label


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", "Home"),
        ("/organisations/org-a/plans/dashboard/", "Dashboard"),
        ("/organisations/org-a/plans/", "Plans"),
        ("/charter/organisations/org-a/commitments/", "Commitment"),
        ("/indicators/", "Indicators"),
        ("/organisations/org-a/documents/", "Documents"),
        ("/organisations/org-a/reports/", "Reports"),
        ("/charter/", "The Charter"),
        ("/organisations/", "Organisations"),
        ("/signatories/map/", "Signatories"),
        ("/library/events/", "Library"),
    ],
)
def test_the_current_area_is_marked(client, personas, url, current):
    client.force_login(personas.user("viewer"))
    marked = [
        label
        for label, _href, is_current in nav(client.get(url, follow=True).content.decode())
        if is_current
    ]
    assert marked == [current]


def test_the_network_entry_marks_network_pages(client, personas):
    client.force_login(personas.user("viewer"))
    url = reverse("networks:overview", kwargs={"org": personas.objects["network"]})
    marked = [
        label for label, _href, is_current in nav(client.get(url).content.decode()) if is_current
    ]
    assert marked == ["Network"]


def test_a_member_of_several_networks_is_led_to_the_list_of_them(client, personas):
    """Org A is in network N and in a national association: "Network" opens neither one
    (the first by name was chosen before) but the organisation's networks page, which lists
    both and is marked as the current area, as each network's own pages are."""
    client.force_login(personas.user("viewer"))
    networks_page = reverse("memberships:index", kwargs={"org": "org-a"})
    page = client.get(networks_page).content.decode()
    assert [label for label, _href, is_current in nav(page) if is_current] == ["Network"]
    listed = page[page.index('id="networks-heading"') :]
    listed = listed[: listed.index("</section>")]
    for key in ("national", "network"):
        assert reverse("networks:overview", kwargs={"org": personas.objects[key]}) in listed
    assert "other-network" not in listed  # asked, not answered: not a network it works in
    overview = reverse("networks:overview", kwargs={"org": personas.objects["national"]})
    marked = [label for label, _h, current in nav(client.get(overview).content.decode()) if current]
    assert marked == ["Network"]


def test_a_member_of_one_network_is_led_to_that_network(client, personas):
    client.force_login(personas.user("peer"))
    links = {label: href for label, href, _ in nav(client.get("/").content.decode())}
    assert links["Network"] == reverse(
        "networks:overview", kwargs={"org": personas.objects["network"]}
    )


def test_an_organisation_in_no_network_has_no_network_entry(client, personas):
    client.force_login(personas.user("outsider"))
    labels = [label for label, _href, _current in nav(client.get("/").content.decode())]
    assert "Network" not in labels


def test_anonymous_visitors_see_the_public_areas_only(client, personas):
    labels = [label for label, _href, _current in nav(client.get("/").content.decode())]
    assert labels == ["Home", "Signatories", "Organisations", "Library", "The Charter"]


def test_staff_also_see_the_administration(client, personas):
    sign_in(client, personas.user("staff"))
    labels = [label for label, _href, _current in nav(client.get("/").content.decode())]
    assert labels[-1] == "Administration"
