"""What the public app adds to other apps' pages (registered in ``apps.py``)."""

from django.utils import timezone

from . import selectors


def network_signatories(request, network) -> dict | None:
    """The public network page's signatories list: each member's Charter status and plan
    deadline, as the member publishes them (sample 004's list of signatories)."""
    members, rows = selectors.member_signatories(network, today=timezone.localdate())
    if not members:
        return None
    by_org = {row.organisation.pk: row for row in rows}
    return {
        "network": network,
        "member_rows": [(member, by_org.get(member.pk)) for member in members],
        "signed": sum(1 for row in rows if row.bound),
    }
