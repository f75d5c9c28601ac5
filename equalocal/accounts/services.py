"""Invitations and account changes."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from equalocal.core.errors import ApplicationError
from equalocal.core.mail import send_templated_email
from equalocal.organisations.models import Membership, Organisation, Role
from equalocal.organisations.services import membership_set_role

from .models import Invitation

User = get_user_model()


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, by, language: str | None = None
) -> Invitation:
    """Invite someone by e-mail; the link lets them join with the role.

    A still-open invitation for the same address is replaced, so only the newest link works.
    """
    email = email.strip().lower()
    if role not in Role.values:
        raise ApplicationError(_("Unknown role: %(role)s.") % {"role": role}, field="role")
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ApplicationError(
            _("%(email)s is already a member of %(org)s.") % {"email": email, "org": organisation},
            field="email",
        )
    now = timezone.now()
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=now)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.issue_token()
    invitation._history_user = by
    invitation.save()
    link = settings.SITE_URL.rstrip("/") + invitation.link_path()
    transaction.on_commit(
        lambda: send_templated_email(
            template="accounts/email/invitation",
            to=email,
            context={"invitation": invitation, "link": link, "inviter": by},
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
        )
    )
    return invitation


def invitation_revoke(*, invitation: Invitation, by) -> None:
    invitation.revoked_at = timezone.now()
    invitation._history_user = by
    invitation.save(update_fields=["revoked_at", "updated_at"])


def _check_open(invitation: Invitation) -> None:
    if invitation.accepted_at is not None:
        raise ApplicationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise ApplicationError(_("This invitation was withdrawn. Ask for a new one."))
    if invitation.expires_at <= timezone.now():
        raise ApplicationError(_("This invitation has expired. Ask for a new one."))


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user=None,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> User:
    """Accept an invitation as a signed-in user, or create the account it was sent to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ApplicationError(
                _("An account with this e-mail address exists already. Sign in to accept.")
            )
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    elif user.email.lower() != invitation.email.lower():
        raise ApplicationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    existing = Membership.objects.filter(organisation=invitation.organisation, user=user).first()
    if existing is None:
        membership_set_role(
            organisation=invitation.organisation, user=user, role=invitation.role, by=user
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation._history_user = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    return user


def user_update_profile(*, user, first_name: str, last_name: str, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Unknown language."), field="language")
    user.first_name = first_name
    user.last_name = last_name
    user.language = language
    user.save(update_fields=["first_name", "last_name", "language"])


def user_set_language(*, user, language: str) -> None:
    """The account's language, as chosen with the language switcher (the profile's field)."""
    if language not in dict(settings.LANGUAGES):
        raise ApplicationError(_("Unknown language."), field="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def sign_in_failures_forget(*, user) -> None:
    """Forget the failed sign-ins counted against the account (not those of an address):
    whoever could read its e-mail and chose a new password may sign in again."""
    from axes.utils import reset

    reset(username=user.email.lower())


# Two-factor sign-in ----------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10


def normalise_code(code: str) -> str:
    """A code as typed: spaces and hyphens dropped, lower case (recovery codes are shown as
    ``abcd-efgh``)."""
    return "".join(code.split()).replace("-", "").lower()


def two_factor_verify(*, user, code: str):
    """The user's confirmed device that accepts ``code``, or None.

    Six digits are tried on the authenticator app, anything else as a recovery code, which
    works once. Both devices slow down after wrong codes (django-otp's throttling).
    """
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = normalise_code(code)
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            if device.verify_token(code):
                return device
    return None


def two_factor_setup_start(*, user):
    """The authenticator device being set up: the one already started, or a new one. It
    signs nothing in until it is confirmed with a code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    return device


def two_factor_setup_confirm(*, user, code: str):
    """Confirm the device being set up with a code from the app; replace any earlier app and
    recovery codes. Returns the device and the new recovery codes (shown once)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        raise ApplicationError(_("Start the set-up again: it was finished or cancelled."))
    # Outside a transaction that an error would roll back: a wrong code is counted.
    if not device.verify_token(normalise_code(code)):
        raise ApplicationError(
            _("That code is not right. Type the six digits the app shows now."), field="code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
    return device, codes


def two_factor_recovery_codes_renew(*, user, code: str) -> list[str]:
    """New recovery codes for a code from the app; the old ones stop working."""
    digits = normalise_code(code)
    if not digits.isdigit() or two_factor_verify(user=user, code=digits) is None:
        raise ApplicationError(
            _("That code is not right. Type the six digits the app shows now."), field="code"
        )
    with transaction.atomic():
        return _recovery_codes_replace(user)


def two_factor_disable(*, user, code: str) -> None:
    """Turn two-factor sign-in off, for a code from the app or a recovery code. Staff keep it."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if user.is_staff:
        raise ApplicationError(_("Staff accounts must keep two-factor sign-in."))
    if two_factor_verify(user=user, code=code) is None:
        raise ApplicationError(
            _("That code is not right. Type the six digits the app shows now."), field="code"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def _recovery_codes_replace(user) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
