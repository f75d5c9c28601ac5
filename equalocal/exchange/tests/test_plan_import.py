"""Action plans to spreadsheets and back: round trips, municipal sheets and bad input."""

import time
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.utils import translation

from equalocal.charters.models import Article
from equalocal.core.errors import ApplicationError
from equalocal.exchange import exports, services
from equalocal.exchange.models import ImportPreview
from equalocal.plans.models import ActionPlan, ActivityStatus, PlanStatus
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    GoalFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

from .helpers import csv_text, streamed_xlsx, upload, xlsm, xlsx

pytestmark = pytest.mark.django_db


def _fields(plan):
    goals = [goal.title for goal in plan.goals.order_by("order", "pk")]
    activities = [
        (
            a.goal.title if a.goal else "",
            a.title,
            a.description,
            a.responsible_unit,
            a.responsible_person_id,
            a.partners,
            a.timing,
            a.timing_note,
            a.start_date,
            a.end_date,
            a.status,
            a.progress,
            a.completed_on,
            a.next_review_on,
            a.weight,
            sorted(article.number for article in a.articles.all()),
            a.resources,
            a.comment,
        )
        for a in plan.activities.order_by("order", "pk")
    ]
    return goals, activities


@pytest.fixture
def plan():
    organisation = OrganisationFactory(name="Umeå kommun", slug="umea")
    plan = ActionPlanFactory(organisation=organisation, title="Jämställdhetsplan 2025")
    first = GoalFactory(plan=plan, title="Jämställd service", order=1)
    GoalFactory(plan=plan, title="Mål utan aktiviteter", order=2)
    person = PersonFactory(organisation=organisation, name="Anna Berg")
    articles = list(Article.objects.filter(charter__is_current=True, number__in=[6, 12]))
    activity = ActivityFactory(
        goal=first,
        order=1,
        title='=HYPERLINK("http://evil") Utbilda chefer',
        description="<script>alert(1)</script> i <b>alla</b> förvaltningar",
        responsible_person=person,
        partners="Region Västerbotten",
        timing_note="jan–apr 2025",
        start_date=date(2025, 1, 15),
        end_date=date(2025, 4, 30),
        status=ActivityStatus.IN_PROGRESS,
        progress=40,
        next_review_on=date(2025, 3, 1),
        weight=3,
        resources="+200 timmar",
        comment="-kommentar",
    )
    activity.articles.set(articles)
    ActivityFactory(
        plan=plan,
        order=2,
        title="Könsuppdelad statistik",
        responsible_unit="Kommunledningskontoret",
        status=ActivityStatus.DONE,
        progress=100,
        completed_on=date(2024, 11, 20),
        timing="ongoing",
    )
    return plan


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("language", ["en", "sv"])
def test_export_then_import_gives_the_same_plan(plan, fmt, language):
    editor = UserFactory()
    with translation.override(language):
        data = exports.plan_export(plan, user=UserFactory(is_staff=True)).render(fmt)
        preview = services.plan_import_preview(
            organisation=plan.organisation,
            upload=upload(data, f"plan.{fmt}"),
            filename=f"plan.{fmt}",
            by=editor,
            title="Kopia",
        )
    assert preview.errors == []
    copy = services.plan_import_confirm(preview=preview, by=editor)
    assert copy.pk != plan.pk and copy.title == "Kopia" and copy.status == PlanStatus.DRAFT
    assert _fields(copy) == _fields(plan)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_activity_with_a_responsible_person_and_unit_keeps_both(plan, fmt):
    """Umeå's demo plan names both (Erik Editor, Kommunledningskontoret): the export showed
    the person alone, and the imported copy lost the unit."""
    activity = plan.activities.get(order=1)
    activity.responsible_unit = "Kommunledningskontoret"
    activity.save()
    editor = UserFactory()
    data = exports.plan_export(plan, user=UserFactory(is_staff=True)).render(fmt)
    preview = services.plan_import_preview(
        organisation=plan.organisation,
        upload=upload(data, f"plan.{fmt}"),
        filename=f"plan.{fmt}",
        by=editor,
        title="Kopia",
    )
    assert preview.errors == []
    copy = services.plan_import_confirm(preview=preview, by=editor)
    assert _fields(copy) == _fields(plan)
    first = copy.activities.get(order=1)
    assert (first.responsible_person.name, first.responsible_unit) == (
        "Anna Berg",
        "Kommunledningskontoret",
    )


def test_import_as_a_new_version_replaces_the_copied_rows(plan):
    editor = UserFactory()
    data = xlsx(
        [["Mål", "Åtgärd", "Tidplan", "Status"], ["Nytt mål", "Ny aktivitet", "2026", "Pågår"]]
    )
    preview = services.plan_import_preview(
        organisation=plan.organisation,
        upload=upload(data, "v2.xlsx"),
        filename="v2.xlsx",
        by=editor,
        plan=plan,
    )
    version = services.plan_import_confirm(preview=preview, by=editor)
    assert version.previous_version == plan and version.version_number == 2
    assert _fields(version)[0] == ["Nytt mål"]
    assert [(a.title, a.status, a.progress) for a in version.activities.all()] == [
        ("Ny aktivitet", ActivityStatus.IN_PROGRESS, 50)
    ]
    assert plan.activities.count() == 2, "the earlier version is kept as it was"
    assert not ImportPreview.objects.exists()


def test_a_municipal_spreadsheet_is_read_by_its_swedish_headings():
    organisation = OrganisationFactory()
    person = PersonFactory(organisation=organisation, name="Karin Lind")
    rows = [
        ["Handlingsplan för jämställdhet 2026"],
        [],
        [
            "Mål",
            "Aktivitet",
            "Ansvarig",
            "Start",
            "Slut",
            "Tidplan",
            "Status",
            "Kommentar",
            "Artikel",
        ],
        [
            "Jämställd rekrytering",
            "Granska annonser",
            "HR-avdelningen",
            "2026-02-01",
            "2026-06-30",
            "vt 2026",
            "ej påbörjad",
            "",
            "11",
        ],
        [
            "Jämställd rekrytering",
            "Utbilda rekryterare",
            "karin lind",
            date(2026, 3, 1),
            date(2026, 9, 30),
            "",
            "Pågår",
            "Med stöd av SKR",
            "11, 12",
        ],
        ["Trygghet", "Trygghetsvandringar", "Fritid", "", "", "löpande", "klar", "", "Art. 22"],
    ]
    editor = UserFactory()
    preview = services.plan_import_preview(
        organisation=organisation,
        upload=upload(xlsx(rows), "plan.xlsx"),
        filename="plan.xlsx",
        by=editor,
    )
    assert preview.errors == []
    plan = services.plan_import_confirm(preview=preview, by=editor)
    assert plan.title == "plan"
    goals, activities = _fields(plan)
    assert goals == ["Jämställd rekrytering", "Trygghet"]
    assert [(a[1], a[3], a[4], a[7], a[10], a[11], a[15]) for a in activities] == [
        ("Granska annonser", "HR-avdelningen", None, "vt 2026", "planned", 0, [11]),
        ("Utbilda rekryterare", "", person.pk, "", "in_progress", 50, [11, 12]),
        ("Trygghetsvandringar", "Fritid", None, "löpande", "done", 100, [22]),
    ]


def test_csv_in_windows_1252_with_semicolons_is_read_correctly():
    text = csv_text(
        [
            ["Mål", "Åtgärd", "Ansvarig", "Slut"],
            ["Jämställdhet", "Öka andelen kvinnliga chefer", "Förvaltning Väst", "2026-12-31"],
        ],
        delimiter=";",
    )
    organisation = OrganisationFactory()
    preview = services.plan_import_preview(
        organisation=organisation,
        upload=upload(text.encode("cp1252"), "plan.csv"),
        filename="plan.csv",
        by=UserFactory(),
    )
    assert preview.errors == []
    [row] = services.preview_activities(preview)
    assert (row["goal"], row["title"], row["responsible"], row["end_date"]) == (
        "Jämställdhet",
        "Öka andelen kvinnliga chefer",
        "Förvaltning Väst",
        "2026-12-31",
    )


def _refused(data: bytes, name: str, language: str = "en") -> str:
    with translation.override(language), pytest.raises(ApplicationError) as refused:
        services.plan_import_preview(
            organisation=OrganisationFactory(),
            upload=upload(data, name),
            filename=name,
            by=UserFactory(),
        )
    assert not ImportPreview.objects.exists()
    assert not ActionPlan.objects.exists()
    assert default_storage.listdir(services.IMPORTS_FOLDER)[1] == [], "the refused file is not kept"
    return refused.value.message


def test_unknown_columns_are_named():
    message = _refused(xlsx([["Aktivitet", "Budgetpost", "Färg"], ["A", "1", "röd"]]), "p.xlsx")
    assert "“Budgetpost”" in message and "“Färg”" in message


def test_a_csv_whose_headings_are_all_unknown_names_them_and_the_expected_ones():
    message = _refused(b"Foo;Bar;Baz\r\n1;2;3\r\n", "plan.csv")
    assert "No heading row" not in message
    assert "“Foo”, “Bar”, “Baz”" in message
    assert "Activity" in message and "Goal" in message and "Start" in message
    swedish = _refused(b"Foo;Bar\r\n1;2\r\n", "plan.csv", language="sv")
    assert "“Foo”, “Bar”" in swedish and "Aktivitet" in swedish


def test_a_heading_row_without_the_activity_column_says_so():
    message = _refused(xlsx([["Mål", "Ansvarig"], ["Lika lön", "HR"]]), "p.xlsx")
    assert "no column for: Activity" in message


def test_an_empty_sheet_is_refused():
    assert "empty" in _refused(xlsx([]), "p.xlsx")
    assert "empty" in _refused(b"\xef\xbb\xbf \r\n", "p.csv")


def test_too_many_rows_are_refused_at_once():
    rows = "Activity\r\n" + "".join(f"Row {n}\r\n" for n in range(100_000))
    assert "more than 5" in _refused(rows.encode(), "big.csv")
    big = xlsx([["Activity"]] + [[f"Row {n}"] for n in range(6000)])
    assert "more than 5" in _refused(big, "big.xlsx")
    huge = streamed_xlsx(100_000)
    started = time.perf_counter()
    assert "more than 5" in _refused(huge, "huge.xlsx")
    # Counted from the sheet's XML before openpyxl reads it: well under a second here.
    assert time.perf_counter() - started < 5


def test_a_macro_workbook_is_refused_in_the_users_language():
    data = xlsm([["Activity"], ["A"]])
    assert "macros" in _refused(data, "plan.xlsm")
    assert "makron" in _refused(data, "plan.xlsx", language="sv")


def test_a_renamed_file_is_not_a_spreadsheet():
    assert "damaged" in _refused(b"PK\x03\x04" + b"\x00" * 40, "x.xlsx")
    docx_like = xlsx([["x"]]).replace(b"xl/workbook.xml", b"wd/document.xml")
    assert "not an Excel workbook" in _refused(docx_like, "renamed.xlsx")
    assert "neither" in _refused(b"%PDF-1.7\n\x00\x01\x02binary", "renamed.xlsx")
    text = _refused(b"Activity\nMinutes of the meeting\n", "notes.xlsx")
    assert "“notes.xlsx” is not a spreadsheet" in text and "plain text" in text
    assert "inte ett kalkylark" in _refused(b"Activity\nA\n", "notes.xlsx", language="sv")
    assert ".xls" in _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xlsx")


def test_row_errors_are_listed_and_nothing_is_written():
    organisation = OrganisationFactory()
    rows = [
        ["Activity", "Start", "End", "Status", "Progress (%)", "Articles"],
        ["A", "31/12/2026", "", "", "", ""],
        ["B", "2026-05-01", "2026-01-01", "", "", ""],
        ["C", "", "", "halfway", "", ""],
        ["D", "", "", "done", "50", ""],
        ["E", "", "", "", "", "99"],
        ["F", "", "", "", "", ""],
        ["F", "", "", "", "", ""],
    ]
    editor = UserFactory()
    preview = services.plan_import_preview(
        organisation=organisation, upload=upload(xlsx(rows), "p.xlsx"), filename="p.xlsx", by=editor
    )
    problems = {(e["row"], e["column"]): e["message"] for e in preview.errors}
    assert "is not a date" in problems[(2, "Start")]
    assert "cannot end before it starts" in problems[(3, "End")]
    assert "is not a status" in problems[(4, "Status")]
    assert "100 % progress" in problems[(5, "Progress (%)")]
    assert "no article 99" in problems[(6, "Charter articles")]
    assert "repeats row 7" in problems[(8, "Activity")]
    assert "Give the activity a start or end date" in problems[(7, "Start")]
    assert not preview.can_confirm
    with pytest.raises(ApplicationError):
        services.plan_import_confirm(preview=preview, by=editor)
    assert not ActionPlan.objects.exists()


def test_unconfirmed_previews_are_removed_after_a_day(plan):
    data = exports.plan_export(plan, user=UserFactory(is_staff=True)).render("xlsx")
    preview = services.plan_import_preview(
        organisation=plan.organisation,
        upload=upload(data, "p.xlsx"),
        filename="p.xlsx",
        by=UserFactory(),
    )
    name = preview.file.name
    assert default_storage.exists(name)
    assert services.import_previews_discard() == 0
    later = preview.created_at + services.PREVIEW_KEPT_FOR + services.timedelta(minutes=1)
    assert services.import_previews_discard(now=later) == 1
    assert not default_storage.exists(name)
