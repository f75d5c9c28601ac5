"""Invitation tokens are kept like passwords: only a digest is stored, the link holds the token."""

import hashlib
import importlib

import pytest
from django.db import connection
from django.http import Http404

from equalocal.accounts import selectors
from equalocal.accounts.models import Invitation, invitation_token_digest
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("equalocal.accounts.migrations.0004_invitation_token_digest")


def test_only_the_digest_of_the_token_is_stored():
    invitation = InvitationFactory()
    token = invitation.raw_token
    assert len(token) >= 43  # 256 random bits
    assert invitation.token_digest == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_invitation WHERE id = %s", [invitation.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert token not in row
    assert not hasattr(Invitation.objects.get(pk=invitation.pk), "raw_token")


def test_the_token_finds_its_invitation_and_nothing_else_does():
    invitation = InvitationFactory()
    other = InvitationFactory()
    assert selectors.get_invitation_by_token(invitation.raw_token) == invitation
    assert selectors.get_invitation_by_token(other.raw_token) == other
    for wrong in (invitation.token_digest, invitation.raw_token[:-1], "", "x" * 43):
        with pytest.raises(Http404):
            selectors.get_invitation_by_token(wrong)


def test_a_loaded_invitation_has_no_link_to_give():
    invitation = Invitation.objects.get(pk=InvitationFactory().pk)
    with pytest.raises(ValueError, match="Only the e-mail"):
        invitation.link_path()


def test_the_migration_keeps_existing_links_working():
    """0004 stores each old token's digest the way the product computes it, so a link sent
    before the change still opens its invitation."""
    invitation = InvitationFactory()
    old_token = "an-old-token-from-a-link-sent-before-the-change"
    Invitation.objects.filter(pk=invitation.pk).update(token_digest=migration.digest(old_token))
    assert migration.digest(old_token) == invitation_token_digest(old_token)
    assert selectors.get_invitation_by_token(old_token) == invitation
