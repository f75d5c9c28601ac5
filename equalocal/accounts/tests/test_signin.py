"""Sign-in throttling and the security log: failures counted per account and per address,
a lockout that ends, and one log line for each failed sign-in and each access denial."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"
LOGIN = "/accounts/login/"


def _sign_in(client, email="vera@umea.se", password=PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def _security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "equalocal.security"]


def test_the_right_password_after_five_wrong_ones_is_refused_until_the_lockout_ends(
    client, settings
):
    settings.LANGUAGE_CODE = "en"
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for _ in range(4):
        assert _sign_in(client, password="wrong-password-1").status_code == 200
    fifth = _sign_in(client, password="wrong-password-1")
    assert fifth.status_code == 429
    locked = _sign_in(client)
    assert locked.status_code == 429
    assert SESSION_KEY not in client.session
    page = locked.content.decode()
    assert "Too many failed sign-ins for this account or from this address." in page
    assert "in about 15 minutes" in page

    # The lockout ends: the attempts age past the cool-off time.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _sign_in(client).status_code == 302
    assert SESSION_KEY in client.session


def test_attempts_during_a_lockout_do_not_extend_it(client):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for _ in range(5):
        _sign_in(client, password="wrong-password-1")
    first = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        assert _sign_in(client, password="wrong-password-1").status_code == 429
    assert AccessAttempt.objects.get().attempt_time == first


def test_the_account_is_locked_from_every_address_and_in_any_letter_case(client):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for number in range(5):
        _sign_in(client, email="Vera@Umea.se", password="wrong-1234567", address=f"10.0.1.{number}")
    assert _sign_in(client, address="10.0.2.1").status_code == 429


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for number in range(5):
        _sign_in(client, email=f"guess{number}@umea.se", password="wrong-1234567")
    assert _sign_in(client).status_code == 429
    # Another address signs in to the same account.
    assert _sign_in(client, address="10.9.9.9").status_code == 302


def test_the_lockout_message_is_in_swedish_for_a_swedish_browser(client):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for _ in range(5):
        _sign_in(client, password="wrong-password-1")
    response = client.post(
        reverse("accounts:login"),
        {"username": "vera@umea.se", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 429
    assert "För många misslyckade inloggningar" in response.content.decode()


def test_a_new_password_through_the_reset_link_ends_the_accounts_lockout(client):
    import re

    UserFactory(email="vera@umea.se", password=PASSWORD)
    for number in range(5):
        _sign_in(client, password="wrong-password-1", address=f"10.0.3.{number}")
    assert _sign_in(client, address="10.0.4.1").status_code == 429

    client.post(reverse("accounts:password_reset"), {"email": "vera@umea.se"})
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    new = "brand-new-passphrase-77"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert _sign_in(client, password=new, address="10.0.4.1").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(email="vera@umea.se", password=PASSWORD)
    for number in range(5):
        client.post(
            reverse("accounts:login"),
            {"username": f"guess{number}@umea.se", "password": "wrong-1234567"},
            REMOTE_ADDR="192.0.2.1",
            HTTP_X_FORWARDED_FOR="spoofed, 198.51.100.7",
        )
    # Same proxy, another client: not locked out.
    ok = client.post(
        reverse("accounts:login"),
        {"username": "vera@umea.se", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.1",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert ok.status_code == 302


# the security log


def test_each_failed_sign_in_is_one_line_naming_the_account(client, caplog):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    with caplog.at_level(logging.INFO):
        _sign_in(client, password="wrong-password-1")
        _sign_in(client, email="nobody@umea.se", password="wrong-password-1")
    assert _security_lines(caplog) == [
        f'sign-in failed user={user.pk} address=10.0.0.1 path="{LOGIN}" reason="wrong password"',
        f'sign-in failed user=anonymous address=10.0.0.1 path="{LOGIN}" reason="wrong password"',
    ]
    # Nothing else: no line from axes, none from django.request.
    assert len(caplog.records) == 2
    assert all(record.exc_info is None for record in caplog.records)


def test_the_locking_attempt_and_attempts_during_the_lockout_are_one_line_each(client, caplog):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    for _ in range(4):
        _sign_in(client, password="wrong-password-1")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        _sign_in(client, password="wrong-password-1")
        _sign_in(client)
    prefix = f'sign-in failed user={user.pk} address=10.0.0.1 path="{LOGIN}"'
    assert _security_lines(caplog) == [
        f'{prefix} reason="wrong password; locked out after 5 failures"',
        f'{prefix} reason="locked out"',
    ]
    assert len(caplog.records) == 2


def test_a_gate_denial_is_one_line_with_the_reason_and_no_traceback(client, personas, caplog):
    outsider = personas.user("outsider")
    viewer = personas.user("viewer")
    org = personas.org_a
    client.force_login(outsider)
    with caplog.at_level(logging.INFO):
        assert client.get(f"/organisations/{org.slug}/history/").status_code == 404
    client.force_login(viewer)
    edit = reverse("plans:create", kwargs={"org": org.slug})
    with caplog.at_level(logging.INFO):
        assert client.get(edit).status_code == 403
    assert _security_lines(caplog) == [
        f'denied user={outsider.pk} address=127.0.0.1 path="/organisations/{org.slug}/history/" '
        f'reason="404 gate: not a member of organisation {org.pk}"',
        f'denied user={viewer.pk} address=127.0.0.1 path="{edit}" '
        f'reason="403 gate: edit needs a higher role in organisation {org.pk}"',
    ]
    assert len(caplog.records) == 2
    assert all(record.exc_info is None for record in caplog.records)


def test_an_unknown_page_and_a_csrf_refusal_are_one_line_each(caplog, db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO):
        assert client.get("/no/such/page/").status_code == 404
        assert client.post(LOGIN, {"username": "a@b.se", "password": "x"}).status_code == 403
    assert _security_lines(caplog) == [
        'not found user=anonymous address=127.0.0.1 path="/no/such/page/" reason="404 not found"',
        f'denied user=anonymous address=127.0.0.1 path="{LOGIN}" reason="403 forbidden"',
    ]
    assert len(caplog.records) == 2


def test_a_missing_object_is_not_found_in_the_same_words_as_a_wrong_address(
    client, personas, caplog
):
    client.force_login(personas.user("viewer"))
    missing = reverse("plans:detail", kwargs={"org": personas.org_a.slug, "plan": 999999})
    with caplog.at_level(logging.INFO):
        assert client.get(missing).status_code == 404
    assert _security_lines(caplog) == [
        f'not found user={personas.user("viewer").pk} address=127.0.0.1 path="{missing}" '
        'reason="404 not found"'
    ]


def test_the_development_servers_access_line_is_left_out_for_a_logged_request(client, db):
    """runserver writes its access line after the response, in the thread that served it."""
    from equalocal.core.security_log import SkipLoggedRequests

    def access_line():
        return logging.LogRecord("django.server", logging.WARNING, "", 0, "GET", None, None)

    skip = SkipLoggedRequests()
    client.get("/no/such/page/")
    assert not skip.filter(access_line())  # the "not found" line says it all
    client.get(LOGIN)
    assert skip.filter(access_line())  # nothing logged for this one: its access line stays


def test_a_line_break_in_the_path_cannot_forge_a_second_line(client, caplog, db):
    with caplog.at_level(logging.INFO):
        client.get("/no/such%0Adenied user=1/")
    (line,) = _security_lines(caplog)
    assert "\n" not in line
    assert "\\ndenied user=1" in line


def test_the_probe_of_issue_12_thirty_wrong_passwords_then_the_right_one_is_refused(client):
    """The probe: 30 wrong passwords at full speed, then the right one. Now the sixth and
    later answers are the lockout, and the right password does not sign in."""
    UserFactory(email="vera@umea.se", password=PASSWORD)
    statuses = [_sign_in(client, password=f"wrong-password-{n}").status_code for n in range(30)]
    assert statuses == [200] * 4 + [429] * 26
    assert _sign_in(client).status_code == 429
    assert SESSION_KEY not in client.session
