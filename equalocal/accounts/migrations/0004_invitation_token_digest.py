"""Invitation tokens are kept only as their SHA-256: existing links go on working."""

import hashlib
import secrets

from django.db import migrations, models


def digest(token: str) -> str:
    """As accounts.models.invitation_token_digest, frozen here as migrations must be."""
    return hashlib.sha256(token.encode()).hexdigest()


def digest_tokens(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    invitations = list(Invitation.objects.only("pk", "token"))
    for invitation in invitations:
        invitation.token_digest = digest(invitation.token)
    Invitation.objects.bulk_update(invitations, ["token_digest"], batch_size=500)


def new_tokens(apps, schema_editor):
    """Going back, the raw tokens cannot be recovered: open invitations get new (unsent)
    tokens, so their old links stop working and they must be sent again."""
    Invitation = apps.get_model("accounts", "Invitation")
    invitations = list(Invitation.objects.only("pk"))
    for invitation in invitations:
        invitation.token = secrets.token_urlsafe(32)
    Invitation.objects.bulk_update(invitations, ["token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notification_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token_digest",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.AlterField(
            model_name="invitation",
            name="token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(digest_tokens, new_tokens),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AlterField(
            model_name="invitation",
            name="token_digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
