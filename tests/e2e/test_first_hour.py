"""The first hour of a new member: from the invitation e-mail to an adopted plan with one
activity, through the first-run checklist, finding every page from the main navigation."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PASSWORD = "Nordanstig-jämställd-2026"


def nav(page, name):
    """Follow a link of the main navigation, as a newcomer finds their way."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()
    page.wait_for_load_state()


def checklist(page):
    return page.get_by_role("region", name=re.compile("^First steps for"))


def step(page, label):
    return checklist(page).get_by_role("listitem").filter(has_text=label)


def test_new_invitee_works_through_the_checklist_to_an_adopted_plan(page, axe):
    from equalocal.accounts.services import invitation_create
    from equalocal.organisations.models import Role
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    today = timezone.localdate()
    organisation = OrganisationFactory(name="Nordanstigs kommun", slug="nordanstig")
    inviter = UserFactory(email="hr@nordanstig.example")
    MembershipFactory(user=inviter, organisation=organisation, role=Role.ADMIN)
    mail.outbox = []
    invitation_create(
        organisation=organisation,
        email="ny.samordnare@nordanstig.example",
        role=Role.ADMIN,
        by=inviter,
        language="en",
    )

    # The invitation e-mail's link is the only address typed in.
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/invitations/\S+/", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordanstigs kommun")
    page.get_by_label("First name").fill("Nora")
    page.get_by_label("Last name").fill("Samordnare")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_load_state()

    # Home: the first-run checklist, nothing done but the colleagues (she is the second).
    expect(checklist(page)).to_be_visible()
    expect(checklist(page)).to_contain_text("1 of")
    expect(step(page, "Record the decision to sign the Charter")).to_contain_text("To do")
    axe(page)

    # 1. The decision to sign, from the navigation's Commitment page.
    nav(page, "Commitment")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nordanstigs kommun")
    page.get_by_role("link", name="Record the commitment").click()
    page.get_by_label("Status").select_option(label="Decided")
    page.get_by_label("Decision to sign").fill((today - timedelta(days=200)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("was recorded")

    # 2. The plan, from the navigation's Plans page, with a Charter article as priority.
    nav(page, "Plans")
    page.get_by_role("link", name=re.compile("^(New plan|Create the plan)$")).first.click()
    page.get_by_label("Title").fill("Jämställdhetsplan för Nordanstig")
    page.get_by_label("Period starts").fill(f"{today.year}-01-01")
    page.get_by_label("Period ends").fill(f"{today.year + 1}-12-31")
    page.get_by_role("checkbox", name=re.compile(r"^1\. ")).first.check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämställdhetsplan för Nordanstig")

    # 3. One activity, from the plan page.
    page.get_by_role("link", name=re.compile("^Add an activity$")).first.click()
    page.get_by_label("Activity:", exact=True).fill("Könsuppdelad statistik i alla nämnder")
    page.get_by_label("Responsible unit").fill("Kommunledningskontoret")
    # An activity timed by dates needs one: the timetable the Charter's checklist asks for.
    page.get_by_label("Start:", exact=True).fill(f"{today.year}-03-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Könsuppdelad statistik i alla nämnder"
    )

    # Back home: the checklist has ticked itself from the data; adoption is what is left.
    nav(page, "Home")
    for label in [
        "Record the decision to sign the Charter",
        "Create the action plan",
        "Link the plan to the Charter articles it works on",
        "Add the first activity",
    ]:
        expect(step(page, label)).to_contain_text("Done")
    expect(step(page, "Record the plan's adoption")).to_contain_text("To do")

    # 4. The adoption, from the checklist's own button.
    step(page, "Record the plan's adoption").get_by_role("link").click()
    page.get_by_label("Status").select_option(label="Adopted")
    page.get_by_label("Adopted on").fill(today.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämställdhetsplan för Nordanstig")

    # The dashboard, from the navigation, shows the adopted plan with its one activity.
    nav(page, "Dashboard")
    current = page.get_by_role("region", name="Current plan")
    expect(current).to_contain_text("Jämställdhetsplan för Nordanstig")
    expect(current).to_contain_text("Adopted")
    nav(page, "Home")
    expect(step(page, "Record the plan's adoption")).to_contain_text("Done")
    axe(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_recording_a_step_takes_one_click_from_the_checklist_and_the_commitment(
    new_page, javascript
):
    """The checklist's "Record a step" opened the commitment page, where "Record a step" had
    to be clicked again: it leads to the step form itself, with or without JavaScript."""
    from django.apps import apps

    from equalocal.charters.reference import load_reference
    from equalocal.organisations.models import Role
    from tests.factories import (
        CommitmentFactory,
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )

    load_reference(apps)  # the Charter texts: a browser test starts from an empty database
    today = timezone.localdate()
    organisation = OrganisationFactory(name="Bräcke kommun", slug="bracke")
    admin = UserFactory(email="samordnare@bracke.example")
    MembershipFactory(user=admin, organisation=organisation, role=Role.ADMIN)
    commitment = CommitmentFactory(organisation=organisation, status="considering")
    page = new_page({"width": 1366, "height": 900}, javascript=javascript, user=admin)

    page.goto("/")
    step(page, "Record the decision to sign the Charter").get_by_role(
        "link", name="Record a step"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a step")
    expect(page).to_have_url(re.compile(rf"/commitments/{commitment.pk}/steps/new/$"))
    page.get_by_label("Status after this step").select_option(label="Decided")
    page.get_by_label("Date").fill((today - timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Record the step").click()
    expect(page.get_by_role("status")).to_contain_text("the status is now “Decided”")

    # On the commitment page, one click on its own "Record a step" opens the form too.
    page.get_by_role("main").get_by_role("link", name="Record a step").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a step")
