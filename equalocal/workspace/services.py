"""The person's own settings; the workspace writes nothing else."""

from __future__ import annotations

from equalocal.accounts.models import NotificationSettings


def notification_settings_save(*, user, digest: str, language: str) -> NotificationSettings:
    """Save how the person wants the digest of their work: daily, weekly or off, and in
    which language (empty: their account's)."""
    item, _created = NotificationSettings.objects.get_or_create(user=user)
    item.digest = digest
    item.language = language
    item.full_clean()
    item.save()
    return item
