"""Charter commitments and action plans in a real browser, checked with axe-core.

A user's journey from the dashboard to a new plan with goals and activities, its
progress updated inline (htmx) and with a plain form (JavaScript off), and the
dashboard that shows it; every plans and commitment page under axe, in English and
once in Swedish; bad input and a concurrent edit; a bulk status change.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS, check_axe

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun
EDITOR = "editor@example.org"  # editor in Umeå kommun
OUTSIDER = "outsider@example.org"  # admin of Ragunda kommun
PLANS = "/organisations/umea/plans/"
DASHBOARD = PLANS + "dashboard/"


def demo_plan():
    """Umeå's demo Charter action plan (eight activities), for the URLs."""
    from equalocal.plans.demo import DEMO_PLAN_TITLE
    from equalocal.plans.models import ActionPlan

    return ActionPlan.objects.get(organisation__slug="umea", title=DEMO_PLAN_TITLE)


def activity_titled(plan, start):
    return plan.activities.get(title__startswith=start)


def log_in(page, email):
    """Sign in through the login form of any page (also one without JavaScript)."""
    from equalocal.core.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def new_page(browser, live_server, email, **options):
    """A signed-in page in a context of its own (own cookies); close its context afterwards."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return log_in(context.new_page(), email)


def row_of(page, title):
    """The row of an activity in the plan page's table, found by its title link."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title, exact=True))


def messages(page):
    """The messages after a form was saved (the plan page has more status regions)."""
    return page.get_by_role("status").filter(has=page.get_by_role("listitem"))


def plan_progress(page):
    return page.get_by_role("region", name="Progress").locator(".meter-figure")


class AxeSweep:
    """Runs axe on many pages and reports all violations at the end, not only the first."""

    def __init__(self, page):
        self.page = page
        self.failures = []

    def visit(self, url, heading=None):
        response = self.page.goto(url)
        assert response.status == 200, f"{url}: HTTP {response.status}"
        if heading is not None:
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


def test_journey_from_new_plan_to_dashboard(page, sign_in, axe, browser, live_server):
    today = timezone.localdate()
    sign_in(EDITOR)

    # The dashboard before: the demo plan is the current plan.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard of Umeå kommun")
    current = page.get_by_role("region", name="Current plan")
    expect(current.get_by_role("link")).to_contain_text("demoexempel")
    figure_before = current.locator(".meter-figure").inner_text()
    updates = page.get_by_role("region", name="Recent progress updates")
    expect(updates.get_by_role("listitem").first).to_be_visible()
    axe(page)

    # A new plan through the form: adopted today, so it becomes the current plan.
    page.get_by_role("link", name="New plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New plan for Umeå kommun")
    axe(page)
    page.get_by_label("Title").fill("Jämställdhetsplan 2026–2027 (e2e)")
    page.get_by_label("Kind").select_option(label="Charter action plan")
    page.get_by_label("Status").select_option(label="Adopted")
    page.get_by_label("Period starts").fill(f"{today.year}-01-01")
    page.get_by_label("Period ends").fill(f"{today.year + 1}-12-31")
    page.get_by_label("Adopted on").fill(today.isoformat())
    page.get_by_role("checkbox", name=re.compile(r"^1\. ")).first.check()
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text(
        "The plan “Jämställdhetsplan 2026–2027 (e2e)” was created."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Jämställdhetsplan 2026–2027 (e2e)")
    expect(page.get_by_role("region", name="Progress")).to_contain_text("no activities yet")
    plan_url = page.url
    axe(page)

    # Two goals with Charter articles.
    goals = [
        ("Jämställd service till invånarna", r"^2\. "),
        ("Jämställda villkor för anställda", r"^3\. "),
    ]
    for title, article in goals:
        page.get_by_role("link", name="Add a goal").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Add a goal to")
        page.get_by_label("Goal:", exact=True).fill(title)
        page.get_by_role("checkbox", name=re.compile(article)).first.check()
        if title == goals[0][0]:
            axe(page)
        page.get_by_role("button", name="Save").click()
        expect(messages(page)).to_contain_text(f"The goal “{title}” was added.")
    goal_list = page.get_by_role("region", name="Goals")
    expect(goal_list).to_contain_text("1. Jämställd service till invånarna")
    expect(goal_list).to_contain_text("2. Jämställda villkor för anställda")
    expect(goal_list.get_by_text("Charter articles: 2")).to_be_visible()

    # Three activities with dates, responsible and articles.
    activities = [
        ("Kartlägga besöksstatistik efter kön", goals[0][0], "Kultur", r"^2\. "),
        ("Jämställdhetsanalys av färdtjänsten", goals[0][0], "Gatukontoret", r"^2\. "),
        ("Lönekartläggning 2026", goals[1][0], "HR-avdelningen", r"^3\. "),
    ]
    for number, (title, goal, unit, article) in enumerate(activities, start=1):
        page.get_by_role("link", name="Add an activity").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Add an activity to")
        page.get_by_label("Activity:", exact=True).fill(title)
        page.get_by_label("Goal:", exact=True).select_option(label=goal)
        page.get_by_role("checkbox", name=re.compile(article)).first.check()
        page.get_by_label("Responsible unit").fill(unit)
        page.get_by_label("Start:", exact=True).fill(
            (today - timedelta(days=30 * number)).isoformat()
        )
        page.get_by_label("End:", exact=True).fill(
            (today + timedelta(days=60 * number)).isoformat()
        )
        if number == 1:
            page.get_by_label("Responsible person").select_option(label="Erik Editor")
            axe(page)
        page.get_by_role("button", name="Save").click()
        expect(messages(page)).to_contain_text(f"The activity “{title}” was added.")
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        if number == 1:
            axe(page)  # the activity page
        page.goto(plan_url)
    expect(page.get_by_text("3 activities", exact=True)).to_be_visible()
    expect(plan_progress(page)).to_have_text("0 %")
    first = row_of(page, activities[0][0])
    expect(first).to_contain_text("Erik Editor")
    expect(first).to_contain_text("Art. 2")

    # Inline update with htmx: the row and the plan's progress change without a reload.
    first.get_by_label(f"Status of “{activities[0][0]}”").select_option(label="In progress")
    first.get_by_label(f"Progress of “{activities[0][0]}” in per cent").fill("80")
    first.get_by_role("button", name=re.compile(r"^Update")).click()
    first = row_of(page, activities[0][0])
    expect(first.get_by_text("Saved", exact=True)).to_be_visible()
    # A screen reader hears the result from a live region that stays on the page.
    expect(page.get_by_role("status").filter(has_text="is now")).to_have_text(
        f"“{activities[0][0]}” is now In progress, 80 %."
    )
    # Keyboard users keep their place: the new row's button has the focus.
    expect(first.get_by_role("button", name=re.compile(r"^Update"))).to_be_focused()
    expect(first.locator(".badge")).to_have_text("In progress")
    expect(first.locator(".meter-figure")).to_have_text("80 %")
    expect(plan_progress(page)).to_have_text("27 %")  # 80 / 3
    assert page.url == plan_url  # no page load
    axe(page)

    # Without JavaScript: the row's form is a plain form that comes back to the row, and the
    # activity page has the form with a note.
    plain = new_page(browser, live_server, EDITOR, java_script_enabled=False)
    try:
        plain.goto(plan_url)
        second = row_of(plain, activities[1][0])
        second.get_by_label(f"Status of “{activities[1][0]}”").select_option(label="Delayed")
        second.get_by_label(f"Progress of “{activities[1][0]}” in per cent").fill("20")
        second.get_by_role("button", name=re.compile(r"^Update")).click()
        expect(plain).to_have_url(re.compile(r"#activity-\d+$"))
        expect(messages(plain)).to_contain_text(f"“{activities[1][0]}” is now Delayed, 20 %.")
        expect(row_of(plain, activities[1][0]).locator(".meter-figure")).to_have_text("20 %")
        expect(plan_progress(plain)).to_have_text("33 %")  # (80 + 20 + 0) / 3
        third = row_of(plain, activities[2][0])
        third.get_by_role("link", name=activities[2][0]).click()
        form = plain.get_by_role("region", name="Update status and progress")
        form.get_by_label("Status").select_option(label="Done")
        form.get_by_label("Progress (%)").fill("100")
        form.get_by_label("Note (optional)").fill("Kartläggningen är klar (e2e).")
        form.get_by_role("button", name="Save progress").click()
        expect(messages(plain)).to_contain_text(f"“{activities[2][0]}” is now Done, 100 %.")
        timeline = plain.get_by_role("region", name="Progress timeline")
        expect(timeline).to_contain_text("Kartläggningen är klar (e2e).")
        plain.goto(plan_url)
        expect(plan_progress(plain)).to_have_text("67 %")  # (80 + 20 + 100) / 3
        expect(row_of(plain, activities[2][0]).locator(".badge").first).to_have_text("Done")
    finally:
        plain.context.close()

    # The dashboard shows the new plan, its progress and the updates.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    current = page.get_by_role("region", name="Current plan")
    expect(current.get_by_role("link", name="Jämställdhetsplan 2026–2027 (e2e)")).to_be_visible()
    expect(current.locator(".meter-figure")).to_have_text("67 %")
    assert figure_before != "67 %"
    expect(current).to_contain_text("Delayed")
    updates = page.get_by_role("region", name="Recent progress updates")
    expect(updates.get_by_role("listitem").first).to_contain_text(activities[2][0])
    expect(updates.get_by_role("listitem").first).to_contain_text("Kartläggningen är klar (e2e).")
    expect(updates).to_contain_text(activities[0][0])
    axe(page)


# 2. Every page under axe ------------------------------------------------------------------------


def test_plans_pages_have_no_axe_violations(page, sign_in):
    plan = demo_plan()
    activity = activity_titled(plan, "Utbilda nämndsekreterare")
    goal = plan.goals.order_by("order").first()
    base = f"{PLANS}{plan.pk}/"
    act = f"{base}activities/{activity.pk}/"
    sweep = AxeSweep(page)
    sign_in(EDITOR)
    for url, heading in [
        (PLANS, "Plans of Umeå kommun"),
        (DASHBOARD, "Dashboard of Umeå kommun"),
        (PLANS + "new/", "New plan for Umeå kommun"),
        (base, plan.title),
        (base + "edit/", "Edit"),
        (base + "timeline/", None),
        (base + "coverage/", None),
        (base + "delete/", None),
        (base + "consultations/new/", None),
        (base + "goals/new/", "Add a goal to"),
        (f"{base}goals/{goal.pk}/edit/", "Edit the goal"),
        (f"{base}goals/{goal.pk}/delete/", None),
        (base + "activities/new/", "Add an activity to"),
        (act, activity.title),
        (act + "edit/", "Edit the activity"),
        (act + "progress/", "Update the progress of"),
        (act + "delete/", None),
        (base + "compare/", None),
    ]:
        sweep.visit(url, heading)

    # Forms with errors.
    sweep.visit(PLANS + "new/")
    page.get_by_label("Period starts").fill("2026-12-31")
    page.get_by_label("Period ends").fill("2026-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.get_by_text("The period cannot end before it starts.")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    sweep.check()
    sweep.visit(base + "goals/new/")
    page.get_by_label("Goal:", exact=True).fill("")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Goal:", exact=True)).to_have_attribute("aria-invalid", "true")
    sweep.check()
    sweep.visit(base + "consultations/new/")
    page.get_by_role("button", name=re.compile("Record|Save")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    sweep.check()

    # Higher-level goals of the organisation's own: a new set, then its edit form.
    sweep.visit(PLANS + "goal-sets/")
    page.get_by_role("link", name="New set of goals").click()
    sweep.check()
    page.get_by_label("Title (English)").fill("Umeå's equality goals")
    page.get_by_label("Goals, one per line").fill("Equal power\nEqual pay")
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text("The goals were saved.")
    sweep.check()
    page.get_by_role("link", name="Edit Umeå's equality goals").click()
    expect(page.get_by_label("Goals, one per line")).to_have_value("Equal power\nEqual pay")
    sweep.check()

    # The plan page filtered (htmx swaps the table) and the empty result.
    sweep.visit(base)
    filters = page.get_by_role("search", name="Filter activities")
    filters.get_by_label("Status").select_option(label="Delayed")
    expect(page).to_have_url(re.compile(r"status=delayed"))
    # Only the count is announced, not the whole table.
    expect(page.get_by_role("status").filter(has_text="match")).to_have_text(
        "1 of 8 activities match the filters"
    )
    expect(
        page.get_by_role("table", name="Activities of the plan").get_by_role("row")
    ).to_have_count(2)
    sweep.check()

    # Sorted by progress (htmx again): the header says so, the count is announced.
    filters.get_by_label("Status").select_option(label="All statuses")
    expect(page.get_by_role("status").filter(has_text="activities")).to_have_text("8 activities")
    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=progress"))
    expect(page.get_by_role("columnheader", name="Progress", exact=True)).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(page.get_by_role("status").filter(has_text="activities")).to_have_text("8 activities")
    sweep.check()

    # A second version, and the comparison of the two.
    sweep.visit(base)
    page.get_by_role("button", name="Start a new version").click()
    expect(messages(page)).to_contain_text("Version 2 was created")
    page.get_by_role("link", name="Edit plan").click()
    page.get_by_label("Title").fill("Handlingsplan för jämställdhet, version 2")
    page.get_by_role("button", name="Save").click()
    version_2 = page.url
    page.get_by_role("link", name="Compare versions").click()
    expect(page.get_by_role("main")).to_contain_text("Handlingsplan för jämställdhet, version 2")
    sweep.check()

    # The bin, as admin, with the deleted version in it.
    page.goto(version_2)
    page.get_by_role("link", name="Delete plan").click()
    page.get_by_role("button", name=re.compile("Delete")).click()
    expect(messages(page)).to_contain_text("was moved to the bin")
    page.get_by_role("button", name="Sign out").click()
    sign_in(ADMIN)
    sweep.visit(PLANS + "bin/")
    expect(page.get_by_role("main")).to_contain_text("Handlingsplan för jämställdhet, version 2")
    sweep.assert_clean()


def test_commitment_pages_have_no_axe_violations(page, sign_in, browser, live_server):
    from equalocal.charters.models import Commitment

    umea = Commitment.objects.filter(organisation__slug="umea").first()
    ragunda = Commitment.objects.get(organisation__slug="ragunda")
    sweep = AxeSweep(page)
    sign_in(EDITOR)
    commitments = "/charter/organisations/umea/commitments/"
    sweep.visit(commitments, "Charter commitments of Umeå kommun")
    page.get_by_role("link", name=f"Charter {umea.charter.year}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Commitment to the")
    sweep.check()
    sweep.visit(f"{commitments}{umea.pk}/edit/", "Edit the commitment")
    sweep.visit(f"{commitments}{umea.pk}/steps/new/", "Record a step")
    # The step form with errors.
    page.get_by_role("button", name="Record the step").click()
    expect(page.get_by_role("alert")).to_be_visible()
    sweep.check()

    outsider = new_page(browser, live_server, OUTSIDER)
    try:
        other = AxeSweep(outsider)
        other.visit(f"/charter/organisations/ragunda/commitments/{ragunda.pk}/", "Commitment")
        expect(outsider.get_by_text("Recommended", exact=True).first).to_be_visible()
        expect(outsider.get_by_role("main")).to_contain_text("KS 2024/108")
        other.visit(f"/charter/organisations/ragunda/commitments/{ragunda.pk}/edit/")
        other.visit(f"/charter/organisations/ragunda/commitments/{ragunda.pk}/steps/new/")
        # Not a member of Umeå: its published plan, without the editing controls.
        plan = demo_plan()
        other.visit(PLANS, "Plans of Umeå kommun")
        other.visit(f"{PLANS}{plan.pk}/", plan.title)
        expect(outsider.get_by_role("button", name="Change status of selected")).to_have_count(0)
        other.visit(f"{PLANS}{plan.pk}/timeline/")
        sweep.failures += other.failures
    finally:
        outsider.context.close()
    sweep.assert_clean()


def test_dashboard_and_plan_in_swedish(page, sign_in, axe):
    plan = demo_plan()
    sign_in(EDITOR)
    page.goto(DASHBOARD)
    page.get_by_label("Language").select_option(label="Svenska")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Översikt för Umeå kommun")
    axe(page)
    page.get_by_role("link", name=plan.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
    expect(page.get_by_role("heading", name="Aktiviteter", level=2)).to_be_visible()
    axe(page)


# 3. Bad input -----------------------------------------------------------------------------------


def test_bad_input_shows_errors(page, sign_in, axe):
    plan = demo_plan()
    activity = activity_titled(plan, "Våldsförebyggande program")
    sign_in(EDITOR)

    # An activity that ends before it starts.
    page.goto(f"{PLANS}{plan.pk}/activities/{activity.pk}/edit/")
    page.get_by_label("Start:", exact=True).fill("2026-06-01")
    page.get_by_label("End:", exact=True).fill("2026-05-01")
    response_status = []
    page.on("response", lambda response: response_status.append(response.status))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.get_by_text("The activity cannot end before it starts.")).to_be_visible()
    expect(page.get_by_label("End:", exact=True)).to_have_attribute("aria-invalid", "true")
    axe(page)

    # Done with 40 % progress, inline: the row says why, nothing is saved.
    page.goto(f"{PLANS}{plan.pk}/")
    row = row_of(page, activity.title)
    row.get_by_label(f"Status of “{activity.title}”").select_option(label="Done")
    row.get_by_label(f"Progress of “{activity.title}” in per cent").fill("40")
    row.get_by_role("button", name=re.compile(r"^Update")).click()
    row = row_of(page, activity.title)
    expect(row.get_by_role("alert")).to_contain_text("A done activity has 100 % progress")
    expect(row.get_by_label(f"Progress of “{activity.title}” in per cent")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(row.locator(".meter-figure")).to_have_text("30 %")
    axe(page)
    assert 500 not in response_status
    activity.refresh_from_db()
    assert (activity.status, activity.progress) == ("in_progress", 30)


def test_concurrent_edit_shows_the_other_change(page, sign_in, axe, browser, live_server):
    plan = demo_plan()
    activity = activity_titled(plan, "Heltid som norm")
    url = f"{PLANS}{plan.pk}/activities/{activity.pk}/edit/"
    sign_in(EDITOR)
    page.goto(url)
    admin = new_page(browser, live_server, ADMIN)
    try:
        admin.goto(url)
        admin.get_by_label("Responsible unit").fill("Vård och omsorg (admin)")
        admin.get_by_role("button", name="Save").click()
        expect(messages(admin)).to_contain_text("The changes were saved.")
    finally:
        admin.context.close()

    page.get_by_label("Responsible unit").fill("Äldreomsorgen (editor)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Someone else saved this in the meantime.")
    conflict = page.get_by_role("region", name="Your changes and the current version")
    row = conflict.get_by_role("row", name=re.compile("Responsible unit"))
    expect(row).to_contain_text("Äldreomsorgen (editor)")
    expect(row).to_contain_text("Vård och omsorg (admin)")
    expect(page.get_by_label("Responsible unit")).to_have_value("Äldreomsorgen (editor)")
    axe(page)
    activity.refresh_from_db()
    assert activity.responsible_unit == "Vård och omsorg (admin)"

    # Saving again, having seen the other change, keeps this version.
    page.get_by_role("button", name="Save").click()
    expect(messages(page)).to_contain_text("The changes were saved.")
    activity.refresh_from_db()
    assert activity.responsible_unit == "Äldreomsorgen (editor)"


# 4. Bulk update ---------------------------------------------------------------------------------


def test_bulk_status_of_selected_activities(page, sign_in, axe):
    plan = demo_plan()
    chosen = [
        activity_titled(plan, "Analysera fördelningen"),
        activity_titled(plan, "Utbilda socialtjänstens"),
    ]
    sign_in(EDITOR)
    page.goto(f"{PLANS}{plan.pk}/")
    for activity in chosen:
        page.get_by_label(f"Select “{activity.title}”").check()
    page.get_by_label("Set the status of the selected activities to").select_option(
        label="In progress"
    )
    page.get_by_role("button", name="Change status of selected").click()
    expect(messages(page)).to_contain_text("The status of 2 activities was changed.")
    for activity in chosen:
        row = row_of(page, activity.title)
        expect(row.locator(".badge").first).to_have_text("In progress")
        expect(row.locator(".meter-figure")).to_have_text("50 %")
    axe(page)
