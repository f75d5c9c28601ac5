"""The knowledge library in a real browser: an anonymous visitor finds a good practice for a
Charter article and registers for an event; every library page passes axe."""

import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def umea_practice():
    from equalocal.library.models import Practice

    return Practice.objects.get(owner__slug="umea")


def test_anonymous_visitor_finds_a_practice_for_an_article_and_registers_for_an_event(page, axe):
    from equalocal.library.tests.factories import EventFactory
    from equalocal.organisations.models import Organisation

    practice = umea_practice()
    article = practice.articles.get()
    event = EventFactory(
        organiser=Organisation.objects.get(slug="uclg"),
        title="Peer exchange on gender budgeting",
        place="Brussels",
        capacity=30,
    )

    # From the Charter to the article, and from the article to its good practice.
    page.goto(f"/charter/{article.charter.code}/")
    page.locator(f"#article-{article.number}").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Article {article.number}")
    expect(page.get_by_role("region", name="In short")).to_contain_text("figures split by sex")
    axe(page)
    practices = page.get_by_role("region", name="Good practices")
    practices.get_by_role("link", name=practice.title).click()
    expect(page.get_by_role("heading", name=practice.title, level=1)).to_be_visible()
    axe(page)

    # The library's events, and the registration form.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Knowledge library"
    ).click()
    page.get_by_role("link", name="Events", exact=True).first.click()
    page.get_by_role("link", name=event.title).click()
    expect(page.get_by_role("heading", name=event.title, level=1)).to_be_visible()
    axe(page)
    mail.outbox = []
    page.get_by_label("Name:", exact=True).fill("Ana Ruiz")
    page.get_by_label("E-mail:", exact=True).fill("ana.ruiz@example.org")
    page.get_by_label("Organisation:", exact=True).fill("Ayuntamiento de Ejemplo")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("Registration needs your consent")).to_be_visible()
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.")).to_be_visible()
    expect(page.get_by_text("29 places left.")).to_be_visible()

    (message,) = mail.outbox
    assert message.to == ["ana.ruiz@example.org"]
    assert message.subject == f"You are registered: {event.title}"
    assert re.search(r"/library/events/\d+/cancel/\S+/", message.body)

    answer = page.request.get(f"/library/events/{event.pk}/calendar.ics")
    calendar = Calendar.from_ical(answer.body())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.starts_at


def test_a_visitor_goes_from_the_directory_to_a_plan_a_practice_and_an_event(page, axe):
    """Issue 16's visitor, by links only: finds Umeå in the directory, opens its plan, follows
    a priority article to a good practice, registers for an event, gets the confirmation and
    the calendar file."""
    from equalocal.library.tests.factories import EventFactory
    from equalocal.organisations.models import Organisation

    practice = umea_practice()
    event = EventFactory(
        organiser=Organisation.objects.get(slug="umearegionen"),
        title="Network meeting on gender assessment",
        place="Umeå",
        capacity=30,
    )
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Signatories").click()
    page.get_by_role("combobox", name="Country").select_option(label="Sweden")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Umeå kommun").click()
    plans = page.get_by_role("region", name="Published action plans")
    plans.get_by_role("link", name=re.compile("Handlingsplan för jämställdhet")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Handlingsplan för jämställdhet")
    axe(page)
    page.get_by_role("link", name="Gender assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Article 9")
    page.get_by_role("region", name="Good practices").get_by_role(
        "link", name=practice.title
    ).click()
    expect(page.get_by_role("heading", name=practice.title, level=1)).to_be_visible()

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Knowledge library"
    ).click()
    page.get_by_role("link", name="Events", exact=True).first.click()
    page.get_by_role("link", name=event.title).click()
    mail.outbox = []
    page.get_by_label("Name:", exact=True).fill("Ana Ruiz")
    page.get_by_label("E-mail:", exact=True).fill("ana.ruiz@example.org")
    page.get_by_label("Organisation:", exact=True).fill("Ayuntamiento de Ejemplo")
    page.get_by_label(re.compile("I agree")).check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("You are registered.")).to_be_visible()
    (message,) = mail.outbox
    assert message.to == ["ana.ruiz@example.org"] and event.title in message.subject
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("calendar", re.IGNORECASE)).first.click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.starts_at


@pytest.mark.parametrize(
    "path",
    ["/library/", "/library/?theme=statistics", "/library/publications/", "/library/events/"],
)
def test_library_lists(page, axe, path):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)


def test_publication_and_launch_event(page, axe):
    from equalocal.library.models import Event

    launch = Event.objects.get(publication__author="UCLG CIB Working Group")
    page.goto(launch.publication.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Capacity Building")
    axe(page)
    page.get_by_role("link", name=launch.title).click()
    expect(page.get_by_text("This event is over.")).to_be_visible()
    axe(page)


def test_editor_pages(page, sign_in, axe):
    sign_in("editor@example.org")
    page.goto("/organisations/umea/library/")
    expect(page.get_by_role("heading", name="Practices and events", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="New practice").click()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    axe(page)
    page.goto("/organisations/umea/library/events/new/")
    expect(page.get_by_role("heading", name="New event", level=1)).to_be_visible()
    axe(page)
