"""Layouts that hold: every page of the URL-by-persona walk at desktop (1366 px) and phone
(390 px) width, with long titles, long unbroken words and 200-row tables, neither scrolls
sideways nor lets content stick out of a card, and axe stays clean at both widths.

A table may scroll sideways inside its own box (``.table-wrap``); the page may not. At desktop
width a table's controls (the plan page's "Update" buttons, a row's selects and links styled as
buttons) stand inside the box, not cut off at its right edge; at phone width a table wider
than its box scrolls in it, so every control can be reached.
"""

from datetime import date

import pytest
from django.test import Client

from tests.e2e.conftest import check_axe
from tests.personas import build_personas
from tests.signin import sign_in
from tests.test_urls_by_persona import EXPECTED, OK, _statuses, _url

pytestmark = pytest.mark.e2e

WIDTHS = {"desktop": 1366, "phone": 390}
# Who looks at each page: the first persona in this order that gets it.
LOOKERS = ["admin", "staff", "anonymous", "peer"]
# A word that does not break, as in a title pasted from a file name or a URL.
UNBROKEN = "Jämställdhetsintegreringsuppföljningsarbetsgruppsprotokollsbilaga" * 6
LONG_TITLE = (
    "Kartläggning och analys av resursfördelningen inom fritidsverksamheten ur ett "
    "jämställdhetsperspektiv med särskild hänsyn till föreningsbidrag och lokaltider " * 2
).strip()

OVERFLOW_JS = """(desktop) => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const describe = (el) => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 120);
  if (document.documentElement.scrollWidth > width + 1) {
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-wrap'));
    problems.push(`page is ${document.documentElement.scrollWidth}px wide: ` +
      wide.slice(-3).map(describe).join(' | '));
  }
  for (const card of document.querySelectorAll('.card, .panel')) {
    const style = getComputedStyle(card);
    if (style.overflowX !== 'visible') continue;
    if (card.scrollWidth > card.clientWidth + 1) {
      const box = card.getBoundingClientRect();
      const out = [...card.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > box.right + 1 && !el.closest('.table-wrap'));
      problems.push(`card overflows by ${card.scrollWidth - card.clientWidth}px: ` +
        (out.length ? out.slice(-2).map(describe).join(' | ') : describe(card)));
    }
  }
  for (const wrap of document.querySelectorAll('.table-wrap')) {
    if (wrap.scrollWidth <= wrap.clientWidth + 1) continue;
    if (!['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX)) {
      problems.push(`a table is cut off, its box does not scroll: ${describe(wrap)}`);
    }
    if (!desktop) continue;
    const box = wrap.getBoundingClientRect();
    const cut = [...wrap.querySelectorAll('button, select, input:not([type=hidden]), a.button')]
      .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > box.right + 1);
    if (cut.length) {
      problems.push(`${cut.length} control(s) of a table cut off at its right edge ` +
        `(${wrap.scrollWidth - wrap.clientWidth}px too wide): ${describe(cut[0])}`);
    }
  }
  return problems;
}"""


def fit(model, field: str, text: str) -> str:
    """The text cut to the field's length, as a form would have refused beyond it.

    SQLite does not enforce a CharField's length; PostgreSQL does.
    """
    return text[: model._meta.get_field(field).max_length]


def seed_long_content(personas) -> None:
    """Long titles, unbroken words and a 200-row plan in org A's data."""
    from equalocal.indicators.models import Indicator
    from equalocal.networks.models import Body
    from equalocal.organisations.models import Organisation, Person
    from equalocal.plans.models import ActionPlan, ActivityStatus, Goal
    from tests.factories import ActivityFactory

    org = Organisation.objects.get(slug="org-a")
    org.name = "Kommunalförbundet för " + LONG_TITLE[:80]
    org.save(update_fields=["name"])
    plan = ActionPlan.objects.get(pk=personas.objects["plan"])
    plan.title = fit(ActionPlan, "title", UNBROKEN)
    plan.save(update_fields=["title"])
    goal = Goal.objects.get(pk=personas.objects["goal"])
    goal.title = fit(Goal, "title", LONG_TITLE)
    goal.save(update_fields=["title"])
    # Dated, under way and shown with their progress, as in the demo plan: every column of the
    # activity table full, the "Update" form last (it was cut off at 1366 px).
    for number in range(200):
        title = UNBROKEN if number % 50 == 0 else f"{number + 1}. {LONG_TITLE[: 40 + number % 90]}"
        ActivityFactory(
            goal=goal,
            title=title,
            responsible_unit="Kultur- och fritidsförvaltningen",
            start_date=date(2025, 9, 1),
            end_date=date(2026, 12, 15),
            status=ActivityStatus.IN_PROGRESS if number % 3 else ActivityStatus.DELAYED,
            progress=(number * 7) % 101,
        )
    Person.objects.filter(pk=personas.objects["person"]).update(name=UNBROKEN[:90])
    Indicator.objects.filter(pk=personas.objects["indicator"]).update(
        title_en=fit(Indicator, "title_en", LONG_TITLE)
    )
    Organisation.objects.filter(slug=personas.objects["network"]).update(name=LONG_TITLE[:120])
    Body.objects.filter(slug=personas.objects["group"]).update(name=UNBROKEN[:100])


def pages_to_visit(personas) -> list[tuple[str, str]]:
    """(persona, url) for every GET page of the walk, seen by someone who gets it."""
    visits = []
    for name in sorted(EXPECTED):
        method, _ = EXPECTED[name]
        if method != "get":
            continue
        statuses = _statuses(name)
        looker = next((who for who in LOOKERS if statuses.get(who) == OK), None)
        if looker is not None:
            visits.append((looker, _url(name, personas)))
    return visits


def session_cookie(user, base_url):
    client = Client()
    sign_in(client, user)
    cookie = client.cookies["sessionid"]
    return [{"name": "sessionid", "value": cookie.value, "url": base_url}]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_holds_with_long_content_at_desktop_and_phone_width(
    browser, live_server, transactional_db, width
):
    from django.apps import apps

    from equalocal.charters.reference import load_reference

    load_reference(apps)
    personas = build_personas()
    seed_long_content(personas)
    contexts = {}
    problems = []
    try:
        for persona, url in pages_to_visit(personas):
            if persona not in contexts:
                context = browser.new_context(
                    base_url=live_server.url,
                    locale="en-GB",
                    viewport={"width": WIDTHS[width], "height": 900},
                )
                user = personas.user(persona)
                if user is not None:
                    context.add_cookies(session_cookie(user, live_server.url))
                contexts[persona] = context.new_page()
            page = contexts[persona]
            # Files and exports download instead of showing a page.
            answer = page.request.get(url)
            if "text/html" not in (answer.headers.get("content-type") or ""):
                continue
            page.goto(url)
            for problem in page.evaluate(OVERFLOW_JS, width == "desktop"):
                problems.append(f"{persona} {url}: {problem}")
            try:
                check_axe(page)
            except AssertionError as error:
                problems.append(f"{persona} {url}: {error}")
    finally:
        for page in contexts.values():
            page.context.close()
    assert not problems, f"{len(problems)} layout problem(s) at {WIDTHS[width]}px:\n" + "\n".join(
        problems
    )
