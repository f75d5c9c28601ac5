"""Indicators and scorecards in a real browser, checked with axe-core.

Every indicator page under axe (the chart with its table, the scorecards, the network
scorecard with the members side by side, the grid, targets, the import with a preview of
a file with a bad row, the import history), once in Swedish; and an editor entering a
year's values in the grid with htmx, with a bad value first, and once without JavaScript.

The figures are made here through the ORM: demo figures, not real statistics.
"""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import TIMEOUT_MS, check_axe

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun, editor in Umeåregionen
EDITOR = "editor@example.org"  # editor in Umeå kommun

MUNICIPALITIES = [
    "Umeå kommun",
    "Vännäs kommun",
    "Vindelns kommun",
    "Robertsfors kommun",
    "Nordmalings kommun",
    "Bjurholms kommun",
]
FIRST_YEAR = 2019
# The grid opens on last year; the figures stop the year before.
GRID_YEAR = timezone.localdate().year - 1
YEARS = list(range(FIRST_YEAR, GRID_YEAR))
SICK_LEAVE = "Sick leave days per employee (e2e)"
MANAGERS = "Women among managers (e2e)"


def women_men(index, year):
    """Made-up figures for a municipality and year: (women, men, total)."""
    women = Decimal(30 + 2 * index) + Decimal(year - FIRST_YEAR) + Decimal("0.5")
    men = Decimal(60 - index) - Decimal(year - FIRST_YEAR)
    return women, men, women + men


@pytest.fixture
def figures(demo):
    """Umeåregionen's indicators with figures of the six municipalities, targets and a
    published scorecard comparing the members; Umeå kommun's own indicators and scorecard."""
    from equalocal.indicators.models import Direction, Measurement, TargetKind
    from equalocal.organisations.models import Organisation
    from tests.factories import (
        IndicatorFactory,
        ScorecardFactory,
        ScorecardItemFactory,
        TargetFactory,
    )

    network = Organisation.objects.get(slug="umearegionen")
    umea = Organisation.objects.get(slug="umea")
    members = [Organisation.objects.get(name=name) for name in MUNICIPALITIES]

    shared = [
        IndicatorFactory(
            code="UR1",
            title_en="Full-time employees (e2e)",
            title_sv="Heltidsanställda (e2e)",
            unit="%",
            owner=network,
        ),
        IndicatorFactory(
            code="UR2",
            title_en="Parental leave days taken (e2e)",
            title_sv="Uttagna föräldradagar (e2e)",
            unit="days",
            owner=network,
        ),
    ]
    own = [
        IndicatorFactory(
            code="U1",
            title_en=MANAGERS,
            title_sv="Kvinnor bland chefer (e2e)",
            unit="%",
            owner=umea,
            direction=Direction.PARITY,
        ),
        IndicatorFactory(
            code="U2",
            title_en=SICK_LEAVE,
            title_sv="Sjukfrånvarodagar per anställd (e2e)",
            unit="days",
            owner=umea,
            direction=Direction.LOWER,
        ),
    ]
    rows = []
    for index, member in enumerate(members):
        for indicator in [*shared, *(own if member == umea else [])]:
            for year in YEARS:
                values = women_men(index + indicator.pk % 3, year)
                for gender, value in zip(("women", "men", "total"), values, strict=True):
                    rows.append(
                        Measurement(
                            indicator=indicator,
                            organisation=member,
                            period=str(year),
                            year=year,
                            gender=gender,
                            value=value,
                        )
                    )
        for indicator in shared:
            TargetFactory(
                indicator=indicator,
                organisation=member,
                year=GRID_YEAR,
                kind=TargetKind.PARITY,
                parity_points=5,
            )
    Measurement.objects.bulk_create(rows)
    TargetFactory(
        indicator=own[0], organisation=umea, year=GRID_YEAR, kind=TargetKind.VALUE, value=50
    )
    TargetFactory(
        indicator=own[1], organisation=umea, year=GRID_YEAR, kind=TargetKind.VALUE, value=5
    )

    compare = ScorecardFactory(
        owner=network,
        title="Styrkort för jämställdhet (e2e)",
        description="Demo figures, not real statistics.",
        compare_members=True,
        is_published=True,
    )
    scorecard = ScorecardFactory(owner=umea, title="Umeå kommuns styrkort (e2e)")
    for order, indicator in enumerate(shared):
        ScorecardItemFactory(scorecard=compare, indicator=indicator, order=order)
    for order, indicator in enumerate(own):
        ScorecardItemFactory(scorecard=scorecard, indicator=indicator, order=order)
    return {"shared": shared, "own": own, "compare": compare, "scorecard": scorecard}


def log_in(page, email):
    from equalocal.core.demo import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def new_page(browser, live_server, email, **options):
    """A signed-in page in a context of its own; close its context afterwards."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return log_in(context.new_page(), email)


def messages(page):
    return page.get_by_role("status").filter(has=page.get_by_role("listitem"))


def number(value):
    """A value as the pages show it: no trailing zeros, no decimals when whole."""
    value = Decimal(value)
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")


def grid_row(page, title):
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=title))


def stored(indicator, year):
    from equalocal.indicators.models import Measurement

    return dict(
        Measurement.objects.filter(indicator=indicator, period=str(year)).values_list(
            "gender", "value"
        )
    )


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


# 1. Every page under axe ------------------------------------------------------------------------


def test_indicator_pages_are_accessible(page, sign_in, figures, tmp_path):
    sign_in(ADMIN)
    sweep = AxeSweep(page)
    shared, own = figures["shared"], figures["own"]
    umea_card = figures["scorecard"].get_absolute_url()

    sweep.visit("/indicators/", "Indicators")
    expect(page.get_by_role("link", name=re.compile("Full-time employees"))).to_be_visible()

    # An indicator page: the chart is an image with a name, and the table has its numbers.
    sweep.visit(f"{shared[0].get_absolute_url()}?org=umea", "Full-time employees (e2e)")
    chart = page.get_by_role("img", name=re.compile(r"^Full-time employees \(e2e\) in Umeå kommun"))
    expect(chart).to_have_count(1)
    expect(chart).to_have_accessible_name(re.compile(f"from {YEARS[0]} to {YEARS[-1]}"))
    expect(chart.locator(".x-label")).to_have_text([str(year) for year in YEARS])
    for gender in ("Women", "Men", "Total"):
        series = chart.locator(f'g.series[data-series="{gender}"]')
        expect(series.locator("circle, rect, polygon")).to_have_count(len(YEARS))
    table = page.get_by_role("table", name=re.compile("by period"))
    body_rows = table.locator("tbody tr")
    expect(body_rows).to_have_count(len(YEARS))
    for row, year in zip(body_rows.all(), YEARS, strict=True):
        women, men, total = women_men(shared[0].pk % 3, year)
        expect(row.get_by_role("rowheader")).to_have_text(str(year))
        cells = row.get_by_role("cell")
        expect(cells.nth(0)).to_have_text(number(women))
        expect(cells.nth(1)).to_have_text(number(men))
        expect(cells.nth(2)).to_have_text(number(total))
        expect(cells.nth(3)).to_have_text(number(women - men))

    sweep.visit("/indicators/organisations/umea/scorecards/", "Scorecards")
    expect(page.get_by_role("link", name="Umeå kommuns styrkort (e2e)")).to_be_visible()

    sweep.visit(umea_card, "Umeå kommuns styrkort (e2e)")
    latest = YEARS[-1]
    women, _men, _total = women_men(own[0].pk % 3, latest)
    managers = grid_row(page, MANAGERS)
    expect(managers.get_by_role("cell").first).to_have_text(str(latest))
    expect(managers.get_by_role("cell").nth(1)).to_have_text(number(women))

    # The network's scorecard: one column per member.
    sweep.visit(figures["compare"].get_absolute_url(), "Styrkort för jämställdhet (e2e)")
    compare = page.get_by_role("table", name=re.compile("the members side by side"))
    for name in MUNICIPALITIES:
        expect(compare.get_by_role("columnheader", name=name)).to_be_visible()
    expect(
        compare.get_by_role("img", name=re.compile("^Trend of Full-time employees"))
    ).to_have_count(len(MUNICIPALITIES))

    sweep.visit(f"{umea_card}grid/", f"Values of {GRID_YEAR}")
    sweep.visit("/indicators/organisations/umea/targets/", "Targets")

    # The import: a preview of a CSV file with a bad row.
    sweep.visit("/indicators/organisations/umea/import/", "Import figures")
    csv = tmp_path / "figures.csv"
    csv.write_text(
        "indicator,organisation code,period,gender,value\n"
        f"U1,2480,{GRID_YEAR},women,47\n"
        f"U1,2480,{GRID_YEAR},men,53\n"
        f"U1,2480,{GRID_YEAR},total,many\n",
        encoding="utf-8",
    )
    page.get_by_label("File").set_input_files(csv)
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview of figures.csv")
    expect(preview).to_be_visible()
    problems = preview.get_by_role("table", name="1 problem")
    expect(problems.locator("tbody tr")).to_have_count(1)
    expect(problems.locator("tbody tr td").first).to_have_text("4")  # the header is row 1
    expect(problems.locator("tbody tr td").last).to_have_text("“many” is not a number.")
    expect(preview.get_by_role("button", name="Import the 2 valid rows")).to_be_visible()
    assert stored(own[0], GRID_YEAR) == {}
    sweep.check()
    # Confirmed, the import is a worker's job (run at once by the tests' task backend); its
    # page shows what it did.
    preview.get_by_role("button", name="Import the 2 valid rows").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import of figures.csv")
    result = page.locator("#import-progress")
    expect(result.get_by_role("definition").nth(1)).to_have_text("2")  # added
    assert stored(own[0], GRID_YEAR) == {"women": Decimal("47"), "men": Decimal("53")}
    sweep.check()

    sweep.visit("/indicators/organisations/umea/imports/", "Imports")

    # One page in Swedish.
    page.goto(umea_card)
    page.get_by_label("Language").select_option(label="Svenska")
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("link", name="Kvinnor bland chefer (e2e)")).to_be_visible()
    sweep.check()
    sweep.assert_clean()


# 2. The grid -----------------------------------------------------------------------------------


def test_editor_enters_a_years_values(page, sign_in, axe, figures, browser, live_server):
    managers, sick_leave = figures["own"]
    scorecard_url = figures["scorecard"].get_absolute_url()
    sign_in(EDITOR)
    page.goto(scorecard_url)
    page.get_by_role("link", name="Enter values").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Values of {GRID_YEAR}")
    grid_url = page.url

    # A bad value: the row says so, and nothing is saved (not even the good cell).
    row = grid_row(page, MANAGERS)
    row.get_by_label(f"Women: {MANAGERS}", exact=True).fill("lots")
    row.get_by_label(f"Men: {MANAGERS}", exact=True).fill("53")
    row.get_by_role("button", name=f"Save row {MANAGERS}").click()
    row = grid_row(page, MANAGERS)
    expect(row.get_by_role("alert")).to_contain_text("Women: Enter a number, such as 42 or 12.5.")
    expect(row.get_by_label(f"Women: {MANAGERS}", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert stored(managers, GRID_YEAR) == {}
    assert page.url == grid_url  # no page load
    axe(page)

    # The correct values (with a decimal comma).
    row.get_by_label(f"Women: {MANAGERS}", exact=True).fill("47,5")
    row.get_by_label(f"Total: {MANAGERS}", exact=True).fill("100")
    row.get_by_role("button", name=f"Save row {MANAGERS}").click()
    row = grid_row(page, MANAGERS)
    expect(row.get_by_role("status")).to_have_text("Saved")
    expect(row.get_by_role("alert")).to_have_count(0)
    expect(row.get_by_label(f"Women: {MANAGERS}", exact=True)).to_have_value("47.5")
    assert stored(managers, GRID_YEAR) == {
        "women": Decimal("47.5"),
        "men": Decimal("53"),
        "total": Decimal("100"),
    }
    assert page.url == grid_url

    # The scorecard shows the new latest values.
    page.goto(scorecard_url)
    row = grid_row(page, MANAGERS)
    cells = row.get_by_role("cell")
    expect(cells.nth(0)).to_have_text(str(GRID_YEAR))
    expect(cells.nth(1)).to_have_text(number("47.5"))
    expect(cells.nth(2)).to_have_text("53")
    expect(cells.nth(3)).to_have_text("100")

    # Without JavaScript the grid is a plain form.
    plain = new_page(browser, live_server, EDITOR, java_script_enabled=False)
    try:
        plain.goto(grid_url)
        row = grid_row(plain, SICK_LEAVE)
        row.get_by_label(f"Women: {SICK_LEAVE}", exact=True).fill("9.25")
        row.get_by_label(f"Men: {SICK_LEAVE}", exact=True).fill("6")
        plain.get_by_role("button", name="Save all rows").click()
        expect(messages(plain)).to_contain_text(f"The values of {GRID_YEAR} were saved.")
        expect(
            grid_row(plain, SICK_LEAVE).get_by_label(f"Women: {SICK_LEAVE}", exact=True)
        ).to_have_value("9.25")
        plain.goto(scorecard_url)
        cells = grid_row(plain, SICK_LEAVE).get_by_role("cell")
        expect(cells.nth(0)).to_have_text(str(GRID_YEAR))
        expect(cells.nth(1)).to_have_text(number("9.25"))
    finally:
        plain.context.close()
    assert stored(sick_leave, GRID_YEAR) == {"women": Decimal("9.25"), "men": Decimal("6")}
    assert stored(managers, GRID_YEAR)["women"] == Decimal("47.5")
