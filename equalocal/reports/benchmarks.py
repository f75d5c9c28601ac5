"""Benchmark of the follow-up report: a plan of 200 activities with 20 indicator charts.

The product's PDF (read the data into the snapshot, render the HTML, lay it out tagged as
PDF/UA-1) is timed against raw WeasyPrint writing a plain PDF of the same HTML, in the same
run; the goal is a ratio of at most 1.5.
"""

from __future__ import annotations

from datetime import date

from django.utils import translation

from equalocal.indicators.models import Indicator, Measurement, Target, TargetKind
from equalocal.plans.benchmarks import _data as plan_data
from equalocal.plans.models import Goal

from .models import Report, ReportKind
from .rendering import render_docx, render_html, render_pdf
from .snapshots import build_snapshot

INDICATORS = 20
YEARS = range(2018, 2026)


def _report() -> Report:
    author, organisation, plan = plan_data("reports")
    goals = list(Goal.objects.filter(plan=plan).order_by("order"))
    for n in range(INDICATORS):
        indicator = Indicator.objects.create(
            code=f"BENCH{n:02d}",
            title_en=f"Indicator {n}",
            title_sv=f"Indikator {n}",
            unit="%",
            owner=organisation,
        )
        indicator.goals.add(goals[n % len(goals)])
        Measurement.objects.bulk_create(
            Measurement(
                indicator=indicator,
                organisation=organisation,
                period=str(year),
                year=year,
                gender=gender,
                value=value,
            )
            for year in YEARS
            for gender, value in (
                ("women", 30 + n + year % 7),
                ("men", 40 + n - year % 5),
                ("total", 35 + n),
            )
        )
        Target.objects.create(
            indicator=indicator,
            organisation=organisation,
            year=2026,
            kind=TargetKind.VALUE,
            value=50,
        )
    return Report.objects.create(
        organisation=organisation,
        kind=ReportKind.FOLLOW_UP,
        title="Uppföljning 2025",
        plan=plan,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        language="sv",
        author=author,
        summary="Sammanfattning för benchmarken.",
    )


def bench_follow_up_report(bench):
    from weasyprint import HTML

    report = _report()
    with translation.override(report.language):
        snapshot = build_snapshot(report, lambda stage: None)
        html = render_html(snapshot)
        result = {}

        def product():
            with translation.override(report.language):
                data = build_snapshot(report, lambda stage: None)
                result["pdf"] = render_pdf(render_html(data), pdf_ua=True)

        def raw():
            HTML(string=html).write_pdf()

        product_ms = bench.time_call(product, repeat=3)
        raw_ms = bench.time_call(raw, repeat=3)
        docx_ms = bench.time_call(lambda: render_docx(snapshot), repeat=3)
    conditions = {"activities": 200, "charts": INDICATORS, "pages": result["pdf"].pages}
    bench.record("report follow-up PDF (snapshot + HTML + PDF/UA)", product_ms, "ms", **conditions)
    bench.record("report follow-up raw WeasyPrint on the same HTML", raw_ms, "ms", **conditions)
    bench.record("report follow-up PDF ratio (goal ≤ 1.5)", product_ms / raw_ms, "×", **conditions)
    bench.record("report follow-up DOCX", docx_ms, "ms", **conditions)
    bench.record("report follow-up pages", result["pdf"].pages, "pages", **conditions)


LOAD_REPORTS = 50


def load_pages(setup):
    """The report list of the organisation with the most reports, as a viewer."""
    from django.db.models import Count
    from django.urls import reverse

    from equalocal.organisations.benchmarks import load_reader
    from equalocal.organisations.models import Organisation

    organisation = (
        Organisation.objects.annotate(report_count=Count("reports"))
        .filter(report_count__gt=0)
        .order_by("-report_count", "pk")
        .first()
    )
    if (organisation is None or organisation.report_count < LOAD_REPORTS) and (setup.build_missing):
        organisation = _reports_for_load()
        organisation.report_count = LOAD_REPORTS
        setup.note(f"built {LOAD_REPORTS} reports in {organisation.slug}")
    if organisation is None:
        return
    setup.add(
        "report list",
        reverse("reports:list", kwargs={"org": organisation.slug}),
        user=load_reader(setup, organisation),
        size=f"{organisation.report_count} reports",
    )


def _reports_for_load():
    """Reports over the years of the organisation with the largest plan (their rows only)."""
    from equalocal.plans.benchmarks import largest_plan

    plan = largest_plan()
    organisation = plan.organisation
    Report.objects.bulk_create(
        Report(
            organisation=organisation,
            kind=ReportKind.FOLLOW_UP,
            title=f"Uppföljning {n}",
            plan=plan,
            period_start=date(1990 + n // 2, 1 + 6 * (n % 2), 1),
            period_end=date(1990 + n // 2, 6 + 6 * (n % 2), 28),
            language="sv",
        )
        for n in range(LOAD_REPORTS)
    )
    return organisation
