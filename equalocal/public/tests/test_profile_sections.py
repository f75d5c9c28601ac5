"""What the reports and library apps add to the public profile (through ``core/registry.py``):
the latest published follow-up report and the published good practices, as the organisation
publishes them, and nothing of the rest."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from equalocal.library.tests.factories import PracticeFactory
from equalocal.organisations.models import Role
from equalocal.organisations.services import publishing_update
from equalocal.reports import services as report_services
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PublishingFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def _profile(organisation, client=None):
    client = client or Client()
    return client.get(reverse("public:profile", kwargs={"org": organisation.slug}))


def _editor(organisation):
    """One of the organisation's editors: they send its reports."""
    return MembershipFactory(organisation=organisation, role=Role.EDITOR).user


def _sent(organisation, *, title, sent_days_ago=0, public=True, kind="follow_up"):
    report = ReportFactory(organisation=organisation, title=title, public=public, kind=kind)
    report = report_services.report_send(report=report, by=_editor(report.organisation))
    if sent_days_ago:
        report.sent_at = timezone.now() - timedelta(days=sent_days_ago)
        report.save(update_fields=["sent_at"])
    return report


@pytest.fixture
def umea():
    organisation = OrganisationFactory(name="Umeå kommun", slug="umea")
    PublishingFactory(organisation=organisation, reports=True)
    return organisation


def test_anonymous_sees_the_latest_published_follow_up_report_with_its_date(umea):
    _sent(umea, title="Uppföljning 2024", sent_days_ago=300)
    latest = _sent(umea, title="Uppföljning 2025", sent_days_ago=10)
    _sent(umea, title="Sammanfattning för nätverket", kind="signatory_summary")

    response = _profile(umea)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Latest follow-up report" in content
    assert f'href="{latest.get_absolute_url()}"' in content
    assert "Uppföljning 2025" in content
    assert f'<time datetime="{timezone.localtime(latest.sent_at):%Y-%m-%d}">' in content
    assert reverse("reports:pdf", kwargs={"org": "umea", "report": latest.pk}) in content
    for hidden in ["Uppföljning 2024", "Sammanfattning för nätverket"]:
        assert hidden not in content
    # The link leads somewhere anonymous may go.
    assert Client().get(latest.get_absolute_url()).status_code == 200


def test_drafts_and_reports_not_marked_public_are_not_shown(umea):
    draft = ReportFactory(organisation=umea, title="Utkast till uppföljning", public=True)
    internal = _sent(umea, title="Intern uppföljning", public=False)

    content = _profile(umea).content.decode()

    assert "Latest follow-up report" not in content
    for hidden in ["Utkast till uppföljning", "Intern uppföljning"]:
        assert hidden not in content
    for report in (draft, internal):
        assert Client().get(report.get_absolute_url()).status_code == 404


def test_no_report_is_public_while_the_publishing_settings_keep_reports_private(umea):
    report = _sent(umea, title="Uppföljning 2025")
    publishing_update(organisation=umea, by=None, reports=False)

    content = _profile(umea).content.decode()

    assert "Uppföljning 2025" not in content
    assert "Latest follow-up report" not in content
    # Nor by its address, or its files.
    anonymous = Client()
    assert anonymous.get(report.get_absolute_url()).status_code == 404
    pdf = reverse("reports:pdf", kwargs={"org": "umea", "report": report.pk})
    assert anonymous.get(pdf).status_code == 404


def test_reports_are_private_by_default(personas):
    """Publishing settings never saved: the defaults keep reports private."""
    _sent(personas.org_a, title="Uppföljning av org A")
    for persona in ["anonymous", "outsider", "peer"]:
        client = Client()
        if persona != "anonymous":
            client.force_login(personas.user(persona))
        assert "Uppföljning av org A" not in _profile(personas.org_a, client).content.decode()


def test_anonymous_sees_published_practices_and_no_drafts(umea):
    other = OrganisationFactory(name="Skellefteå kommun")
    own = PracticeFactory(owner=umea, title="Jämställd snöröjning", published=True)
    shared = PracticeFactory(owner=other, title="Gemensam lönekartläggning", published=True)
    shared.organisations.add(umea)
    PracticeFactory(owner=umea, title="Utkast om föräldraledighet")
    PracticeFactory(owner=umea, title="Praktik under granskning", status="review")
    PracticeFactory(owner=other, title="Skellefteås egen praktik", published=True)

    content = _profile(umea).content.decode()

    assert "Good practices" in content
    assert f'href="{own.get_absolute_url()}"' in content
    assert f'href="{shared.get_absolute_url()}"' in content
    assert "Skellefteå kommun" in content  # the owner of the shared practice is named
    for hidden in ["Utkast om föräldraledighet", "Praktik under granskning", "Skellefteås egen"]:
        assert hidden not in content


def test_a_profile_without_reports_or_practices_shows_neither_section():
    content = _profile(OrganisationFactory()).content.decode()
    assert "Latest follow-up report" not in content
    assert 'id="good-practices"' not in content


def test_a_newly_sent_report_or_published_practice_changes_the_profile_etag(umea):
    report = ReportFactory(organisation=umea, title="Uppföljning 2025", public=True)
    client = Client()
    etag = _profile(umea, client)["ETag"]
    url = reverse("public:profile", kwargs={"org": "umea"})
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304

    report_services.report_send(report=report, by=_editor(report.organisation))
    after_report = _profile(umea, client)
    assert after_report["ETag"] != etag
    assert "Uppföljning 2025" in after_report.content.decode()

    PracticeFactory(owner=umea, title="Ny praktik", published=True)
    after_practice = _profile(umea, client)
    assert after_practice["ETag"] != after_report["ETag"]
    assert "Ny praktik" in after_practice.content.decode()


def test_profile_sections_use_a_bounded_number_of_queries(umea, django_assert_max_num_queries):
    _sent(umea, title="Uppföljning")
    PracticeFactory(owner=umea, published=True)
    url = reverse("public:profile", kwargs={"org": "umea"})
    with django_assert_max_num_queries(30) as few:
        Client().get(url)
    for n in range(25):
        _sent(umea, title=f"Uppföljning {n}")
        practice = PracticeFactory(owner=umea, published=True)
        practice.organisations.add(OrganisationFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = Client().get(url)
    assert response.content.decode().count('href="/library/practices/') <= 20
