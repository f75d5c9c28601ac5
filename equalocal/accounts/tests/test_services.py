"""Invitations and profile changes, against the real database and the in-memory mailer."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from equalocal.accounts import services
from equalocal.accounts.models import Invitation, User
from equalocal.core.errors import ApplicationError
from equalocal.organisations.models import Membership, Role
from tests.factories import InvitationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inviter(db):
    return MembershipFactory(
        role=Role.ADMIN,
        user__first_name="Alva",
        user__last_name="Admin",
        organisation__name="Umeå kommun",
    )


def _invite(inviter, capture, email="new.person@umea.se", role=Role.EDITOR, **kwargs):
    with capture(execute=True):
        return services.invitation_create(
            organisation=inviter.organisation, email=email, role=role, by=inviter.user, **kwargs
        )


# invitation_create


def test_invitation_create_sends_one_email_with_text_and_html_containing_the_link(
    inviter, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://equalocal.example/"
    invitation = _invite(inviter, django_capture_on_commit_callbacks)
    link = f"https://equalocal.example/accounts/invitations/{invitation.raw_token}/"

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@umea.se"]
    assert message.subject == "You are invited to Umeå kommun on equalocal"
    assert link in message.body
    assert "Alva Admin invites you to join Umeå kommun on equalocal as Editor." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{link}"' in html


def test_invitation_create_sends_nothing_until_the_transaction_commits(inviter):
    services.invitation_create(
        organisation=inviter.organisation, email="x@umea.se", role=Role.VIEWER, by=inviter.user
    )
    assert mail.outbox == []


def test_invitation_create_stores_a_normalised_email_and_expiry(
    inviter, django_capture_on_commit_callbacks, settings
):
    settings.INVITATION_VALID_DAYS = 7
    invitation = _invite(inviter, django_capture_on_commit_callbacks, email="  New.Person@Umea.SE ")
    assert invitation.email == "new.person@umea.se"
    assert invitation.invited_by == inviter.user
    assert invitation.is_open
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert invitation.history.get().history_user == inviter.user


def test_invitation_email_is_written_in_the_requested_language(
    inviter, django_capture_on_commit_callbacks
):
    _invite(inviter, django_capture_on_commit_callbacks, language="sv")
    assert len(mail.outbox) == 1  # rendering in Swedish works, translated or not


def test_reinviting_revokes_the_older_link(inviter, django_capture_on_commit_callbacks):
    first = _invite(inviter, django_capture_on_commit_callbacks)
    second = _invite(inviter, django_capture_on_commit_callbacks, email="NEW.person@umea.se")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert not first.is_open
    assert second.is_open
    assert first.token_digest != second.token_digest
    assert len(mail.outbox) == 2


def test_reinviting_leaves_invitations_of_other_organisations_alone(
    inviter, django_capture_on_commit_callbacks
):
    elsewhere = InvitationFactory(email="new.person@umea.se")
    _invite(inviter, django_capture_on_commit_callbacks)
    elsewhere.refresh_from_db()
    assert elsewhere.revoked_at is None


def test_inviting_an_existing_member_is_rejected(inviter, django_capture_on_commit_callbacks):
    MembershipFactory(organisation=inviter.organisation, user__email="member@umea.se")
    with pytest.raises(ApplicationError) as excinfo:
        _invite(inviter, django_capture_on_commit_callbacks, email="Member@Umea.se")
    assert excinfo.value.message == "member@umea.se is already a member of Umeå kommun."
    assert excinfo.value.field == "email"
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_a_member_of_another_organisation_can_be_invited(
    inviter, django_capture_on_commit_callbacks
):
    MembershipFactory(user__email="member@elsewhere.se")
    assert _invite(inviter, django_capture_on_commit_callbacks, email="member@elsewhere.se").pk


def test_invitation_with_an_unknown_role_is_rejected(inviter, django_capture_on_commit_callbacks):
    with pytest.raises(ApplicationError) as excinfo:
        _invite(inviter, django_capture_on_commit_callbacks, role="owner")
    assert excinfo.value.field == "role"
    assert mail.outbox == []


def test_invitation_revoke_closes_the_invitation():
    invitation = InvitationFactory()
    user = UserFactory()
    services.invitation_revoke(invitation=invitation, by=user)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert not invitation.is_open


# invitation_accept


def test_accepting_creates_the_user_with_the_role():
    invitation = InvitationFactory(email="new@umea.se", role=Role.EDITOR)
    with translation.override("sv"):
        user = services.invitation_accept(
            invitation=invitation,
            first_name="Nina",
            last_name="Ny",
            password="a-long-passphrase-42",
        )
    assert user.email == "new@umea.se"
    assert user.check_password("a-long-passphrase-42")
    assert (user.first_name, user.last_name, user.language) == ("Nina", "Ny", "sv")
    assert (
        Membership.objects.get(user=user, organisation=invitation.organisation).role == Role.EDITOR
    )
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None


def test_a_signed_in_user_with_the_invited_email_accepts():
    user = UserFactory(email="member@umea.se")
    invitation = InvitationFactory(email="Member@Umea.se", role=Role.VIEWER)
    assert services.invitation_accept(invitation=invitation, user=user) == user
    assert (
        Membership.objects.get(user=user, organisation=invitation.organisation).role == Role.VIEWER
    )


def test_accepting_as_an_existing_member_keeps_the_current_role():
    membership = MembershipFactory(role=Role.ADMIN, user__email="member@umea.se")
    invitation = InvitationFactory(
        organisation=membership.organisation, email="member@umea.se", role=Role.VIEWER
    )
    services.invitation_accept(invitation=invitation, user=membership.user)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_a_signed_in_user_with_a_different_email_cannot_accept():
    invitation = InvitationFactory(email="invited@umea.se")
    other = UserFactory(email="someone.else@umea.se")
    with pytest.raises(ApplicationError) as excinfo:
        services.invitation_accept(invitation=invitation, user=other)
    assert excinfo.value.message == (
        "This invitation was sent to invited@umea.se. Sign in with that address to accept it."
    )
    assert not Membership.objects.filter(user=other).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_creating_an_account_for_an_email_that_has_one_is_refused():
    UserFactory(email="exists@umea.se")
    invitation = InvitationFactory(email="exists@umea.se")
    with pytest.raises(ApplicationError) as excinfo:
        services.invitation_accept(invitation=invitation, password="a-long-passphrase-42")
    assert "Sign in to accept" in excinfo.value.message


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ({"accepted_at": timezone.now()}, "This invitation has already been used."),
        ({"revoked_at": timezone.now()}, "This invitation was withdrawn. Ask for a new one."),
        (
            {"expires_at": timezone.now() - timedelta(minutes=1)},
            "This invitation has expired. Ask for a new one.",
        ),
    ],
    ids=["used", "revoked", "expired"],
)
def test_closed_invitations_cannot_be_accepted(state, message):
    invitation = InvitationFactory(email="new@umea.se", **state)
    with pytest.raises(ApplicationError) as excinfo:
        services.invitation_accept(invitation=invitation, password="a-long-passphrase-42")
    assert excinfo.value.message == message
    assert not User.objects.filter(email="new@umea.se").exists()


def test_an_invitation_can_be_used_only_once():
    invitation = InvitationFactory(email="new@umea.se")
    services.invitation_accept(invitation=invitation, password="a-long-passphrase-42")
    with pytest.raises(ApplicationError, match="already been used"):
        services.invitation_accept(invitation=invitation, password="a-long-passphrase-42")


def test_invitation_accept_checks_the_stored_state_not_a_stale_copy():
    invitation = InvitationFactory(email="new@umea.se")
    stale = Invitation.objects.get(pk=invitation.pk)
    services.invitation_revoke(invitation=invitation, by=None)
    with pytest.raises(ApplicationError, match="withdrawn"):
        services.invitation_accept(invitation=stale, password="a-long-passphrase-42")


# profile


def test_user_update_profile_changes_names_and_language():
    user = UserFactory(language="en")
    services.user_update_profile(user=user, first_name="Vera", last_name="Viewer", language="sv")
    user.refresh_from_db()
    assert (user.first_name, user.last_name, user.language) == ("Vera", "Viewer", "sv")


def test_user_update_profile_rejects_an_unknown_language():
    user = UserFactory(language="en")
    with pytest.raises(ApplicationError) as excinfo:
        services.user_update_profile(user=user, first_name="", last_name="", language="xx")
    assert excinfo.value.field == "language"
    user.refresh_from_db()
    assert user.language == "en"


# user manager


def test_create_user_lowercases_the_email_and_requires_one():
    user = User.objects.create_user(email="Mixed@Case.SE", password="x")
    assert user.email == "mixed@case.se"
    with pytest.raises(ValueError, match="e-mail address is required"):
        User.objects.create_user(email="", password="x")


def test_create_superuser_is_staff_and_superuser():
    user = User.objects.create_superuser(email="root@example.org", password="x")
    assert user.is_staff and user.is_superuser
