"""Existing members joined before consent was asked: record their membership as accepted,
sharing the commitment status only (the default), and past members as having left."""

from django.db import migrations
from django.utils import timezone


def record_consent(apps, schema_editor):
    NetworkMembership = apps.get_model("networks", "NetworkMembership")
    NetworkSharing = apps.get_model("organisations", "NetworkSharing")
    today = timezone.localdate()
    pairs = {}
    for membership in NetworkMembership.objects.all():
        key = (membership.network_id, membership.member_id)
        current = membership.left_on is None or membership.left_on >= today
        first = pairs.get(key, {}).get("joined_on")
        joined = membership.joined_on
        pairs[key] = {
            "current": pairs.get(key, {}).get("current", False) or current,
            "joined_on": min(d for d in (first, joined) if d) if (first or joined) else None,
        }
    now = timezone.now()
    for (network_id, member_id), facts in pairs.items():
        if network_id == member_id:
            continue
        NetworkSharing.objects.create(
            network_id=network_id,
            member_id=member_id,
            status="accepted" if facts["current"] else "ended",
            joined_on=facts["joined_on"],
            answered_at=now,
            ended_at=None if facts["current"] else now,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0001_initial"),
        ("organisations", "0002_network_sharing_and_publishing"),
    ]

    operations = [migrations.RunPython(record_consent, migrations.RunPython.noop)]
