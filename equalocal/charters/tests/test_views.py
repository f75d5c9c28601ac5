"""The public Charter pages, in English and Swedish."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


def _article(html, number):
    match = re.search(rf'<li id="article-{number}">(.*?)</li>', html, re.S)
    assert match, f"article {number} missing"
    return match.group(1)


def test_charter_index_redirects_to_the_current_text(client):
    response = client.get(reverse("charters:index"))
    assert response.status_code == 302
    assert response.url == reverse("charters:text", kwargs={"charter": "2022"})


def test_unknown_charter_text_is_404(client):
    assert client.get(reverse("charters:text", kwargs={"charter": "1999"})).status_code == 404


def test_charter_page_in_english_lists_articles_and_marks_unverified_numbers(client):
    # Staff see the verification state; the public sees one note (test_commitments).
    sign_in(client, UserFactory(is_staff=True))
    response = client.get(reverse("charters:text", kwargs={"charter": "2022"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="en"' in html
    assert "Gender-based violence" in _article(html, 22)
    assert "unverified" not in _article(html, 22)
    assert "number unverified" in _article(html, 35)
    assert html.count('<li id="article-') == 39


def test_2006_page_has_30_articles(client):
    html = client.get(reverse("charters:text", kwargs={"charter": "2006"})).content.decode()
    assert html.count('<li id="article-') == 30


@pytest.mark.parametrize("how", ["cookie", "header"])
def test_charter_page_in_swedish_shows_swedish_titles_and_unverified_markers(client, how):
    sign_in(client, UserFactory(is_staff=True, language=""))
    extra = {"HTTP_ACCEPT_LANGUAGE": "sv"}
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
        extra = {}
    response = client.get(reverse("charters:text", kwargs={"charter": "2022"}), **extra)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="sv"' in html
    assert "Den europeiska deklarationen för jämställdhet" in html
    # Article 21: Swedish title verified; 22–30: Swedish title shown but marked unverified.
    assert "Säkerhet och trygghet" in _article(html, 21)
    assert "badge warn" not in _article(html, 21)
    for number, title in [
        (22, "Könsrelaterat våld"),
        (30, "Vänortssamarbete och internationellt samarbete"),
    ]:
        article = _article(html, number)
        assert title in article
        assert 'class="badge warn"' in article
    assert _article(html, 36).count('class="badge warn"') == 2  # number and title
    assert "Digital inkludering" in _article(html, 36)


def test_charter_page_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        client.get(reverse("charters:text", kwargs={"charter": "2022"}))
