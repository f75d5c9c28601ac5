"""Networks and working groups in a real browser, checked with axe-core.

A coordinator's journey (a new member, a member leaving, a meeting with attendees)
seen on the dashboard and the public pages; every network page under axe, in English
and once in Swedish; bad input and two coordinators editing the matrix at once.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS, check_axe

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun, editor (so coordinator) in Umeåregionen
UBC_ADMIN = "ubc.admin@example.org"  # made by the ubc_coordinators fixture
UBC_EDITOR = "ubc.editor@example.org"
OUTSIDER = "outsider@example.org"  # admin of Ragunda kommun

UMEAREGIONEN = "/organisations/umearegionen/network/"
GROUP = UMEAREGIONEN + "groups/jamstalldhetsgruppen/"
PUBLIC = "/public/networks/umearegionen/"
PUBLIC_GROUP = PUBLIC + "jamstalldhetsgruppen/"
UBC = "/organisations/ubc/network/"
UBC_GROUP = UBC + "groups/gender-equality/"


@pytest.fixture
def ubc_coordinators(demo):
    """An admin and an editor of UBC: no demo user coordinates UBC."""
    from equalocal.core.demo import DEMO_PASSWORD
    from equalocal.organisations.models import Organisation, Role
    from tests.factories import MembershipFactory, UserFactory

    ubc = Organisation.objects.get(slug="ubc")
    for email, role in [(UBC_ADMIN, Role.ADMIN), (UBC_EDITOR, Role.EDITOR)]:
        user = UserFactory(email=email, password=DEMO_PASSWORD)
        MembershipFactory(user=user, organisation=ubc, role=role)


def log_in(page, email):
    from equalocal.core.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def new_page(browser, live_server, email=None):
    """A page in a context of its own, signed in unless ``email`` is None; close its context."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    return log_in(page, email) if email else page


def messages(page):
    return page.get_by_role("status").filter(has=page.get_by_role("listitem"))


def figure(page, label):
    """A count at the top of the dashboard, by its term."""
    return page.locator(".details dt", has_text=re.compile(f"^{label}$")).locator(
        "xpath=following-sibling::dd[1]"
    )


def member_rows(page):
    return page.get_by_role("region", name="Member organisations").get_by_role("rowheader")


class AxeSweep:
    """Runs axe on many pages and reports every violation at the end."""

    def __init__(self, page):
        self.page = page
        self.failures = []

    def visit(self, url, heading):
        response = self.page.goto(url)
        assert response.status == 200, f"{url}: HTTP {response.status}"
        expect(self.page.get_by_role("heading", level=1)).to_contain_text(heading)
        self.check()

    def check(self):
        try:
            check_axe(self.page)
        except AssertionError as failure:
            self.failures.append(str(failure))

    def assert_clean(self):
        assert not self.failures, "\n\n".join(self.failures)


# 1. The journey -------------------------------------------------------------------------------


def test_coordinator_records_members_and_a_meeting(page, sign_in, axe, browser, live_server):
    today = timezone.localdate()
    meeting_day = today + timedelta(days=30)
    sign_in(ADMIN)

    # The dashboard before: the six municipalities; Örnsköldsvik takes part in the working
    # group only, so it is no member of the network and has no row.
    page.goto(UMEAREGIONEN)
    expect(page.get_by_role("heading", name="Umeåregionen", level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^\d+ member organisations$"))).to_be_visible()
    page.get_by_role("link", name="Member dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Member dashboard of Umeåregionen")
    expect(figure(page, "Members")).to_have_text("6")
    expect(member_rows(page)).to_have_count(6)
    expect(member_rows(page).filter(has_text="Örnsköldsvik")).to_have_count(0)
    expect(member_rows(page).filter(has_text="Ragunda kommun")).to_have_count(0)

    # A new member of the network.
    page.get_by_role("link", name="Members and history").click()
    page.get_by_role("link", name="Add a member").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a member to Umeåregionen")
    page.get_by_label("Member organisation").select_option(label="Ragunda kommun")
    page.get_by_label("Member since").fill((today - timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Ask to join, or place in the group").click()
    expect(messages(page)).to_contain_text("Ragunda kommun was asked to join Umeåregionen.")

    # Ragunda's admin accepts in Ragunda's own networks page: only then is it a member.
    ragunda_admin = new_page(browser, live_server, OUTSIDER)
    try:
        ragunda_admin.goto("/organisations/ragunda/networks/")
        request = ragunda_admin.get_by_role("region", name="Umeåregionen")
        request.get_by_role("button", name="Accept and share what is ticked").click()
        expect(messages(ragunda_admin)).to_contain_text("Umeåregionen")
    finally:
        ragunda_admin.context.close()
    page.reload()
    memberships = page.get_by_role("region", name="Memberships")
    ragunda = memberships.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Ragunda kommun")
    )
    expect(ragunda).to_contain_text("current")
    page.goto(UMEAREGIONEN + "dashboard/")
    expect(figure(page, "Members")).to_have_text("7")
    expect(member_rows(page).filter(has_text="Ragunda kommun")).to_have_count(1)
    page.get_by_role("link", name="Members and history").click()

    # A member leaving the network today, with a reason (the demo recorded it as joining today).
    network_row = page.get_by_role("row").filter(
        has=page.get_by_role("cell", name="Umeåregionen", exact=True)
    )
    network_row.get_by_role("link", name="Record that Bjurholms kommun left").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bjurholms kommun leaves Umeåregionen"
    )
    page.get_by_label("Left on").fill(today.isoformat())
    page.get_by_label("Reason").fill("Decided by the municipal executive board (e2e)")
    page.get_by_role("button", name="Record leaving").click()
    expect(messages(page)).to_contain_text("Bjurholms kommun has left Umeåregionen.")
    events = page.get_by_role("region", name="Joined and left, newest first")
    expect(events).to_contain_text("Bjurholms kommun left Umeåregionen")
    expect(events).to_contain_text("Decided by the municipal executive board (e2e)")
    expect(events).to_contain_text("Ragunda kommun joined Umeåregionen")

    # A meeting of the group with two attendees.
    page.goto(GROUP)
    expect(page.get_by_role("heading", name="Jämställdhetsgruppen", level=1)).to_be_visible()
    page.get_by_role("link", name="New meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New meeting of Jämställdhetsgruppen")
    page.get_by_label("Date").fill(meeting_day.isoformat())
    page.get_by_label("Status").select_option(label="Planned")
    page.get_by_label("Place").fill("Vännäs kommunhus (e2e)")
    page.get_by_label("Agenda").fill("Styrkortet för jämställdhet")
    attendees = page.get_by_role("group", name="Attendees")
    attendees.get_by_role(
        "checkbox", name="Ingrid Lundström, Vännäs kommun (Contact person)"
    ).check()
    attendees.get_by_role("checkbox", name="Linda Gustafsson, Umeå kommun (Member)").check()
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text("The meeting was added.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of Jämställdhetsgruppen")
    listed = page.get_by_role("region", name="Attendees").get_by_role("listitem")
    expect(listed).to_have_count(2)
    expect(listed.filter(has_text="Ingrid Lundström, Vännäs kommun")).to_be_visible()
    expect(listed.filter(has_text="Linda Gustafsson, Umeå kommun")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Jämställdhetsgruppen").click()
    upcoming = page.get_by_role("region", name="Upcoming meetings")
    expect(upcoming.get_by_role("listitem")).to_have_count(1)
    expect(upcoming).to_contain_text("Vännäs kommunhus (e2e)")

    # The dashboard after: Ragunda in (Bjurholm's leaving is dated today, so it counts until
    # tomorrow).
    page.goto(UMEAREGIONEN + "dashboard/")
    expect(member_rows(page).filter(has_text="Ragunda kommun")).to_have_count(1)

    # The public pages, anonymous in a new context.
    public = new_page(browser, live_server)
    try:
        public.goto(PUBLIC)
        expect(public.get_by_role("heading", name="Umeåregionen", level=1)).to_be_visible()
        members = public.get_by_role("region", name=re.compile(r"^\d+ members$"))
        expect(members.get_by_role("link", name="Ragunda kommun")).to_be_visible()
        expect(public.get_by_text("1 vacant seat")).to_be_visible()

        public.get_by_role("link", name="Jämställdhetsgruppen").click()
        expect(public.get_by_role("heading", name="Jämställdhetsgruppen", level=1)).to_be_visible()
        upcoming = public.get_by_role("region", name="Upcoming meetings")
        expect(upcoming).to_contain_text("Vännäs kommunhus (e2e)")
        expect(upcoming.locator("time")).to_have_attribute("datetime", meeting_day.isoformat())
        seats = public.get_by_role("region", name="Representatives and contacts")
        expect(
            seats.get_by_role("listitem").filter(has_text="Contact person, Vännäs kommun")
        ).to_be_visible()
        vindeln = seats.get_by_role("listitem").filter(has_text="Vindelns kommun")
        expect(vindeln).to_contain_text("Vacant")
        expect(seats).to_contain_text("1 seat is vacant.")
        # Bjurholm's seat ends with its leaving, dated today: it is still listed until then.
        body = public.locator("main")
        for name in ["Ingrid Lundström", "Linda Gustafsson", "Katarina Strachman"]:
            expect(body).not_to_contain_text(name)
        check_axe(public)
    finally:
        public.context.close()


# 2. Every page under axe ------------------------------------------------------------------------


def test_network_pages_have_no_axe_violations(page, sign_in, ubc_coordinators):
    sweep = AxeSweep(page)
    sign_in(ADMIN)

    sweep.visit(UMEAREGIONEN, "Umeåregionen")
    sweep.visit(UMEAREGIONEN + "dashboard/", "Member dashboard of Umeåregionen")
    # A filter (htmx on change) and a sort by a column header.
    page.get_by_label("Flag").select_option(label="No plan")
    expect(page).to_have_url(re.compile(r"flag=no_plan"))
    expect(page.get_by_role("status").filter(has_text="match the filters")).to_be_visible()
    page.get_by_role("link", name="Plan progress").click()
    expect(page).to_have_url(re.compile(r"sort=progress"))
    expect(page.get_by_role("columnheader", name="Plan progress")).to_have_attribute(
        "aria-sort", "ascending"
    )
    sweep.check()
    sweep.visit(UMEAREGIONEN + "members/", "Members of Umeåregionen")
    page.get_by_role("textbox", name="Members on").fill("2020-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name=re.compile("^Members on"), level=2)).to_be_visible()
    sweep.check()
    sweep.visit(GROUP, "Jämställdhetsgruppen")
    page.get_by_role("link", name="Edit the seat of Vindelns kommun").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("The seat of Vindelns kommun")
    sweep.check()

    # Forms with errors.
    sweep.visit(UMEAREGIONEN + "members/join/", "Add a member to")
    page.get_by_role("button", name="Ask to join, or place in the group").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.get_by_label("Member organisation")).to_have_attribute("aria-invalid", "true")
    sweep.check()
    page.goto(UMEAREGIONEN + "members/")
    page.get_by_role("link", name="Record that Vännäs kommun left").first.click()
    page.get_by_role("button", name="Record leaving").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.get_by_label("Left on")).to_have_attribute("aria-invalid", "true")
    sweep.check()
    sweep.visit(GROUP + "meetings/new/", "New meeting of Jämställdhetsgruppen")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Date")).to_have_attribute("aria-invalid", "true")
    sweep.check()

    # UBC, as its admin: meetings, the matrix, the settings.
    page.context.clear_cookies()
    log_in(page, UBC_ADMIN)
    sweep.visit(UBC_GROUP, "Gender Equality Working Group")
    page.get_by_role("region", name="Past meetings").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meeting of Gender Equality")
    sweep.check()
    sweep.visit(UBC_GROUP + "matrix/edit/", "Edit the responsibility matrix")
    sweep.visit(UBC + "settings/", "Settings of Union of the Baltic Cities")

    # The public pages, signed out.
    page.context.clear_cookies()
    for url, heading in [
        (PUBLIC, "Umeåregionen"),
        (PUBLIC_GROUP, "Jämställdhetsgruppen"),
        ("/public/networks/ubc/", "Union of the Baltic Cities"),
        ("/public/networks/ubc/gender-equality/", "Gender Equality Working Group"),
        ("/public/networks/uclg/cib-working-group/", "CIB Working Group"),
    ]:
        sweep.visit(url, heading)

    # One page in Swedish.
    page.get_by_label("Language").select_option(label="Svenska")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", name="Kommande möten", level=2)).to_be_visible()
    sweep.check()
    sweep.assert_clean()


# 3. Bad input -----------------------------------------------------------------------------------


def test_leaving_before_joining_is_refused(page, axe, ubc_coordinators):
    from equalocal.networks.models import NetworkMembership

    log_in(page, UBC_EDITOR)
    page.goto(UBC + "members/")
    page.get_by_role("link", name="Record that Kalmar kommun left").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kalmar kommun leaves")
    page.get_by_label("Left on").fill("2015-12-31")
    page.get_by_label("Reason").fill("Too early (e2e)")
    page.get_by_role("button", name="Record leaving").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(
        page.get_by_text("A member cannot leave before joining (joined on 2016-01-01).")
    ).to_be_visible()
    expect(page.get_by_label("Left on")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Reason")).to_have_value("Too early (e2e)")
    axe(page)
    assert not NetworkMembership.objects.filter(
        member__slug="kalmar", network__slug="ubc", left_on__isnull=False
    ).exists()
    page.goto(UBC + "members/")
    expect(page.get_by_role("region", name="Memberships")).not_to_contain_text("Too early (e2e)")


def test_concurrent_matrix_edit_shows_the_conflict(
    page, axe, browser, live_server, ubc_coordinators
):
    from equalocal.networks.models import MatrixCell

    first = log_in(page, UBC_ADMIN)
    second = new_page(browser, live_server, UBC_EDITOR)
    try:
        first.goto(UBC_GROUP + "matrix/edit/")
        second.goto(UBC_GROUP + "matrix/edit/")
        # Members that do not share their contacts with UBC show their seats by title only.
        label = re.compile(r"^Role of Gdańsk: .+ for Safe Cities$")
        expect(first.locator("main")).not_to_contain_text("Tarasiewicz")
        first.get_by_label(label).select_option(label="Contact")
        first.get_by_role("button", name="Save the matrix").click()
        expect(messages(first)).to_contain_text("The matrix was saved.")

        label2 = re.compile(r"^Role of Helsinki: .+ for Safe Cities$")
        second.get_by_label(label2).select_option(label="Responsible")
        second.get_by_role("button", name="Save the matrix").click()
        expect(second.get_by_role("alert")).to_contain_text(
            "Another coordinator changed the matrix since you opened it"
        )
        current = second.get_by_role(
            "region", name="The current matrix, saved by another coordinator"
        )
        # The other coordinator's change is shown: Gdańsk is now the contact for Safe Cities.
        safe_cities = current.get_by_role("row").filter(
            has=second.get_by_role("rowheader", name="Safe Cities")
        )
        expect(safe_cities).to_contain_text("Contact")
        expect(second.get_by_label(label2)).to_have_value("responsible")  # their edit is kept
        expect(second.get_by_label(label)).to_have_value("contact")  # merged with the other one
        check_axe(second)
        assert not MatrixCell.objects.filter(
            row__name="Safe Cities", seat__person__name="Hanna Maidell"
        ).exists()
        # Saving the merged form again keeps both changes.
        second.get_by_role("button", name="Save the matrix").click()
        expect(messages(second)).to_contain_text("The matrix was saved.")
        saved = dict(
            MatrixCell.objects.filter(row__name="Safe Cities").values_list(
                "seat__person__name", "role"
            )
        )
        assert saved["Hanna Maidell"] == "responsible"
        assert saved["Małgorzata Tarasiewicz"] == "contact"
        assert saved["Kaspars Varpins"] == "responsible"  # the demo's cell, untouched
    finally:
        second.context.close()
