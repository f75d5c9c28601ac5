"""Session timeouts: idle and absolute, each sending the person to sign in and back."""

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from equalocal.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"


def _sign_in(client, **account):
    UserFactory(email="vera@umea.se", password=PASSWORD, **account)
    response = client.post(
        reverse("accounts:login"), {"username": "vera@umea.se", "password": PASSWORD}
    )
    assert response.status_code == 302


def _move_clocks(client, *, signed_in_ago: float, last_seen_ago: float):
    """Move time for this session: its stored timestamps are set back by the given seconds."""
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN] = now - last_seen_ago
    session.save()


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_signing_in_starts_both_clocks(client):
    before = time.time()
    _sign_in(client)
    assert client.session[SIGNED_IN_AT] >= before
    assert client.session[LAST_SEEN] == client.session[SIGNED_IN_AT]


def test_an_active_session_is_kept(client):
    _sign_in(client)
    _move_clocks(client, signed_in_ago=11 * 3600, last_seen_ago=119 * 60)
    assert client.get(reverse("accounts:profile")).status_code == 200
    # The request counted as activity.
    assert time.time() - client.session[LAST_SEEN] < 5


def test_an_idle_session_ends_and_signing_in_again_returns_to_the_page(client, settings):
    settings.LANGUAGE_CODE = "en"
    _sign_in(client)
    _move_clocks(client, signed_in_ago=3 * 3600, last_seen_ago=121 * 60)
    page = reverse("accounts:profile") + "?tab=1"
    response = client.get(page, follow=True)
    assert SESSION_KEY not in client.session
    assert response.redirect_chain[0][0].startswith(reverse("accounts:login") + "?next=")
    assert _messages(response) == [
        "You were signed out after 120 minutes without activity. "
        "Sign in again to continue where you were."
    ]
    back = client.post(
        response.redirect_chain[0][0],
        {"username": "vera@umea.se", "password": PASSWORD, "next": page},
    )
    assert back.url == page


def test_a_session_ends_after_the_absolute_timeout_however_active(client):
    _sign_in(client)
    _move_clocks(client, signed_in_ago=12 * 3600 + 60, last_seen_ago=10)
    response = client.get(reverse("accounts:profile"), follow=True)
    assert SESSION_KEY not in client.session
    assert "you signed in more than 12 hours ago" in _messages(response)[0]


def test_the_timeouts_come_from_the_settings(client, settings):
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_IDLE_TIMEOUT / 4  # 30 minutes
    _sign_in(client)
    _move_clocks(client, signed_in_ago=40 * 60, last_seen_ago=31 * 60)
    response = client.get(reverse("accounts:profile"), follow=True)
    assert "after 30 minutes without activity" in _messages(response)[0]


def test_the_message_is_in_swedish_for_a_swedish_user(client):
    # The account's language, whatever the browser asks for.
    _sign_in(client, language="sv")
    _move_clocks(client, signed_in_ago=3 * 3600, last_seen_ago=3 * 3600)
    response = client.get(reverse("accounts:profile"), follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "Du loggades ut efter 120 minuter utan aktivitet." in _messages(response)[0]


def test_an_expired_htmx_request_sends_the_whole_page_to_sign_in(client):
    _sign_in(client)
    _move_clocks(client, signed_in_ago=3 * 3600, last_seen_ago=3 * 3600)
    response = client.post(
        reverse("home:switch-organisation"),
        {},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/accounts/profile/",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("accounts:login") + "?next=")
    assert "profile" in response["HX-Redirect"]
