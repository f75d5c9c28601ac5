"""The API's part of the load benchmark: its list endpoints, with a personal token."""

from __future__ import annotations

LIMIT = 100


def load_pages(setup) -> None:
    """Organisations, the largest plan's activities, the largest network's memberships and
    the measurements of the organisation with the most figures, 100 a page, as a viewer of
    each through one read-only token."""
    from django.db.models import Count

    from equalocal.indicators.models import Measurement
    from equalocal.networks.benchmarks import largest_network
    from equalocal.organisations.benchmarks import load_reader
    from equalocal.organisations.models import Organisation
    from equalocal.plans.benchmarks import largest_plan

    from .models import ApiToken
    from .services import api_token_create, api_token_revoke

    user = setup.user("api")
    plan, network = largest_plan(), largest_network()
    figures = (
        Measurement.objects.values("organisation_id")
        .annotate(rows=Count("pk"))
        .order_by("-rows", "organisation_id")
        .first()
    )
    measured = Organisation.objects.get(pk=figures["organisation_id"]) if figures else None
    for organisation in (plan and plan.organisation, network, measured):
        if organisation is not None:
            load_reader(setup, organisation, user=user)
    for old in ApiToken.objects.active().filter(user=user):
        api_token_revoke(token=old)
    _token, raw = api_token_create(user=user, name="load benchmark")
    headers = {"Authorization": f"Bearer {raw}"}

    def add(name, path, size=""):
        setup.add(name, f"/api/v1/{path}?limit={LIMIT}", headers=headers, size=size)

    add("API: organisations", "organisations")
    if plan is not None:
        add(
            "API: plan activities",
            f"organisations/{plan.organisation.slug}/plans/{plan.pk}/activities",
            f"{plan.activity_count} activities",
        )
    if network is not None:
        add(
            "API: network memberships",
            f"networks/{network.slug}/memberships",
            f"{network.current} members",
        )
    if measured is not None:
        add(
            "API: measurements",
            f"organisations/{measured.slug}/measurements",
            f"{figures['rows']} figures",
        )
