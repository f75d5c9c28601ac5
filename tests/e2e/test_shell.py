"""The frame of every page: the header and the footer at desktop (1366 px) and phone (390 px)
width, with and without JavaScript.

On a phone the header is one row (the brand and a "Menu" disclosure) so the page's content
starts near the top; the menu opens with one click or key and shows the whole navigation
and the tools. On a short page the footer meets the bottom of the window.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import check_axe

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 844}
PHONE_HEADER_MAX_PX = 130

HEADER_HEIGHT_JS = "() => document.querySelector('.site-header').getBoundingClientRect().height"
SIDEWAYS_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
FOOTER_JS = """() => ({
  bottom: document.querySelector('.site-footer').getBoundingClientRect().bottom,
  viewport: window.innerHeight,
  page: document.documentElement.scrollHeight,
})"""


@pytest.fixture
def member(transactional_db):
    """A member of two organisations: the header's longest set of tools (the switcher)."""
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    user = UserFactory(email="samordnare@example.org")
    for name in ("Umeå kommun", "Umeåregionen"):
        MembershipFactory(user=user, organisation=OrganisationFactory(name=name), role="admin")
    return user


def main_nav(page):
    return page.get_by_role("navigation", name="Main")


def menu_button(page):
    """The menu's <summary>: browsers expose it as a disclosure button with its expanded
    state, which has no ARIA role for Playwright's role locators."""
    return page.locator("summary", has_text="Menu")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_the_phone_header_is_one_row_and_its_menu_opens_with_one_click(
    new_page, member, who, javascript
):
    who = member if who == "member" else None
    page = new_page(PHONE, javascript=javascript, user=who)
    page.goto("/")
    height = page.evaluate(HEADER_HEIGHT_JS)
    assert height < PHONE_HEADER_MAX_PX, f"the header takes {height}px of a 390px-wide phone"
    menu = menu_button(page)
    expect(menu).to_be_visible()
    expect(main_nav(page).get_by_role("link", name="The Charter")).to_be_hidden()
    if javascript:
        check_axe(page)

    menu.click()  # once
    expect(main_nav(page).get_by_role("link", name="The Charter")).to_be_visible()
    expect(page.get_by_role("search").get_by_role("button", name="Search")).to_be_visible()
    expect(page.get_by_role("button", name="Change language")).to_be_visible()
    if who:
        expect(page.get_by_label("Organisation")).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    else:
        expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    assert page.evaluate(SIDEWAYS_JS) <= 0, "the open menu widens the page"
    if javascript:
        check_axe(page)

    main_nav(page).get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    # A new page starts with the menu folded again.
    expect(main_nav(page).get_by_role("link", name="Organisations")).to_be_hidden()


def test_the_phone_menu_works_from_the_keyboard_with_a_visible_focus(new_page, member):
    page = new_page(PHONE, user=member)
    page.goto("/")
    # Skip link, brand, then the menu button.
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement, style = getComputedStyle(el);
          return {tag: el.tagName, text: el.textContent.trim(), outline: style.outlineStyle,
                  width: parseFloat(style.outlineWidth), expanded: el.parentElement.open};
        }"""
    )
    assert focused["tag"] == "SUMMARY" and focused["text"] == "Menu", focused
    assert focused["outline"] != "none" and focused["width"] >= 2, focused
    assert focused["expanded"] is False
    page.keyboard.press("Enter")
    expect(main_nav(page).get_by_role("link", name="Home")).to_be_visible()
    page.keyboard.press("Tab")
    expect(main_nav(page).get_by_role("link", name="Home")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")  # closes it again
    expect(main_nav(page).get_by_role("link", name="Home")).to_be_hidden()


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_the_desktop_header_shows_everything_without_a_menu_button(new_page, member, who):
    who = member if who == "member" else None
    page = new_page(DESKTOP, user=who)
    page.goto("/")
    expect(menu_button(page)).to_be_hidden()
    for name in ("Home", "Signatories", "The Charter"):
        expect(main_nav(page).get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.get_by_role("search").get_by_role("searchbox")).to_be_visible()
    expect(page.get_by_role("button", name="Change language")).to_be_visible()
    # The brand, the navigation and the tools stand side by side: the navigation starts on
    # the brand's row or the next, never below the tools.
    nav_top = main_nav(page).bounding_box()["y"]
    tools_top = page.locator(".header-tools").bounding_box()["y"]
    assert nav_top < tools_top or who is None
    check_axe(page)


def test_the_footer_meets_the_bottom_of_a_short_page_and_follows_a_long_one(new_page):
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport)
        for url in ("/accounts/login/", "/organisations/no-such-organisation/"):
            page.goto(url)
            box = page.evaluate(FOOTER_JS)
            assert box["page"] <= box["viewport"], f"{url} is not short at {viewport}: {box}"
            # No band of the page's background below the footer.
            assert abs(box["bottom"] - box["viewport"]) <= 1, (url, viewport, box)
    # The home page is long on a phone: the footer comes after the content, at its end.
    page.goto("/")
    box = page.evaluate(FOOTER_JS)
    assert box["page"] > box["viewport"]
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    box = page.evaluate(FOOTER_JS)
    assert abs(box["bottom"] - box["viewport"]) <= 1, box
