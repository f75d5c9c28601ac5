"""The member dashboard keeps its rows (the derived figures and their rendering) in the cache
for a version of the members' data: computed once while nothing changes, anew after any
change a service makes, and never shown to a viewer who may see less."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from equalocal.charters.models import Commitment, CommitmentStatus
from equalocal.charters.services import commitment_save
from equalocal.networks.models import DashboardVisibility, NetworkMembership
from equalocal.networks.selectors import network_version
from equalocal.networks.services import membership_leave, sharing_update
from equalocal.organisations.models import NetworkSharing
from equalocal.organisations.services import organisation_update
from equalocal.plans import services as plan_services
from equalocal.plans.models import ActionPlan, ActivityStatus
from tests.factories import NetworkSettingsFactory

from .test_views import MAX_QUERIES, Network, _members_with_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(personas):
    return Network(personas)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def dashboard(client, net, **query):
    response = client.get(net.url("dashboard"), query)
    assert response.status_code == 200
    return response.content.decode()


def row_of(html, name) -> str:
    match = re.search(
        rf"<tr>\s*<th scope=\"row\"><a [^>]*>{re.escape(name)}</a>.*?</tr>", html, re.S
    )
    assert match, f"no row for {name}"
    return match.group(0)


def test_the_rows_are_computed_once_while_nothing_changes(
    client, net, django_assert_max_num_queries
):
    _members_with_plans(net.network, 60)
    client.force_login(net.coordinator)
    first = dashboard(client, net)
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(MAX_QUERIES - 6),
    ):
        second = dashboard(client, net)
    # Neither the commitments nor the activities are read again.
    assert not [q for q in queries if '"charters_commitment"."status"' in q["sql"]]
    assert not [q for q in queries if '"plans_activity"."progress"' in q["sql"]]
    assert second.count("<tr>") == first.count("<tr>") == 63


def test_the_version_changes_with_every_kind_of_change_the_dashboard_shows(net):
    seen = {network_version(net.network)}

    def changed():
        version = network_version(net.network)
        assert version not in seen
        seen.add(version)

    commitment = Commitment.objects.get(organisation=net.org_a)
    commitment.status = CommitmentStatus.SIGNED
    commitment.signed_on = timezone.localdate()
    commitment_save(commitment=commitment)
    changed()
    plan = ActionPlan.objects.get(organisation=net.org_a, title="Handlingsplan")
    activity = plan.activities.first()
    plan_services.activity_set_progress(
        activity=activity, status=ActivityStatus.IN_PROGRESS, progress=55
    )
    changed()
    organisation_update(organisation=net.org_d, name="Vindeln kommun")
    changed()
    sharing = NetworkSharing.objects.get(network=net.network, member=net.org_d)
    sharing_update(sharing=sharing, shares=["commitment"], by=None)
    changed()
    membership_leave(
        membership=NetworkMembership.objects.get(pk=net.membership_d.pk),
        left_on=timezone.localdate(),
        by=None,
    )
    changed()
    plan_services.activity_delete(activity=activity)
    changed()


def test_each_change_shows_at_once(client, net):
    client.force_login(net.coordinator)
    plan = ActionPlan.objects.get(organisation=net.org_a, title="Handlingsplan")
    activity = plan.activities.first()
    dashboard(client, net)

    plan_services.activity_set_progress(
        activity=activity, status=ActivityStatus.IN_PROGRESS, progress=55
    )
    assert "55 %" in row_of(dashboard(client, net), net.org_a.name)

    commitment = Commitment.objects.get(organisation=net.org_a)
    commitment.status = CommitmentStatus.SIGNED
    commitment.signed_on = timezone.localdate()
    commitment_save(commitment=commitment)
    assert "Signed" in row_of(dashboard(client, net), net.org_a.name)

    membership_leave(
        membership=NetworkMembership.objects.get(pk=net.membership_d.pk),
        left_on=timezone.localdate() - timedelta(days=1),
        by=None,
    )
    assert net.org_d.name not in dashboard(client, net)


def test_a_member_admin_sees_only_its_own_row_after_the_coordinator_looked(client, personas, net):
    NetworkSettingsFactory(
        network=net.network, dashboard_visibility=DashboardVisibility.COORDINATORS
    )
    client.force_login(net.coordinator)
    assert net.org_d.name in dashboard(client, net)
    member = Client()
    member.force_login(personas.user("admin"))
    html = dashboard(member, net)
    assert net.org_a.name in html
    assert net.org_d.name not in html
