"""Two-factor sign-in with a real authenticator code (django-otp's TOTP, computed here as an
app would): set-up with a QR code, sign-in with and without a device, wrong codes, recovery
codes used once, and staff sent to set it up before any page."""

import logging
import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TOTPDeviceFactory, UserFactory
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"


def code_for(device, *, steps_ahead=0) -> str:
    """The code an authenticator app shows for ``device`` now (or ``steps_ahead`` periods of
    30 seconds later: a code is accepted once, so a second sign-in uses the next one)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def _password_step(client, email="vera@umea.se", next_url=None):
    data = {"username": email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_without_a_device_the_password_signs_in(client):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    response = _password_step(client)
    assert response.url == reverse("home:index")
    assert SESSION_KEY in client.session


def test_with_a_device_the_password_leads_to_the_code_and_the_code_signs_in(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    device = TOTPDeviceFactory(user=user)
    page = reverse("accounts:profile")
    response = _password_step(client, next_url=page)
    assert response.url == reverse("accounts:sign-in-code")
    assert SESSION_KEY not in client.session  # not signed in before the code
    assert client.get(page).status_code == 302

    form = client.get(reverse("accounts:sign-in-code"))
    assert "authenticator app" in form.content.decode()
    signed_in = client.post(reverse("accounts:sign-in-code"), {"code": code_for(device)})
    assert signed_in.url == page
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_a_wrong_code_is_refused_logged_and_counted_towards_the_lockout(client, caplog):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    device = TOTPDeviceFactory(user=user)
    _password_step(client)
    wrong = f"{(int(code_for(device)) + 1) % 1000000:06d}"
    caplog.clear()
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("accounts:sign-in-code"), {"code": wrong})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert SESSION_KEY not in client.session
    lines = [r.getMessage() for r in caplog.records if r.name == "equalocal.security"]
    assert lines == [
        f'sign-in failed user={user.pk} address=127.0.0.1 path="/accounts/login/code/" '
        'reason="wrong code"'
    ]
    # Four more wrong codes lock the account: the code step ends, and the password step
    # refuses even the right password until the lockout is over.
    for attempt in range(4):
        _forget_back_off(device)
        response = client.post(reverse("accounts:sign-in-code"), {"code": wrong})
        assert response.status_code == (429 if attempt == 3 else 200)
    assert "Too many failed sign-ins" in response.content.decode()
    _forget_back_off(device)
    after = client.post(reverse("accounts:sign-in-code"), {"code": code_for(device)})
    assert after.url == reverse("accounts:login")
    assert _password_step(client).status_code == 429
    assert SESSION_KEY not in client.session


def _forget_back_off(device):
    """Clear django-otp's own growing wait after a wrong code (1 s, 2 s, 4 s…), which would
    otherwise refuse the next code in a test that runs faster than a person types."""
    device.refresh_from_db()
    device.throttling_failure_timestamp = None
    device.save(update_fields=["throttling_failure_timestamp"])


def test_the_code_step_without_a_password_first_sends_to_sign_in(client):
    response = client.get(reverse("accounts:sign-in-code"))
    assert response.url == reverse("accounts:login")


def test_the_code_step_expires(client, settings):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    device = TOTPDeviceFactory(user=user)
    _password_step(client)
    session = client.session
    session["two_factor_pending"]["at"] -= settings.TWO_FACTOR_PENDING_SECONDS + 1
    session.save()
    response = client.post(reverse("accounts:sign-in-code"), {"code": code_for(device)})
    assert response.url == reverse("accounts:login")
    assert SESSION_KEY not in client.session


def _set_up(client):
    """Set up the app as a person would: read the secret off the page, type its code."""
    page = client.get(reverse("accounts:two-factor-setup"))
    assert "no-store" in page["Cache-Control"]  # the secret is on it
    html = page.content.decode()
    assert "<svg" in html and "QR code for your authenticator app" in html
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1)
    device = TOTPDevice.objects.get(user=page.context["user"], confirmed=False)
    from base64 import b32encode

    assert secret.replace(" ", "") == b32encode(device.bin_key).decode()
    done = client.post(reverse("accounts:two-factor-setup"), {"code": code_for(device)})
    return device, done


def test_setting_up_shows_the_recovery_codes_once_and_turns_two_factor_on(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    client.force_login(user)
    device, done = _set_up(client)
    assert done.url == reverse("accounts:recovery-codes")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(done.url)
    assert "no-store" in codes_page["Cache-Control"]
    shown = codes_page.context["codes"]
    assert len(shown) == 10
    stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert {code.replace("-", "") for code in shown} == stored
    # Shown once only.
    assert client.get(done.url).context["codes"] == []

    client.logout()
    assert _password_step(client).url == reverse("accounts:sign-in-code")


def test_a_wrong_code_does_not_turn_it_on(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    client.force_login(user)
    client.get(reverse("accounts:two-factor-setup"))
    response = client.post(reverse("accounts:two-factor-setup"), {"code": "000000x"})
    assert response.status_code == 200
    assert "That code is not right." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_recovery_code_signs_in_once(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    client.force_login(user)
    _device, done = _set_up(client)
    recovery = client.get(done.url).context["codes"][0]
    client.logout()

    _password_step(client)
    response = client.post(reverse("accounts:sign-in-code"), {"code": recovery}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home:index")
    assert "You signed in with a recovery code; 9 are left." in _messages(response)[0]
    client.logout()

    _password_step(client)
    again = client.post(reverse("accounts:sign-in-code"), {"code": recovery})
    assert again.status_code == 200
    assert SESSION_KEY not in client.session


def test_new_recovery_codes_replace_the_old_ones(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    client.force_login(user)
    device, done = _set_up(client)
    old = client.get(done.url).context["codes"]
    response = client.post(
        reverse("accounts:two-factor-recovery-renew"), {"code": code_for(device, steps_ahead=1)}
    )
    assert response.url == reverse("accounts:recovery-codes")
    new = client.get(response.url).context["codes"]
    assert len(new) == 10 and not set(new) & set(old)


def test_turning_it_off_needs_a_code_and_is_refused_to_staff(client):
    user = UserFactory(email="vera@umea.se", password=PASSWORD)
    client.force_login(user)
    device, _done = _set_up(client)
    client.post(reverse("accounts:two-factor-disable"), {"code": "123"})
    assert TOTPDevice.objects.filter(user=user).exists()
    _forget_back_off(device)
    client.post(reverse("accounts:two-factor-disable"), {"code": code_for(device, steps_ahead=1)})
    assert not TOTPDevice.objects.filter(user=user).exists()

    staff = UserFactory(is_staff=True)
    sign_in(client, staff)
    staff_device = TOTPDevice.objects.get(user=staff)
    response = client.post(
        reverse("accounts:two-factor-disable"), {"code": code_for(staff_device)}, follow=True
    )
    assert "Staff accounts must keep two-factor sign-in." in _messages(response)
    assert TOTPDevice.objects.filter(user=staff).exists()


@pytest.mark.parametrize("page", ["/", "/admin/", "/accounts/profile/"])
def test_staff_without_a_device_are_sent_to_set_it_up_before_any_page(client, page):
    staff = UserFactory(email="staff@umea.se", password=PASSWORD, is_staff=True, is_superuser=True)
    assert _password_step(client, email="staff@umea.se").url == reverse("home:index")
    response = client.get(page)
    assert response.status_code == 302
    assert response.url == reverse("accounts:two-factor-setup") + "?next=" + page.replace(
        "/", "%2F"
    )

    # Set up, then the page opens; the recovery-codes page leads back to it.
    client.get(response.url)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    done = client.post(response.url, {"code": code_for(device)})
    assert done.url.startswith(reverse("accounts:recovery-codes"))
    assert f'href="{page}"' in client.get(done.url).content.decode()
    assert client.get(page).status_code == 200


def test_staff_with_a_device_give_the_code_before_the_admin(client):
    staff = UserFactory(email="staff@umea.se", password=PASSWORD, is_staff=True, is_superuser=True)
    device = TOTPDeviceFactory(user=staff)
    admin_login = client.get("/admin/login/?next=/admin/")
    assert admin_login.url == reverse("accounts:login") + "?next=/admin/"
    assert _password_step(client, email="staff@umea.se", next_url="/admin/").url == (
        reverse("accounts:sign-in-code")
    )
    assert client.post(reverse("accounts:sign-in-code"), {"code": code_for(device)}).url == (
        "/admin/"
    )
    assert client.get("/admin/").status_code == 200


def test_a_staff_session_without_a_code_is_asked_for_one(client):
    staff = UserFactory(is_staff=True)
    device = TOTPDeviceFactory(user=staff)
    client.force_login(staff)  # a session that never gave a code
    response = client.get("/admin/")
    assert response.url == reverse("accounts:sign-in-code") + "?next=%2Fadmin%2F"
    done = client.post(response.url, {"code": code_for(device)})
    assert done.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_two_factor_pages_are_in_swedish(client):
    user = UserFactory(language="sv")
    client.force_login(user)
    client.cookies["django_language"] = "sv"
    html = client.get(reverse("accounts:two-factor-setup")).content.decode()
    assert "Aktivera tvåstegsinloggning" in html
