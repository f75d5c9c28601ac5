"""The language a person reads the site in: a signed-in person's account language on every
request (pages, error pages, form errors), the switcher keeping the choice in the account, and
the sign-in and lockout pages in the browser's language, which never tells whether an
account exists."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from equalocal.accounts.language import ACCOUNT_LANGUAGE
from equalocal.accounts.signin import locked_until
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"
COOKIE = settings.LANGUAGE_COOKIE_NAME
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
SWEDISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "sv-SE,sv;q=0.9,en;q=0.8"}


def _sign_in(client, email="vera@umea.se", password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR="10.0.0.1",
        **extra,
    )


@pytest.fixture
def swedish_user():
    return UserFactory(email="vera@umea.se", password=PASSWORD, language="sv")


# A signed-in person's language ------------------------------------------------------------------


def test_signing_in_in_a_fresh_browser_gives_the_accounts_language(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    response = _sign_in(client)
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "sv"
    assert response.cookies[COOKIE]["samesite"] == "Lax"
    page = client.get(reverse("accounts:profile"))
    html = page.content.decode()
    assert 'lang="sv"' in html
    assert "Din profil" in html
    assert page["Content-Language"] == "sv"


def test_the_accounts_language_applies_without_the_cookie_for_the_rest_of_the_session(
    swedish_user,
):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    assert client.session[ACCOUNT_LANGUAGE] is True
    # The browser was closed and opened again: the cookie is gone, the session is not.
    del client.cookies[COOKIE]
    page = client.get(reverse("accounts:profile"))
    assert 'lang="sv"' in page.content.decode()
    assert page.cookies[COOKIE].value == "sv"


@pytest.mark.parametrize("cookie", ["kept", "gone"])
def test_the_404_page_is_in_the_accounts_language(swedish_user, cookie):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    if cookie == "gone":
        del client.cookies[COOKIE]
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert "Sidan hittades inte" in html


def test_form_errors_are_in_the_accounts_language(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    del client.cookies[COOKIE]
    response = client.post(reverse("accounts:profile"), {"language": "xx"})
    assert response.status_code == 200
    assert 'lang="sv"' in response.content.decode()
    [error] = response.context["form"].errors["language"]
    assert "Välj ett giltigt alternativ" in error


def test_an_explicit_choice_in_this_browser_wins_over_the_account(swedish_user):
    client = Client(**SWEDISH_BROWSER)
    _sign_in(client)
    client.cookies[COOKIE] = "en"
    html = client.get(reverse("accounts:profile")).content.decode()
    assert 'lang="en"' in html


def test_signing_in_replaces_a_choice_made_before(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[COOKIE].value == "en"
    _sign_in(client)
    assert client.cookies[COOKIE].value == "sv"
    assert 'lang="sv"' in client.get(reverse("accounts:profile")).content.decode()


def test_signing_in_with_a_code_gives_the_accounts_language(swedish_user):
    from equalocal.accounts.tests.test_two_factor import code_for
    from tests.factories import TOTPDeviceFactory

    device = TOTPDeviceFactory(user=swedish_user)
    client = Client(**ENGLISH_BROWSER)
    assert _sign_in(client).url == reverse("accounts:sign-in-code")
    assert COOKIE not in client.cookies  # the password alone signs nobody in
    done = client.post(reverse("accounts:sign-in-code"), {"code": code_for(device)})
    assert done.status_code == 302
    assert SESSION_KEY in client.session
    assert done.cookies[COOKIE].value == "sv"
    assert 'lang="sv"' in client.get(reverse("accounts:profile")).content.decode()


def test_after_signing_out_the_browser_keeps_the_language(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    client.post(reverse("accounts:logout"))
    assert SESSION_KEY not in client.session
    html = client.get(reverse("accounts:login")).content.decode()
    assert 'lang="sv"' in html


def test_an_english_account_in_a_swedish_browser_reads_english():
    UserFactory(email="erik@umea.se", password=PASSWORD, language="en")
    client = Client(**SWEDISH_BROWSER)
    _sign_in(client, email="erik@umea.se")
    del client.cookies[COOKIE]
    assert 'lang="en"' in client.get(reverse("accounts:profile")).content.decode()


def test_an_account_without_a_language_keeps_the_browsers():
    UserFactory(email="ines@umea.se", password=PASSWORD, language="")
    client = Client(**SWEDISH_BROWSER)
    response = _sign_in(client, email="ines@umea.se")
    assert COOKIE not in response.cookies
    assert 'lang="sv"' in client.get(reverse("accounts:profile")).content.decode()


# The switcher -----------------------------------------------------------------------------------


def test_switching_language_when_signed_in_keeps_it_in_the_account(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:profile")}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert response.cookies[COOKIE].value == "en"
    swedish_user.refresh_from_db()
    assert swedish_user.language == "en"
    assert 'lang="en"' in client.get(reverse("accounts:profile")).content.decode()

    # The next sign-in, in another browser that asks for Swedish, is in English.
    other = Client(**SWEDISH_BROWSER)
    _sign_in(other)
    assert 'lang="en"' in other.get(reverse("accounts:profile")).content.decode()


def test_switching_language_signed_out_sets_only_the_cookie(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies[COOKIE].value == "en"
    swedish_user.refresh_from_db()
    assert swedish_user.language == "sv"


def test_switching_to_an_unknown_language_changes_nothing(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    assert COOKIE not in response.cookies
    swedish_user.refresh_from_db()
    assert swedish_user.language == "sv"


def test_the_switcher_needs_a_post(swedish_user):
    client = Client(**ENGLISH_BROWSER)
    _sign_in(client)
    client.get(reverse("set_language"), {"language": "en", "next": "/"})
    swedish_user.refresh_from_db()
    assert swedish_user.language == "sv"


# The lockout page -------------------------------------------------------------------------------


def _lock_out(client, email, **extra):
    for _ in range(4):
        _sign_in(client, email=email, password="wrong-password-1", **extra)
    return _sign_in(client, email=email, password="wrong-password-1", **extra)


@pytest.mark.parametrize("email", ["vera@umea.se", "nobody@umea.se"])
def test_the_lockout_is_in_the_browsers_language_with_the_time_in_swedish_form(
    client, swedish_user, email
):
    response = _lock_out(client, email, **SWEDISH_BROWSER)
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="sv"' in html
    assert response["Content-Language"] == "sv"
    with translation.override("sv"):
        time = formats.time_format(timezone.localtime(locked_until_for(email)))
    assert (
        "För många misslyckade inloggningar för det här kontot eller från den här adressen. "
        f"Du kan försöka igen klockan {time}, om ungefär 15 minuter."
    ) in " ".join(html.split())


def locked_until_for(email):
    from django.test import RequestFactory

    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    return locked_until(request, email)


@pytest.mark.parametrize("email", ["vera@umea.se", "nobody@umea.se"])
def test_the_lockout_never_tells_the_accounts_language(client, swedish_user, email):
    """An account in Swedish and no account at all give the same English page to an English
    browser."""
    response = _lock_out(client, email, **ENGLISH_BROWSER)
    assert response.status_code == 429
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Too many failed sign-ins for this account or from this address." in html
    assert COOKIE not in response.cookies
