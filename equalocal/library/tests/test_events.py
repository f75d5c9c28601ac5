"""Events: registration, the waiting list, cancellation, e-mails, CSV and iCalendar."""

import csv
import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from equalocal.core.errors import ApplicationError
from equalocal.library import services
from equalocal.library.models import Registration, RegistrationStatus, hash_token
from equalocal.library.tests.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

CANCEL_LINK = re.compile(r"/library/events/\d+/cancel/([\w-]+)/")


def register(event, email, *, language="en", consent=True):
    return services.registration_create(
        event=event,
        name=email.split("@")[0],
        email=email,
        organisation="Kommun",
        language=language,
        consent=consent,
    )


def test_registration_needs_consent():
    event = EventFactory()
    with pytest.raises(ApplicationError) as error:
        register(event, "a@example.org", consent=False)
    assert error.value.field == "consent"
    assert not Registration.objects.exists()


def test_unpublished_event_takes_no_registration():
    event = EventFactory(is_published=False)
    with pytest.raises(ApplicationError):
        register(event, "a@example.org")


def test_the_same_address_registers_once():
    event = EventFactory()
    register(event, "a@example.org")
    with pytest.raises(ApplicationError) as error:
        register(event, "A@example.org")
    assert error.value.field == "email"


def test_full_event_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = register(event, "first@example.org")
        second = register(event, "second@example.org", language="sv")
        third = register(event, "third@example.org")
    assert [first.status, second.status, third.status] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=first)
    assert promoted == second
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == RegistrationStatus.CONFIRMED
    assert second.promoted_at is not None
    assert third.status == RegistrationStatus.WAITING
    assert [message.to for message in mail.outbox] == [["second@example.org"]]
    assert "En plats" in mail.outbox[0].subject


def test_cancelling_from_the_waiting_list_promotes_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    register(event, "first@example.org")
    waiting = register(event, "second@example.org")
    assert services.registration_cancel(registration=waiting) is None
    assert services.registration_cancel(registration=waiting) is None


def test_confirmation_is_in_the_registrants_language_with_a_working_cancellation_link(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(
        title="Lansering",
        starts_at=datetime(2030, 6, 19, 15, 0, tzinfo=ZoneInfo("Europe/Brussels")),
        ends_at=datetime(2030, 6, 19, 16, 15, tzinfo=ZoneInfo("Europe/Brussels")),
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("library:event", kwargs={"event": event.pk}),
            {"name": "Anna", "email": "anna@example.org", "consent": "on"},
            HTTP_ACCEPT_LANGUAGE="sv",
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "Du är anmäld: Lansering"
    body = message.body
    assert "15:00" in body and "16:15" in body
    token = CANCEL_LINK.search(body).group(1)
    registration = Registration.objects.get()
    assert registration.language == "sv"
    # Only the hash of the link is kept.
    assert registration.token_hash == hash_token(token)
    assert token not in registration.token_hash
    url = reverse("library:registration-cancel", kwargs={"event": event.pk, "key": token})
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_english_registrant_gets_english(django_capture_on_commit_callbacks):
    event = EventFactory(title="Launch")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "en@example.org", language="en")
    assert mail.outbox[0].subject == "You are registered: Launch"


def test_wrong_cancellation_key_is_404(client):
    event = EventFactory()
    RegistrationFactory(event=event, token="right")
    url = reverse("library:registration-cancel", kwargs={"event": event.pk, "key": "wrong"})
    assert client.get(url).status_code == 404


def test_missing_consent_on_the_form_says_why(client):
    event = EventFactory()
    response = client.post(
        reverse("library:event", kwargs={"event": event.pk}),
        {"name": "Anna", "email": "anna@example.org"},
    )
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    assert not Registration.objects.exists()


def test_ics_parses_with_the_events_time_zone(client):
    event = EventFactory(
        title="Launch; of the brochure, with a long title " + "x" * 80,
        starts_at=datetime(2030, 6, 19, 15, 0, tzinfo=ZoneInfo("Europe/Brussels")),
        ends_at=datetime(2030, 6, 19, 16, 15, tzinfo=ZoneInfo("Europe/Brussels")),
        place="Online",
    )
    response = client.get(reverse("library:event-ics", kwargs={"event": event.pk}))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    start = vevent.decoded("DTSTART")
    assert start == datetime(2030, 6, 19, 13, 0, tzinfo=ZoneInfo("UTC"))
    assert str(start.tzinfo) == "Europe/Brussels"
    assert vevent.decoded("DTEND") - start == (event.ends_at - event.starts_at)
    assert calendar.walk("VTIMEZONE")
    # Lines are folded at 75 octets.
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))


def test_registrant_csv_neutralises_formulas(client):
    organiser = OrganisationFactory()
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=organiser, role="editor")
    event = EventFactory(organiser=organiser)
    RegistrationFactory(event=event, name='=HYPERLINK("http://x")', organisation="+SUM(A1)")
    client.force_login(editor)
    response = client.get(
        reverse("library_org:registrants-csv", kwargs={"org": organiser.slug, "event": event.pk})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][2] == "'+SUM(A1)"


def test_registrant_list_has_bounded_queries(client, django_assert_max_num_queries):
    organiser = OrganisationFactory()
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=organiser, role="editor")
    event = EventFactory(organiser=organiser, capacity=5)
    for _ in range(30):
        RegistrationFactory(event=event)
    client.force_login(editor)
    url = reverse("library_org:registrants", kwargs={"org": organiser.slug, "event": event.pk})
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_event_list_has_bounded_queries(client, django_assert_max_num_queries):
    for _ in range(20):
        RegistrationFactory(event=EventFactory())
    with django_assert_max_num_queries(6):
        assert client.get(reverse("library:events")).status_code == 200


def test_event_form_stores_local_times_in_the_chosen_zone(client):
    organiser = OrganisationFactory()
    editor = UserFactory()
    MembershipFactory(user=editor, organisation=organiser, role="editor")
    client.force_login(editor)
    url = reverse("library_org:event-create", kwargs={"org": organiser.slug})
    data = {
        "title": "Nätverksträff",
        "starts_local": "2030-03-10T15:00",
        "ends_local": "2030-03-10T14:00",
        "time_zone": "Europe/Stockholm",
        "place": "Umeå",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "must end after it starts" in response.content.decode()
    response = client.post(
        url, {**data, "ends_local": "2030-03-10T16:15", "time_zone": "Mars/Base"}
    )
    assert response.status_code == 200
    response = client.post(url, {**data, "ends_local": "2030-03-10T16:15"})
    assert response.status_code == 302
    event = organiser.events.get()
    assert event.starts_at == datetime(2030, 3, 10, 14, 0, tzinfo=ZoneInfo("UTC"))
    assert event.time_zone == "Europe/Stockholm"
