from django.shortcuts import get_object_or_404

from .models import Invitation


def get_invitation_by_token(token: str) -> Invitation:
    """The invitation a link points at; unknown tokens give 404."""
    return get_object_or_404(Invitation.objects.select_related("organisation"), token=token)


def open_invitations_for(organisation):
    return organisation.invitations.filter(accepted_at=None, revoked_at=None).order_by(
        "-created_at"
    )
