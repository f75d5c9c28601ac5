"""Network meetings as iCalendar files: timed when a start time is known, else all day."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def ics_of(client, personas, meeting):
    client.force_login(personas.user("viewer"))
    url = reverse(
        "networks:meeting-ics",
        kwargs={
            "org": personas.objects["network"],
            "group": personas.objects["group"],
            "meeting": meeting.pk,
        },
    )
    response = client.get(url)
    assert response.status_code == 200
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    return vevent


def test_timed_meeting_has_start_and_end_in_the_sites_time_zone(client, personas, settings):
    from equalocal.networks.models import Meeting

    meeting = Meeting.objects.get(pk=personas.objects["meeting"])
    meeting.start_time, meeting.end_time = time(9, 30), time(12, 0)
    meeting.place = "Stadshuset, Växjö"
    meeting.save()
    vevent = ics_of(client, personas, meeting)
    zone = ZoneInfo(settings.TIME_ZONE)
    assert vevent.decoded("DTSTART") == datetime.combine(meeting.date, time(9, 30), zone)
    assert vevent.decoded("DTEND") == datetime.combine(meeting.date, time(12, 0), zone)
    assert str(vevent["LOCATION"]) == "Stadshuset, Växjö"


def test_meeting_without_time_is_a_whole_day(client, personas):
    from equalocal.networks.models import Meeting

    meeting = Meeting.objects.get(pk=personas.objects["meeting"])
    vevent = ics_of(client, personas, meeting)
    assert vevent.decoded("DTSTART") == meeting.date
    assert vevent.decoded("DTEND") == meeting.date + timedelta(days=1)


def test_end_before_start_is_refused():
    meeting = MeetingFactory(date=date(2026, 5, 4), start_time=time(14, 0), end_time=time(13, 0))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "end_time" in error.value.message_dict
