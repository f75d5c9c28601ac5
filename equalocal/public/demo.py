"""Demo: SKR, the Swedish national association, with every Swedish demo municipality and
region as a member, so its national overview has something to show.

Each member accepts as in the product (a request, then the member's consent) and shares
its commitment status only; the dates of joining are not in the samples and stay unknown.
"""

from django.db import transaction

from equalocal.networks.services import membership_answer, membership_request, open_sharing
from equalocal.organisations.models import (
    Organisation,
    OrganisationKind,
    Shared,
    SharingStatus,
)

MEMBER_KINDS = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.REGION,
    OrganisationKind.COUNTY_COUNCIL,
)


@transaction.atomic
def load(context) -> None:
    skr = context.objects["organisations"]["skr"]
    swedish = Organisation.objects.filter(country="SE", kind__in=MEMBER_KINDS).order_by("name")
    added = 0
    for member in swedish:
        sharing = open_sharing(network=skr, member=member)
        if sharing is None:
            sharing = membership_request(network=skr, member=member, by=None)
        if sharing.status == SharingStatus.PENDING:
            membership_answer(sharing=sharing, accept=True, by=None, shares=(Shared.COMMITMENT,))
            added += 1
    context.log.append(f"SKR: {added} new members" if added else "SKR: members already loaded")
