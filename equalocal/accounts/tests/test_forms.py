"""Account forms: invitation, accepting one, profile."""

import pytest

from equalocal.accounts.forms import AcceptInvitationForm, InvitationForm, ProfileForm

pytestmark = pytest.mark.django_db


def _accept(email="nina@umea.se", **overrides):
    data = {
        "first_name": "Nina",
        "last_name": "Ny",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
    }
    data.update(overrides)
    return AcceptInvitationForm(data, email=email)


def test_accept_form_accepts_a_good_password():
    assert _accept().is_valid()


def test_accept_form_rejects_differing_passwords_on_the_second_field():
    form = _accept(password2="another-passphrase-43")
    assert not form.is_valid()
    assert form.errors["password2"] == ["The two passwords differ."]


@pytest.mark.parametrize(
    ("password", "fragment"),
    [
        ("short1", "too short"),
        ("elva-tecken", "at least 12 characters"),
        ("password1234", "too common"),
        ("password123", "too common"),
        ("8736459182736", "entirely numeric"),
    ],
)
def test_accept_form_applies_the_password_validators(password, fragment):
    form = _accept(password1=password, password2=password)
    assert not form.is_valid()
    assert any(fragment in error for error in form.errors["password1"])


def test_accept_form_accepts_twelve_characters():
    assert _accept(password1="tolv-tecken!", password2="tolv-tecken!").is_valid()


def test_accept_form_rejects_a_password_like_the_email_address():
    form = _accept(email="ninaforsberg@umea.se", password1="ninaforsberg", password2="ninaforsberg")
    assert not form.is_valid()
    assert any("too similar" in error for error in form.errors["password1"])


def test_accept_form_requires_names():
    form = _accept(first_name="", last_name="")
    assert not form.is_valid()
    assert set(form.errors) == {"first_name", "last_name"}


def test_invitation_form_gives_an_example_for_an_invalid_email():
    form = InvitationForm({"email": "nina.umea.se", "role": "viewer"})
    assert form.errors["email"] == ["Enter a valid e-mail address, e.g. name@kommun.se."]


def test_invitation_form_rejects_unknown_roles():
    assert "role" in InvitationForm({"email": "nina@umea.se", "role": "owner"}).errors


def test_profile_form_offers_english_and_swedish():
    assert [code for code, _ in ProfileForm().fields["language"].choices] == ["en", "sv"]
