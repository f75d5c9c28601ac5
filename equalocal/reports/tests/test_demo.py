"""The demo's four reports render in English and Swedish, as PDF and DOCX, and read like their
samples (000: UBC's interim report; 002: Umeåregionen's verksamhetsplan)."""

import pytest
from django.core.files.storage import default_storage

from equalocal.core.demo import load_demo
from equalocal.reports import services
from equalocal.reports.models import Report, ReportState

from .helpers import docx_text, pdf_text

pytestmark = pytest.mark.django_db

EXPECTED = {
    "network_interim": {
        "en": ["Coordinators", "Responsibility matrix", "Kotka", "Örebro", "Kristiansand"],
        "sv": ["Samordnare", "Ansvarsmatris", "Kotka", "Örebro", "Kristiansand"],
    },
    "operational_plan": {
        "en": ["Contact person and field of work", "Develop the region", "Normstorm"],
        "sv": ["Kontaktperson och verksamhetsområde", "Utveckla regionen", "Normstorm"],
    },
    "signatory_summary": {
        "en": [
            "Signatories in figures",
            "Vindelns kommun",
            "Plan deadlines",
            "Signatory summary 20",
        ],
        "sv": ["Undertecknare i siffror", "Vindelns kommun", "Tidsgränser för planer"],
    },
    "follow_up": {
        "en": ["Commitment and deadline", "Umeå kommun", "Indicators"],
        "sv": ["Åtagande och tidsgräns", "Umeå kommun", "Indikatorer"],
    },
}


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def test_the_demo_reports_render_in_both_languages():
    load_demo()
    reports = {report.kind: report for report in Report.objects.all()}
    assert set(reports) == set(EXPECTED)
    # Loading again adds nothing.
    load_demo()
    assert Report.objects.count() == 4
    for kind, report in reports.items():
        for language in ("en", "sv"):
            if report.language != language or report.state != ReportState.READY:
                report = services.report_update(report=report, by=None, language=language)
                report = services.report_generate(report_id=report.pk)
            assert report.state == ReportState.READY, report.error
            for text in (pdf_text(read(report.pdf_file)), docx_text(read(report.docx_file))):
                flat = " ".join(text.split())
                for word in EXPECTED[kind][language]:
                    assert word in flat, (kind, language, word)
