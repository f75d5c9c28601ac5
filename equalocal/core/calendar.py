"""iCalendar (RFC 5545) files for things that happen at a time: events, meetings.

Written with the ``icalendar`` library, which folds long lines and escapes text; the start
and end keep their time zone (a TZID with a VTIMEZONE), so calendars show the local time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT: ``uid`` is stable across downloads so calendars update, not duplicate."""

    uid: str
    title: str
    start: datetime | date
    end: datetime | date | None = None
    time_zone: str = ""
    description: str = ""
    location: str = ""
    url: str = ""


def _in_zone(value, time_zone: str):
    if isinstance(value, datetime) and time_zone:
        return value.astimezone(ZoneInfo(time_zone))
    return value


def ics_bytes(entry: CalendarEntry) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//equalocal//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", timezone.now())
    event.add("summary", entry.title)
    event.add("dtstart", _in_zone(entry.start, entry.time_zone))
    if entry.end is not None:
        event.add("dtend", _in_zone(entry.end, entry.time_zone))
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def ics_response(entry: CalendarEntry, *, filename: str) -> HttpResponse:
    """The entry as a download named ``filename`` (ASCII, ending in .ics)."""
    response = HttpResponse(ics_bytes(entry), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
