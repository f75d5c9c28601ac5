"""Every main page in a real browser, checked with axe-core against WCAG 2.1 A and AA.

Users sign in through the login form; forms are filled and submitted with
role and label locators, as a user (or a screen reader user) would find them.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun, editor in Umeåregionen
EDITOR = "editor@example.org"  # editor in Umeå kommun


def person_url(name):
    from equalocal.organisations.models import Person

    return Person.objects.select_related("organisation").get(name=name).get_absolute_url()


@pytest.mark.parametrize("who", ["anonymous", "admin"])
def test_home(page, sign_in, axe, who):
    if who == "admin":
        sign_in(ADMIN)
    page.goto("/")
    if who == "admin":
        expect(page.get_by_role("heading", level=1)).to_have_text("Umeå kommun")
        expect(page.get_by_label("Organisation")).to_be_visible()  # the switcher: two memberships
    else:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Equality of women and men")
    axe(page)


@pytest.mark.parametrize("search", [None, "Umeå"], ids=["all", "search"])
def test_organisation_list(page, axe, search):
    page.goto("/organisations/")
    expect(page.get_by_role("heading", name="Organisations", level=1)).to_be_visible()
    if search:
        page.get_by_role("main").get_by_label("Search").fill(search)
        page.get_by_label("Country").select_option(label="Sweden")
        page.get_by_role("button", name="Filter").click()
        expect(page).to_have_url(re.compile(r"q=Ume"))
        expect(page.get_by_role("status")).to_contain_text("2 organisations")
        expect(page.get_by_role("link", name="Umeå kommun")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_organisation_detail(page, sign_in, axe, who):
    if who == "member":
        sign_in(ADMIN)
    page.goto("/organisations/umea/")
    expect(page.get_by_role("heading", name="Umeå kommun", level=1)).to_be_visible()
    people = page.get_by_role("region", name="People")
    if who == "member":
        expect(people.get_by_role("link", name="Linda Gustafsson")).to_be_visible()
        expect(page.get_by_role("link", name="Edit organisation")).to_be_visible()
    else:
        expect(people).not_to_contain_text("Linda Gustafsson")
        expect(page.get_by_role("link", name="Edit organisation")).to_have_count(0)
    axe(page)


def test_person_detail(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto(person_url("Linda Gustafsson"))
    expect(page.get_by_role("heading", name="Linda Gustafsson", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Erase personal data")).to_be_visible()
    axe(page)


def test_members_page(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/organisations/umea/members/")
    expect(page.get_by_role("heading", name="Members of Umeå kommun", level=1)).to_be_visible()
    invite = page.get_by_role("region", name="Invite someone")
    expect(invite.get_by_label("E-mail address")).to_be_visible()
    expect(invite.get_by_label("Role")).to_be_visible()
    expect(page.get_by_label("Role of viewer@example.org")).to_be_visible()
    axe(page)


def test_history_page(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/organisations/umea/history/")
    expect(page.get_by_role("heading", name="History of Umeå kommun", level=1)).to_be_visible()
    axe(page)


@pytest.mark.parametrize("state", ["blank", "invalid"])
def test_organisation_edit_form(page, sign_in, axe, state):
    sign_in(ADMIN)
    page.goto("/organisations/umea/edit/")
    expect(page.get_by_role("heading", name="Edit Umeå kommun", level=1)).to_be_visible()
    if state == "invalid":
        page.get_by_label("Name").fill("")
        page.get_by_label("Website").fill("not a website")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
        expect(page.get_by_label("Name")).to_have_attribute("aria-invalid", "true")
        expect(page.get_by_label("Website")).to_have_attribute("aria-invalid", "true")
    axe(page)


def test_person_create_form_with_errors(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/organisations/umea/people/new/")
    expect(page.get_by_role("heading", name="Add a person to Umeå kommun", level=1)).to_be_visible()
    page.get_by_label("Phone").fill("call me")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the errors below.")
    expect(page.get_by_label("Name:", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Enter a phone number with digits")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("year", ["2022", "2006"])
def test_charter(page, axe, year):
    page.goto(f"/charter/{year}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("European Charter for Equality")
    expect(page.get_by_role("link", name=f"{year} text")).to_have_attribute("aria-current", "page")
    axe(page)


def test_charter_in_swedish(page, axe):
    page.goto("/charter/2022/")
    page.get_by_label("Language").select_option(label="Svenska")
    page.get_by_role("button", name="Change language").click()
    expect(page).to_have_url(re.compile(r"/charter/2022/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Den europeiska deklarationen för jämställdhet"
    )
    expect(page.get_by_role("heading", name="Del I: Principer", level=2)).to_be_visible()
    expect(page.get_by_label("Språk")).to_have_value("sv")
    expect(page.get_by_role("button", name="Byt språk")).to_be_visible()
    axe(page)


@pytest.mark.parametrize("attempt", ["blank", "failed"])
def test_sign_in_page(page, axe, attempt):
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    if attempt == "failed":
        page.get_by_label("E-mail address").fill(ADMIN)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_contain_text("do not match an account")
    axe(page)


def test_password_reset_page(page, axe):
    page.goto("/accounts/password/reset/")
    expect(page.get_by_role("heading", name="Reset your password", level=1)).to_be_visible()
    expect(page.get_by_label(re.compile(r"^E-?mail"))).to_be_visible()
    axe(page)


def test_profile_page(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/accounts/profile/")
    expect(page.get_by_role("heading", name="Your profile", level=1)).to_be_visible()
    expect(page.get_by_label("First name")).to_have_value("Alva")
    axe(page)


def test_accessibility_statement(page, axe):
    page.goto("/accessibility/")
    expect(page.get_by_role("heading", name="Accessibility statement", level=1)).to_be_visible()
    axe(page)


def test_not_found_page(page, axe):
    response = page.goto("/organisations/no-such-organisation/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    axe(page)


def test_forbidden_page(page, sign_in, axe):
    sign_in(EDITOR)
    response = page.goto("/organisations/umea/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You may not do this", level=1)).to_be_visible()
    axe(page)


def test_admin_invites_someone(page, sign_in, axe):
    sign_in(ADMIN)
    page.get_by_role("link", name="Members", exact=True).click()
    expect(page.get_by_role("heading", name="Members of Umeå kommun", level=1)).to_be_visible()
    invite = page.get_by_role("region", name="Invite someone")
    invite.get_by_label("E-mail address").fill("new.colleague@umea.se")
    invite.get_by_label("Role").select_option(label="Editor")
    invite.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text(
        "An invitation was sent to new.colleague@umea.se"
    )
    open_invitations = invite.get_by_role("listitem").filter(has_text="new.colleague@umea.se")
    expect(open_invitations).to_have_count(1)
    expect(open_invitations).to_contain_text("Editor")
    expect(
        open_invitations.get_by_role("button", name="Withdraw new.colleague@umea.se")
    ).to_be_visible()
    axe(page)


def test_public_signatories_pages(page, axe):
    """An anonymous visitor finds Umeå in the directory, on the map and in SKR's overview."""
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Signatories").click()
    expect(
        page.get_by_role("heading", name="Signatories of the Equality Charter", level=1)
    ).to_be_visible()
    axe(page)
    page.get_by_role("combobox", name="Country").select_option(label="Sweden")
    page.get_by_role("combobox", name="Status").select_option(label="With plan")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"status=with_plan"))
    page.get_by_role("link", name="Umeå kommun").click()
    expect(page.get_by_role("heading", name="Umeå kommun", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Published action plans")).to_be_visible()
    # The library's section on the profile: Umeå's published demo practice.
    practices = page.get_by_role("region", name="Good practices")
    practices.get_by_role("link", name="Jämställdhetsanalys före beslut (demoexempel)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jämställdhetsanalys")
    page.go_back()
    axe(page)
    page.goto("/signatories/map/")
    expect(page.get_by_role("group", name="Map of Europe with the signatories")).to_be_visible()
    axe(page)
    page.goto("/signatories/national/skr/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SKR")
    axe(page)
    page.goto("/public/networks/umearegionen/")
    expect(page.get_by_role("region", name="Members and the Equality Charter")).to_contain_text(
        "Vännäs kommun"
    )
    axe(page)


REFLOW_PAGES = [
    "/",
    "/organisations/",
    "/organisations/umea/",
    "/organisations/umea/members/",
    "/organisations/umea/history/",
    "/organisations/umea/edit/",
    "/organisations/umea/people/new/",
    "/charter/2022/",
    "/accounts/profile/",
    "/organisations/umea/plans/import/",
    "/signatories/",
    "/signatories/map/",
    "/signatories/umea/",
    "/signatories/national/skr/",
]
# When the page is wider than the viewport: its width and the first elements sticking out
# (outside the tables first: a table may scroll sideways in its own box).
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  const wide = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1);
  const outside = wide.filter((el) => !el.closest('.table-wrap'));
  const describe = (el) => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 100);
  return {scrollWidth, elements: (outside.length ? outside : wide).slice(-5).map(describe)};
}"""


def _generated_report_urls() -> list[str]:
    """Umeå's follow-up report and Umeåregionen's signatory summary, generated: their
    previews hold the widest tables (the checklist, the members)."""
    from equalocal.reports.models import Report
    from equalocal.reports.services import report_generate

    reports = Report.objects.filter(
        organisation__slug__in=["umea", "umearegionen"], kind__in=["follow_up", "signatory_summary"]
    )
    return [report_generate(report_id=report.pk).get_absolute_url() for report in reports]


def test_pages_reflow_at_320_css_pixels(page, sign_in):
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels (axe does not check this)."""
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(ADMIN)
    problems = {}
    for url in [*REFLOW_PAGES, *_generated_report_urls()]:
        page.goto(url)
        overflow = page.evaluate(OVERFLOW_JS)
        if overflow:
            problems[url] = overflow
    assert not problems, "Pages scroll sideways at 320px:\n" + "\n".join(
        f"- {url}: {info['scrollWidth']}px wide; deepest wide elements: {info['elements']}"
        for url, info in problems.items()
    )


def test_axe_reports_violations(browser):
    """The checker itself works: a page with a known violation fails with a readable message."""
    from tests.e2e.conftest import check_axe

    context = browser.new_context()
    page = context.new_page()
    try:
        page.set_content(
            '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>'
            '<body><main><h1>Broken</h1><img src="data:,"></main></body></html>'
        )
        with pytest.raises(AssertionError) as failure:
            check_axe(page)
        assert "image-alt [critical]" in str(failure.value)
        assert "at img" in str(failure.value)
    finally:
        context.close()


def _app_code(secret: str) -> str:
    """The code an authenticator app shows for the key printed on the set-up page."""
    import time
    from base64 import b32decode

    from django_otp.oath import TOTP

    totp = TOTP(b32decode(secret.replace(" ", "")))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_staff_set_up_two_factor_sign_in_before_the_admin(page, sign_in, axe):
    sign_in("staff@example.org")
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/set-up/\?next=%2Fadmin%2F$"))
    expect(page.get_by_role("heading", name="Set up two-factor sign-in", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    axe(page)
    secret = page.locator("#two-factor-secret").inner_text()
    page.get_by_label("Code").fill(_app_code(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.get_by_role("heading", name="Recovery codes", level=1)).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    axe(page)
    page.get_by_role("link", name="I have saved them, continue").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_sign_in_lockout_and_code_pages(page, axe):
    from equalocal.accounts.models import User
    from tests.factories import TOTPDeviceFactory

    TOTPDeviceFactory(user=User.objects.get(email=EDITOR))
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(EDITOR)
    page.get_by_label("Password").fill("equalocal-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in", level=1)).to_be_visible()
    axe(page)

    page.goto("/accounts/login/")
    for _attempt in range(5):
        page.get_by_label("E-mail address").fill(ADMIN)
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-ins")
    axe(page)
