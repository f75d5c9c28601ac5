"""The scorecard keeps its rendered table in the cache for a version of its figures: read
and drawn once while nothing changes, anew after any change, per viewer's visibility."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from equalocal.indicators.models import Measurement
from equalocal.indicators.selectors import scorecard_version
from equalocal.indicators.services import measurement_set, scorecard_save
from equalocal.networks.models import NetworkMembership
from equalocal.networks.services import membership_leave, sharing_update
from equalocal.organisations.models import NetworkSharing
from equalocal.organisations.services import organisation_update
from tests.factories import IndicatorFactory

from .test_views import network_scorecard

pytestmark = pytest.mark.django_db

FIGURES = '"indicators_measurement"."value"'


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_table_is_read_and_drawn_once_while_nothing_changes(
    client, personas, django_assert_max_num_queries
):
    admin = personas.user("outsider")
    client.force_login(admin)
    scorecard = network_scorecard(20, 50, admin)
    first = client.get(scorecard.get_absolute_url()).text
    with (
        CaptureQueriesContext(connection) as queries,
        django_assert_max_num_queries(10),
    ):
        second = client.get(scorecard.get_absolute_url()).text
    assert not [q for q in queries if FIGURES in q["sql"]]
    assert second.count('class="sparkline"') == first.count('class="sparkline"') == 20 * 50


def test_the_version_changes_with_every_kind_of_change_the_table_shows(personas):
    admin = personas.user("outsider")
    scorecard = network_scorecard(2, 3, admin)
    member = NetworkMembership.objects.filter(network=scorecard.owner).first()
    indicator = scorecard.items.first().indicator
    seen = {scorecard_version(scorecard)}

    def changed():
        scorecard.refresh_from_db()
        version = scorecard_version(scorecard)
        assert version not in seen
        seen.add(version)

    measurement_set(
        indicator=indicator, organisation=member.member, period="2024", gender="women", value=77
    )
    changed()
    Measurement.objects.filter(indicator=indicator, organisation=member.member).first().delete()
    changed()
    extra = IndicatorFactory(title_en="New")
    scorecard_save(
        scorecard=scorecard,
        indicator_ids=[extra.pk, *scorecard.items.values_list("indicator_id", flat=True)],
    )
    changed()
    organisation_update(organisation=member.member, name="Renamed member")
    changed()
    sharing = NetworkSharing.objects.get(network=scorecard.owner, member=member.member)
    sharing_update(sharing=sharing, shares=[], by=None)
    changed()
    membership_leave(membership=member, left_on=timezone.localdate() - timedelta(days=1), by=None)
    changed()


def test_each_viewer_sees_the_figures_it_may_after_another_looked(personas):
    admin = personas.user("outsider")
    scorecard = network_scorecard(2, 3, admin)
    scorecard.is_published = True
    scorecard.save()
    inside = Client()
    inside.force_login(admin)
    assert inside.get(scorecard.get_absolute_url()).text.count('class="sparkline"') == 6
    # Anyone else reads the published scorecard without the figures shared with the network.
    outside = Client().get(scorecard.get_absolute_url()).text
    assert outside.count('class="sparkline"') == 0
    assert "not shared" in outside
