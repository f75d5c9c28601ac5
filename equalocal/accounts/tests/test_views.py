"""Invitation, sign-in, password reset and profile pages through the test client."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from equalocal.accounts import selectors
from equalocal.accounts.models import Invitation, User
from equalocal.charters.models import Article
from equalocal.organisations.middleware import SESSION_KEY as ORGANISATION_KEY
from equalocal.organisations.models import Membership, Role
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    GoalFactory,
    InvitationFactory,
    MeasurementFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-42"


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def _accept_data(**overrides):
    data = {"first_name": "Nina", "last_name": "Ny", "password1": PASSWORD, "password2": PASSWORD}
    data.update(overrides)
    return data


# inviting


def test_admin_invites_by_email_and_the_link_is_sent(
    client, personas, django_capture_on_commit_callbacks
):
    client.force_login(personas.user("admin"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invite", kwargs={"org": "org-a"}),
            {"email": "new@org-a.example", "role": Role.EDITOR},
            follow=True,
        )
    invitation = Invitation.objects.get(email="new@org-a.example")
    token = re.search(r"/accounts/invitations/([^/]+)/", mail.outbox[0].body).group(1)
    assert response.status_code == 200
    assert _messages(response) == [
        "An invitation was sent to new@org-a.example. The link works for 14 days."
    ]
    assert len(mail.outbox) == 1
    # Only the link holds the token; the invitation keeps its digest.
    assert selectors.get_invitation_by_token(token) == invitation
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().get())


def test_invite_with_an_invalid_email_shows_a_specific_message(client, personas):
    client.force_login(personas.user("admin"))
    response = client.post(
        reverse("accounts:invite", kwargs={"org": "org-a"}),
        {"email": "not-an-address", "role": Role.EDITOR},
        follow=True,
    )
    assert response.status_code == 200
    assert "Enter a valid e-mail address, e.g. name@kommun.se." in response.content.decode()
    assert not Invitation.objects.filter(email="not-an-address").exists()


@pytest.mark.parametrize("how", ["cookie", "header"])
def test_invite_with_an_invalid_email_in_swedish_is_not_a_server_error(client, personas, how):
    client.force_login(personas.user("admin"))
    extra = {"HTTP_ACCEPT_LANGUAGE": "sv"}
    if how == "cookie":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
        extra = {}
    response = client.post(
        reverse("accounts:invite", kwargs={"org": "org-a"}),
        {"email": "not-an-address", "role": Role.EDITOR},
        follow=True,
        **extra,
    )
    assert response.status_code == 200
    assert len(_messages(response)) == 1


def test_inviting_an_existing_member_shows_a_message(client, personas):
    client.force_login(personas.user("admin"))
    response = client.post(
        reverse("accounts:invite", kwargs={"org": "org-a"}),
        {"email": "viewer@org-a.example", "role": Role.EDITOR},
        follow=True,
    )
    assert _messages(response) == ["viewer@org-a.example is already a member of Org A kommun."]


def test_admin_withdraws_an_invitation(client, personas):
    client.force_login(personas.user("admin"))
    invitation = Invitation.objects.get(pk=personas.objects["invitation"])
    response = client.post(
        reverse("accounts:invitation-revoke", kwargs={"org": "org-a", "invitation": invitation.pk}),
        follow=True,
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert _messages(response) == [f"The invitation to {invitation.email} was withdrawn."]


def test_admin_cannot_withdraw_another_organisations_invitation(client, personas):
    other = InvitationFactory(organisation=personas.org_b)
    client.force_login(personas.user("admin"))
    response = client.post(
        reverse("accounts:invitation-revoke", kwargs={"org": "org-a", "invitation": other.pk})
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


# accepting


def test_accepting_creates_the_account_with_the_role_and_signs_in(client, db):
    invitation = InvitationFactory(email="new@umea.se", role=Role.EDITOR)
    response = client.post(invitation.link_path(), _accept_data())
    assert response.status_code == 302
    assert response.url == "/"  # the home page, with the first steps
    user = User.objects.get(email="new@umea.se")
    assert (
        Membership.objects.get(user=user, organisation=invitation.organisation).role == Role.EDITOR
    )
    assert int(client.session[SESSION_KEY]) == user.pk
    assert client.session[ORGANISATION_KEY] == invitation.organisation.pk
    page = client.get(response.url)
    name = invitation.organisation.name
    assert _messages(page) == [
        f'Welcome to {name}. Below are its first steps; what waits for you is in <a href="/my-work/">My work</a>.'
    ]
    assert f"First steps for {invitation.organisation.name}" in page.content.decode()
    assert "Create the plan" in page.content.decode()  # an editor gets the buttons


def test_the_welcome_speaks_of_no_first_steps_when_none_are_shown(client, db):
    invitation = InvitationFactory(email="new@umea.se", role=Role.EDITOR)
    organisation = invitation.organisation
    CommitmentFactory(organisation=organisation, status="decided", decided_on=date(2025, 1, 1))
    plan = ActionPlanFactory(
        organisation=organisation, kind="charter", status="adopted", adopted_on=date(2025, 6, 1)
    )
    GoalFactory(plan=plan).articles.set(Article.objects.all()[:1])
    ActivityFactory(plan=plan)
    MembershipFactory(organisation=organisation)
    MeasurementFactory(organisation=organisation)
    response = client.post(invitation.link_path(), _accept_data())
    page = client.get(response.url)
    assert "First steps for" not in page.content.decode()
    assert _messages(page) == [
        f'Welcome to {organisation.name}. What waits for you is in <a href="/my-work/">My work</a>.'
    ]


def test_accepting_in_swedish_gives_the_account_swedish(client, db):
    invitation = InvitationFactory(email="new@umea.se")
    response = client.post(invitation.link_path(), _accept_data(), HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert User.objects.get(email="new@umea.se").language == "sv"


def test_accepting_with_differing_passwords_shows_the_error(client, db):
    invitation = InvitationFactory(email="new@umea.se")
    response = client.post(invitation.link_path(), _accept_data(password2="something-else-99"))
    assert response.status_code == 200
    assert "The two passwords differ." in response.content.decode()
    assert not User.objects.filter(email="new@umea.se").exists()


def test_accepting_with_a_weak_password_shows_the_validator_message(client, db):
    invitation = InvitationFactory(email="new@umea.se")
    response = client.post(
        invitation.link_path(), _accept_data(password1="12345678", password2="12345678")
    )
    assert response.status_code == 200
    assert "This password is entirely numeric." in response.content.decode()
    assert not User.objects.filter(email="new@umea.se").exists()


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": timezone.now()}, "This invitation has already been used."),
        ({"revoked_at": timezone.now()}, "This invitation was withdrawn. Ask for a new one."),
        (
            {"expires_at": timezone.now() - timedelta(days=1)},
            "This invitation has expired. Ask for a new one.",
        ),
    ],
    ids=["used", "revoked", "expired"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_closed_invitations_show_a_clear_message(client, db, state, message, method):
    invitation = InvitationFactory(email="new@umea.se", **state)
    if method == "get":
        response = client.get(invitation.link_path())
    else:
        response = client.post(invitation.link_path(), _accept_data())
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not User.objects.filter(email="new@umea.se").exists()


def test_a_used_invitation_cannot_be_used_again_by_someone_else(client, db):
    invitation = InvitationFactory(email="new@umea.se")
    client.post(invitation.link_path(), _accept_data())
    client.logout()
    response = client.post(invitation.link_path(), _accept_data())
    assert "This invitation has already been used." in response.content.decode()
    assert User.objects.filter(email="new@umea.se").count() == 1


def test_unknown_invitation_token_is_404(client, db):
    assert client.get(reverse("accounts:invitation", kwargs={"token": "nope"})).status_code == 404


def test_signed_in_user_with_the_invited_email_accepts_with_one_click(client, db):
    user = UserFactory(email="member@umea.se")
    invitation = InvitationFactory(email="member@umea.se", role=Role.VIEWER)
    client.force_login(user)
    response = client.post(invitation.link_path())
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=user, organisation=invitation.organisation).role == Role.VIEWER
    )


def test_signed_in_user_with_a_different_email_cannot_accept(client, db):
    invitation = InvitationFactory(email="invited@umea.se")
    other = UserFactory(email="other@umea.se")
    client.force_login(other)
    response = client.post(invitation.link_path())
    assert response.status_code == 200
    assert (
        "This invitation was sent to invited@umea.se. Sign in with that address to accept it."
        in response.content.decode()
    )
    assert not Membership.objects.filter(user=other).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_anonymous_accepting_for_an_existing_account_is_told_to_sign_in(client, db):
    UserFactory(email="exists@umea.se")
    invitation = InvitationFactory(email="exists@umea.se")
    response = client.post(invitation.link_path(), _accept_data())
    assert response.status_code == 200
    assert (
        "An account with this e-mail address exists already. Sign in to accept."
        in response.content.decode()
    )
    assert SESSION_KEY not in client.session


# sign-in and password reset


def test_sign_in_with_email_and_password(client, db):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    response = client.post(
        reverse("accounts:login"), {"username": "vera@umea.se", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_sign_in_with_a_wrong_password_fails(client, db):
    UserFactory(email="vera@umea.se", password=PASSWORD)
    response = client.post(
        reverse("accounts:login"), {"username": "vera@umea.se", "password": "wrong"}
    )
    assert response.status_code == 200
    assert SESSION_KEY not in client.session


def test_password_reset_sends_a_working_link(client, db):
    user = UserFactory(email="vera@umea.se", password="old-password-123")
    response = client.post(reverse("accounts:password_reset"), {"email": "Vera@umea.se"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vera@umea.se"]
    assert "\n" not in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = re.search(r"https?://testserver(/accounts/password/reset/\S+/)", message.body).group(1)
    assert link in html

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_url = form_page.redirect_chain[-1][0]
    new_password = "brand-new-passphrase-77"
    done = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302
    assert done.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)

    client.logout()
    signed_in = client.post(
        reverse("accounts:login"), {"username": "vera@umea.se", "password": new_password}
    )
    assert signed_in.status_code == 302
    assert SESSION_KEY in client.session
    # The link works only once.
    client.logout()
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@umea.se"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


# profile


def test_profile_update_changes_the_language_and_sets_the_cookie(client, db):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"first_name": "Vera", "last_name": "Viewer", "language": "sv"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.first_name, user.language) == ("Vera", "sv")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    page = client.get(reverse("accounts:profile"))
    assert 'lang="sv"' in page.content.decode()


def test_profile_with_an_unknown_language_shows_a_form_error(client, db):
    user = UserFactory(language="en")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"language": "xx"})
    assert response.status_code == 200
    assert "language" in response.context["form"].errors
    user.refresh_from_db()
    assert user.language == "en"


def test_profile_lists_the_users_organisations(client, personas):
    client.force_login(personas.user("admin"))
    response = client.get(reverse("accounts:profile"))
    assert [m.organisation for m in response.context["memberships"]] == [personas.org_a]


def test_profile_needs_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "name",
    [
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_complete",
        "accounts:password_change",
        "accounts:password_change_done",
    ],
)
def test_account_pages_use_the_site_layout_not_the_django_admins(client, db, name):
    client.force_login(UserFactory())
    response = client.get(reverse(name))
    assert response.status_code == 200
    names = [template.name for template in response.templates]
    assert "base.html" in names
    assert "admin/base_site.html" not in names


def test_sign_in_ignores_the_case_of_the_email(client, db):
    User.objects.create_user(email="vera@umea.se", password=PASSWORD)
    response = client.post(
        reverse("accounts:login"), {"username": "Vera@Umea.SE", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert SESSION_KEY in client.session


@pytest.mark.parametrize(
    ("language", "rule"),
    [("en", "at least 12 characters"), ("sv", "minst 12 tecken")],
)
def test_password_forms_show_the_length_rule_in_the_users_language(client, db, language, rule):
    invitation = InvitationFactory(email="nina@umea.se")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert rule in client.get(invitation.link_path()).content.decode()
    client.force_login(UserFactory(language=language))
    assert rule in client.get(reverse("accounts:password_change")).content.decode()


def test_changing_to_an_eleven_character_password_is_refused(client, db):
    user = UserFactory(password=PASSWORD)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "elva-tecken", "new_password2": "elva-tecken"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
