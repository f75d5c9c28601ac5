"""Reports in a real browser: the list, the form, a generated report with its preview, the
progress page; each checked with axe."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun


def _follow_up():
    from equalocal.reports.models import Report
    from equalocal.reports.services import report_generate

    report = Report.objects.get(organisation__slug="umea", kind="follow_up")
    return report_generate(report_id=report.pk)


def test_report_pages(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/organisations/umea/reports/")
    expect(page.get_by_role("heading", name="Reports of Umeå kommun", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="New report").click()
    expect(page.get_by_label("Language of the report")).to_be_visible()
    axe(page)
    report = _follow_up()
    page.goto(report.get_absolute_url())
    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name="Åtagande och tidsgräns")).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_be_visible()
    axe(page)
    page.goto(f"{report.get_absolute_url()}status/")
    axe(page)


def test_a_comment_on_a_draft(page, sign_in):
    sign_in(ADMIN)
    report = _follow_up()
    page.goto(report.get_absolute_url())
    page.get_by_role("textbox", name="Comment").fill("Lägg till lönekartläggningen <b>nu</b>")
    page.get_by_role("button", name="Add the comment").click()
    expect(page.get_by_role("region", name="Comments")).to_contain_text(
        "Lägg till lönekartläggningen <b>nu</b>"
    )
