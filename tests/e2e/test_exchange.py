"""Exports and spreadsheet imports in a real browser, each page checked with axe-core.

An editor opens a plan's Export menu, imports a municipal plan spreadsheet (first with a
mistake, then corrected) and lands on the new plan; a coordinator previews a member list.
"""

import io

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ADMIN = "admin@example.org"  # admin of Umeå kommun, editor (coordinator) in Umeåregionen
EDITOR = "editor@example.org"  # editor in Umeå kommun


def _workbook(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_editor_exports_a_plan_and_imports_a_municipal_spreadsheet(page, sign_in, axe):
    sign_in(EDITOR)
    page.goto("/organisations/umea/plans/")
    page.get_by_role("link", name="Import a plan from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a plan from a spreadsheet")
    axe(page)

    rows = [
        ["Mål", "Åtgärd", "Ansvarig", "Start", "Slut", "Status"],
        [
            "Jämställd service",
            "Kartlägga <script>alert(1)</script>",
            "HR",
            "2026-01-01",
            "sen",
            "Pågår",
        ],
    ]
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "plan.xlsx", "mimeType": XLSX, "buffer": _workbook(rows)}
    )
    page.get_by_label("Title of the new plan").fill("Importerad handlingsplan")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Problems to correct")).to_be_visible()
    expect(page.get_by_text("“sen” is not a date")).to_be_visible()
    expect(page.get_by_role("button", name="Import", exact=True)).to_have_count(0)
    expect(page.get_by_role("cell", name="Kartlägga <script>alert(1)</script>")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Discard this upload").click()

    rows[1][4] = "2026-12-31"
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "plan.xlsx", "mimeType": XLSX, "buffer": _workbook(rows)}
    )
    page.get_by_label("Title of the new plan").fill("Importerad handlingsplan")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importerad handlingsplan")

    page.locator(".export-menu summary").first.click()
    expect(page.get_by_role("link", name="Excel (.xlsx)")).to_be_visible()
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    assert download.value.suggested_filename == "importerad-handlingsplan.xlsx"


def test_coordinator_previews_a_member_list(page, sign_in, axe):
    sign_in(ADMIN)
    page.goto("/organisations/umearegionen/network/members/")
    page.locator(".export-menu summary").first.click()
    axe(page)
    page.get_by_role("link", name="Import members and seats from a spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import members and seats")
    axe(page)
    rows = [["Organisation", "Group"], ["Okänd kommun", ""]]
    page.get_by_label("Spreadsheet").set_input_files(
        {"name": "members.xlsx", "mimeType": XLSX, "buffer": _workbook(rows)}
    )
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("No organisation “Okänd kommun” is known")).to_be_visible()
    axe(page)


def test_dashboard_and_directory_export_menus(page, sign_in, axe):
    sign_in(ADMIN)
    for url in ("/organisations/umearegionen/network/dashboard/", "/organisations/"):
        page.goto(url)
        page.locator(".export-menu summary").first.click()
        expect(page.get_by_role("link", name="JSON (for machines)")).to_be_visible()
        axe(page)
