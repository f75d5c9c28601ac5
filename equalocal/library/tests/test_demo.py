"""The library's demo: sample 001's publication and launch, reviewed practices; idempotent."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from equalocal.core.demo import load_demo
from equalocal.library.models import Event, Practice, PracticeStatus, Publication, Theme

pytestmark = pytest.mark.django_db


def test_demo_holds_sample_001_and_published_practices():
    load_demo()
    publication = Publication.objects.get(author="UCLG CIB Working Group")
    assert publication.published_on.isoformat() == "2021-06-23"
    assert "twelve case studies" in publication.summary
    assert publication.parts.count() == 2
    launch = Event.objects.get(publication=publication)
    cest = ZoneInfo("Europe/Brussels")
    assert launch.starts_at == datetime(2021, 6, 23, 15, 0, tzinfo=cest)
    assert launch.ends_at == datetime(2021, 6, 23, 16, 15, tzinfo=cest)
    assert launch.time_zone == "Europe/Brussels"
    practices = Practice.objects.filter(publication=None)
    assert practices.count() == 3
    assert all(p.status == PracticeStatus.PUBLISHED for p in practices)
    umea = practices.get(owner__slug="umea")
    assert umea.activities.count() == 1
    assert umea.articles.get().number == 9


def test_demo_loads_twice_without_duplicates():
    load_demo()
    counts = [Model.objects.count() for Model in (Practice, Publication, Event, Theme)]
    load_demo()
    assert [Model.objects.count() for Model in (Practice, Publication, Event, Theme)] == counts


def test_the_demo_publication_holds_its_case_studies(client):
    load_demo()
    publication = Publication.objects.get(author="UCLG CIB Working Group")
    cases = publication.case_studies.filter(status=PracticeStatus.PUBLISHED)
    assert cases.count() == 3
    assert all("(demo example)" in case.title for case in cases)
    assert all("not one of its twelve cases" in case.summary for case in cases)
    assert all(case.articles.filter(number=30).exists() for case in cases)
    listed = client.get("/api/v1/publications").json()["items"]
    assert [p["case_studies"] for p in listed if p["id"] == publication.pk] == [3]
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "0 case studies" not in page
    assert "Planning safer streets with women and girls" in page


def test_the_demo_has_an_event_still_to_come_with_places(client):
    from django.utils import timezone

    load_demo()
    upcoming = Event.objects.filter(starts_at__gt=timezone.now(), is_published=True)
    assert upcoming.count() == 1
    event = upcoming.get()
    assert event.capacity and event.organiser.slug == "umearegionen"
    response = client.get("/library/events/")
    assert response.status_code == 200
    assert event.title in response.content.decode()
