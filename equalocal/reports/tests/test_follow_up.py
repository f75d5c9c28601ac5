"""The follow-up report to the council: its content in the PDF and the DOCX, both languages."""

from datetime import date

import pytest
from django.core.files.storage import default_storage

from equalocal.charters.models import CharterText, CommitmentStatus
from equalocal.reports import services
from equalocal.reports.models import ReportState
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    CommitmentFactory,
    GoalFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    PersonFactory,
    ProgressUpdateFactory,
    TargetFactory,
)

from .helpers import docx_text, editor_of, pdf_text

pytestmark = pytest.mark.django_db


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


@pytest.fixture
def municipality():
    organisation = OrganisationFactory(name="Vindeln kommun", slug="vindeln", official_code="2404")
    commitment = CommitmentFactory(
        organisation=organisation,
        charter=CharterText.objects.get(code="2022"),
        status=CommitmentStatus.DECIDED,
        decided_on=date(2025, 3, 1),
    )
    plan = ActionPlanFactory(
        organisation=organisation,
        title="Jämställdhetsplan 2025–2026",
        commitment=commitment,
        period_start=date(2025, 1, 1),
        period_end=date(2026, 12, 31),
    )
    goal = GoalFactory(plan=plan, title="Lika lön för lika arbete")
    person = PersonFactory(organisation=organisation, name="Anna Berg", title="HR-chef")
    survey = ActivityFactory(
        goal=goal,
        title="Lönekartläggning <script>alert(1)</script>",
        status="in_progress",
        responsible_person=person,
        end_date=date(2026, 3, 31),
    )
    ActivityFactory(
        goal=goal, title="Utbildning för chefer", status="planned", end_date=date(2026, 1, 15)
    )
    ProgressUpdateFactory(
        activity=survey,
        date=date(2026, 2, 1),
        status="in_progress",
        progress=60,
        text="Hälften klar",
    )
    indicator = IndicatorFactory(
        code="N00945",
        title_en="Women managers",
        title_sv="Kvinnliga chefer",
        owner=organisation,
        unit="%",
    )
    indicator.goals.add(goal)
    for year, women in [(2024, 41), (2025, 44)]:
        MeasurementFactory(
            indicator=indicator,
            organisation=organisation,
            period=str(year),
            year=year,
            gender="women",
            value=women,
        )
    TargetFactory(indicator=indicator, organisation=organisation, year=2026, kind="value", value=50)
    return organisation


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Follow-up report",
                "Commitment and deadline",
                "Goals and progress",
                "Overdue activities",
                "Indicators",
                "Page",
            ],
        ),
        (
            "sv",
            [
                "Uppföljningsrapport",
                "Åtagande och tidsgräns",
                "Mål och framsteg",
                "Försenade aktiviteter",
                "Indikatorer",
                "Sida",
            ],
        ),
    ],
)
def test_follow_up_report_reads_the_same_in_pdf_and_docx(municipality, language, words):
    author = editor_of(municipality, first_name="Eva", last_name="Lind")
    report = services.report_create(
        organisation=municipality,
        kind="follow_up",
        by=author,
        language=language,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        summary="Arbetet går framåt <b>fet</b>",
    )
    report = services.report_generate(report_id=report.pk)
    assert report.state == ReportState.READY, report.error
    assert report.page_count >= 2
    for text in (pdf_text(read(report.pdf_file)), docx_text(read(report.docx_file))):
        flat = " ".join(text.split())
        for word in words:
            assert word in flat, word
        assert "Vindeln kommun" in flat
        assert "Lönekartläggning <script>alert(1)</script>" in flat
        assert "Arbetet går framåt <b>fet</b>" in flat
        assert "Anna Berg" in flat
        assert "Hälften klar" in flat
        assert "N00945" in flat
