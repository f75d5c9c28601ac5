"""``equalocal scale-data``: sizes, a seed that repeats, pages that render, and the access gate."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.urls import reverse

from equalocal.charters.models import Commitment, CommitmentStatus
from equalocal.documents.models import Document, Page, SearchRow
from equalocal.documents.search import search_documents
from equalocal.indicators.models import Measurement, Scorecard
from equalocal.indicators.selectors import scorecard_table
from equalocal.networks.models import NetworkMembership
from equalocal.organisations.models import NetworkSharing, Organisation, SharingStatus
from equalocal.plans.models import ActionPlan, Activity, ActivityStatus, ProgressUpdate
from equalocal.scale.generate import scale_data_generate
from equalocal.scale.run import Spec
from tests.signin import sign_in

TODAY = date(2026, 3, 15)
SMALL = Spec(organisations=30, activities=600, measurements=7000, documents=60, seed=3, today=TODAY)


@pytest.fixture
def showcase(db):
    return scale_data_generate(spec=SMALL)


def _user(email):
    return get_user_model().objects.get(email=email)


def test_sizes_are_those_asked_for(showcase):
    assert Organisation.objects.filter(slug__startswith="scale-").count() == 30
    assert Activity.objects.count() == 600
    assert Measurement.objects.count() == 7000
    assert Document.objects.count() == 60
    # Every page of text is in the search index, once.
    assert SearchRow.objects.count() == Page.objects.exclude(text="").count() >= 60
    plan = ActionPlan.objects.get(pk=showcase.plan_id)
    assert plan.organisation.slug == "scale-municipality-1"
    assert plan.activities.count() == 200 == showcase.plan_activities
    network = Organisation.objects.get(slug="scale-network")
    # The showcase network takes every local organisation up to 500 (here: 28).
    assert showcase.network_members == 28
    assert NetworkMembership.objects.filter(network=network, body=None).count() == 28
    scorecard = Scorecard.objects.get(pk=showcase.scorecard_id)
    assert scorecard.owner.slug == "scale-network-50"
    assert scorecard.items.count() == 20


def test_commitments_reach_every_stage_with_their_steps(showcase):
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert statuses >= {CommitmentStatus.SIGNED, CommitmentStatus.CONSIDERING}
    for commitment in Commitment.objects.prefetch_related("steps"):
        steps = sorted(commitment.steps.all(), key=lambda step: step.date)
        assert steps, commitment
        assert steps[-1].status == commitment.status
        signed = [s.date for s in steps if s.status == CommitmentStatus.SIGNED]
        assert commitment.signed_on == (signed[0] if signed else None)


def test_derived_rows_agree_with_what_the_services_write(showcase):
    # A consent accepted (or ended) is what makes a membership; nothing else does.
    for sharing in NetworkSharing.objects.all():
        rows = NetworkMembership.objects.filter(
            network=sharing.network_id, member=sharing.member_id, body=None
        )
        if sharing.status == SharingStatus.ACCEPTED:
            assert rows.filter(left_on__isnull=True).count() == 1
        elif sharing.status == SharingStatus.ENDED:
            assert rows.filter(left_on__isnull=True).count() == 0 and rows.exists()
        else:
            assert not rows.exists()
    # An activity's progress history ends where the activity stands.
    for activity in Activity.objects.exclude(status=ActivityStatus.PLANNED)[:200]:
        last = ProgressUpdate.objects.filter(activity=activity).order_by("-date", "-id").first()
        assert (last.status, last.progress) == (activity.status, activity.progress)
    assert not Activity.objects.filter(status=ActivityStatus.DONE).exclude(progress=100).exists()
    # Every object the services save leaves an audit-trail row.
    assert ActionPlan.history.count() == ActionPlan.objects.count()


def _fingerprint() -> str:
    parts = [
        list(
            Organisation.objects.order_by("slug").values_list(
                "slug", "name", "country", "official_code", "latitude"
            )
        ),
        list(
            Commitment.objects.order_by("organisation__slug").values_list(
                "organisation__slug", "status", "decided_on", "signed_on"
            )
        ),
        list(
            Activity.objects.order_by(
                "plan__organisation__slug", "plan__version_number", "order"
            ).values_list("title", "status", "progress", "start_date", "end_date")
        ),
        list(
            Measurement.objects.order_by(
                "organisation__slug", "indicator__code", "period", "gender"
            ).values_list("value", "status")
        ),
        list(Page.objects.order_by("document__title", "number").values_list("text", flat=True)),
        list(
            NetworkSharing.objects.order_by("network__slug", "member__slug").values_list(
                "status", "figures", "progress", "joined_on"
            )
        ),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _generated(spec: Spec) -> str:
    """The fingerprint of the data ``spec`` makes; the data itself is rolled back."""
    with transaction.atomic():
        scale_data_generate(spec=spec)
        fingerprint = _fingerprint()
        transaction.set_rollback(True)
    return fingerprint


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    small = Spec(organisations=12, activities=250, measurements=2000, documents=20, today=TODAY)
    first = _generated(small)
    assert _generated(small) == first
    assert _generated(Spec(**{**small.__dict__, "seed": 2})) != first


def test_a_second_run_is_refused(showcase):
    with pytest.raises(CommandError, match="already holds scale data"):
        call_command("scale_data", "--orgs", "10")


@pytest.mark.parametrize(
    ("email", "page"),
    [
        ("scale-admin@example.org", "plan"),
        ("scale-admin@example.org", "plans"),
        ("scale-admin@example.org", "organisation"),
        ("scale-admin@example.org", "search"),
        ("scale-coordinator@example.org", "network"),
        ("scale-coordinator@example.org", "members"),
        ("scale-coordinator@example.org", "scorecard"),
        ("scale-viewer@example.org", "directory"),
        ("scale-viewer@example.org", "map"),
    ],
)
def test_showcase_pages_render_for_their_people(client, showcase, email, page):
    urls = {
        "plan": reverse(
            "plans:detail", kwargs={"org": "scale-municipality-1", "plan": showcase.plan_id}
        ),
        "plans": reverse("plans:list", kwargs={"org": "scale-municipality-1"}),
        "organisation": reverse("organisations:detail", kwargs={"org": "scale-municipality-1"}),
        "search": reverse("document_search:search") + "?q=jämställdhet",
        "network": reverse("networks:dashboard", kwargs={"org": "scale-network"}),
        "members": reverse("networks:members", kwargs={"org": "scale-network"}),
        "scorecard": reverse(
            "indicators:scorecard",
            kwargs={"org": "scale-network-50", "scorecard": showcase.scorecard_id},
        ),
        "directory": reverse("public:directory"),
        "map": reverse("public:map"),
    }
    sign_in(client, _user(email))
    response = client.get(urls[page])
    assert response.status_code == 200


def test_private_plan_is_hidden_from_other_organisations(client, showcase):
    url = reverse("plans:detail", kwargs={"org": "scale-municipality-1", "plan": showcase.plan_id})
    assert not ActionPlan.objects.get(pk=showcase.plan_id).is_published
    for email in ("scale-viewer@example.org", "scale-coordinator@example.org"):
        client.logout()
        sign_in(client, _user(email))
        assert client.get(url).status_code == 404, email
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_search_finds_only_the_searchers_documents(client, showcase):
    viewer = _user("scale-viewer@example.org")
    own = Organisation.objects.get(slug="scale-municipality-2")
    sign_in(client, viewer)
    response = client.get(reverse("document_search:search"), {"q": "jämställdhet"})
    assert response.status_code == 200
    shown = {hit.document_id for hit in response.context["results"].hits}
    assert shown, "the viewer's organisation has Swedish documents to find"
    assert set(Document.objects.filter(pk__in=shown).values_list("organisation", flat=True)) == {
        own.pk
    }
    # The generated text is found by the product's search, phrase and all.
    everyone = list(Organisation.objects.values_list("pk", flat=True))
    assert search_documents(organisation_ids=everyone, query='"lika lön för lika arbete"').hits


def test_network_scorecard_shows_only_figures_members_share(showcase):
    scorecard = Scorecard.objects.get(pk=showcase.scorecard_id)
    coordinator = _user("scale-coordinator@example.org")
    table = scorecard_table(scorecard, today=TODAY, user=coordinator)
    sharing = dict(
        NetworkSharing.objects.filter(
            network=scorecard.owner, status=SharingStatus.ACCEPTED
        ).values_list("member_id", "figures")
    )
    publishing = dict(
        Organisation.objects.filter(pk__in=sharing).values_list("pk", "publishing__figures")
    )
    assert len(table.organisations) == showcase.scorecard_members
    row = table.rows[0]
    for organisation, cell in zip(table.organisations, row.cells, strict=True):
        assert cell.shared == (sharing[organisation.pk] or publishing[organisation.pk])
    # Every eighth member keeps its figures to itself, so the gate has something to hide.
    assert {cell.shared for cell in row.cells} == {True, False}
