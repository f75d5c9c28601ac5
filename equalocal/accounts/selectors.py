import hmac

from django.http import Http404

from .models import Invitation, invitation_token_digest


def get_invitation_by_token(token: str) -> Invitation:
    """The invitation a link points at; unknown tokens give 404."""
    digest = invitation_token_digest(token)
    invitation = (
        Invitation.objects.select_related("organisation").filter(token_digest=digest).first()
    )
    # The look-up is by digest; the comparison of what was found is constant-time as well.
    if invitation is None or not hmac.compare_digest(invitation.token_digest, digest):
        raise Http404
    return invitation


def open_invitations_for(organisation):
    return organisation.invitations.filter(accepted_at=None, revoked_at=None).order_by(
        "-created_at"
    )


def has_two_factor(user) -> bool:
    """Whether the user signs in with a code from an authenticator app after the password."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
