"""Fixtures for the browser tests: one Chromium per session, a fresh context per test.

The pages are served by pytest-django's ``live_server`` and checked with the
vendored axe-core against WCAG 2.1 A and AA.
"""

import os
from pathlib import Path

import pytest

from tests.environment import chromium_message, chromium_path

# Playwright's sync API runs an event loop in the main thread; the fixtures below
# still use the ORM there, which Django refuses unless this is set.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_PATH = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    # Checked at the start of the run too (tests/environment.py), except under xdist.
    chromium = chromium_path()
    if chromium is None:
        pytest.fail(chromium_message())
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=chromium, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def demo(transactional_db):
    """The demo organisations, people and users, and the Charter texts.

    The Charter is loaded by a data migration, but transactional tests empty the
    database after each test, so it is loaded again here (the loader is idempotent).
    """
    from django.apps import apps

    from equalocal.charters.reference import load_reference
    from equalocal.core.demo import load_demo

    load_reference(apps)
    return load_demo()


@pytest.fixture
def page(browser, live_server, demo):
    """A page in a new browser context (own cookies), with the live server as base URL."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    violations = CSP_VIOLATIONS.setdefault(page, [])
    page.on("console", lambda message: _record_csp_violation(violations, message))
    yield page
    CSP_VIOLATIONS.pop(page, None)
    context.close()


@pytest.fixture
def new_page(browser, live_server, transactional_db):
    """A page in a new context of a given size, with or without JavaScript, signed in as a
    user or not; needs no demo data (``page`` loads the demo)."""
    from django.test import Client

    from tests.signin import sign_in

    contexts = []

    def _new_page(viewport, *, javascript=True, user=None):
        context = browser.new_context(
            base_url=live_server.url,
            locale="en-GB",
            viewport=viewport,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            cookie = sign_in(Client(), user).cookies["sessionid"]
            context.add_cookies(
                [{"name": "sessionid", "value": cookie.value, "url": live_server.url}]
            )
        page = context.new_page()
        violations = CSP_VIOLATIONS.setdefault(page, [])
        page.on("console", lambda message: _record_csp_violation(violations, message))
        return page

    yield _new_page
    for context in contexts:
        for page in context.pages:
            CSP_VIOLATIONS.pop(page, None)
        context.close()


#: Messages of the Content-Security-Policy refusing something, per page.
CSP_VIOLATIONS: dict = {}


def _record_csp_violation(violations, message):
    if message.type == "error" and "Content Security Policy" in message.text:
        violations.append(message.text)


def format_violations(violations) -> str:
    lines = [f"{len(violations)} accessibility violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def check_axe(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page and fail on any violation, or on
    anything the page's Content-Security-Policy refused (an inline style or script)."""
    refused = CSP_VIOLATIONS.get(page, [])
    assert not refused, f"{page.url}: the Content-Security-Policy refused:\n" + "\n".join(refused)
    # Evaluated by the test driver, not added as an inline <script>, which the policy refuses.
    page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})""",
        AXE_TAGS,
    )
    violations = results["violations"]
    assert not violations, f"{page.url}\n" + format_violations(violations)


@pytest.fixture
def axe():
    return check_axe


@pytest.fixture
def sign_in(page):
    """Sign in through the login form, like a user would."""
    from equalocal.core.demo import DEMO_PASSWORD

    def _sign_in(email, password=DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        # The header holds "Sign out" once the session exists (folded in the menu on a phone).
        page.get_by_role("button", name="Sign out", include_hidden=True).wait_for(state="attached")
        return page

    return _sign_in
