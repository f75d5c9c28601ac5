"""Demo reports, made from the demo data when it loads (idempotent):

- UBC's Gender Equality Working Group's interim report for the first half of 2016, shaped like
  sample 000, with a background, summary and next steps in the project's own words;
- Umeåregionen's operational plan for 2014 (sample 002) as a document;
- a follow-up report of Umeå kommun's labelled demo plan, and Umeåregionen's signatory summary.

Each is left queued: the worker (``make run`` starts one) picks them up when it starts and
generates them with live progress; they stay drafts.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Report, ReportKind
from .services import report_create

UBC_BACKGROUND = (
    "UBC's Executive Board decided in Kemi in 2015 to set up a working group on gender "
    "equality. The group started at the beginning of 2016, and its Action Plan 2016 was "
    "approved in January 2016. Gdańsk and Helsinki coordinate it."
)
UBC_SUMMARY = (
    "In its first half year the group clarified its aims in meetings in Kristiansand and "
    "Berlin, wrote to all member cities (Örebro joined, Kotka left) and shared the "
    "responsibility for UBC's commissions between its members in a matrix."
)
UBC_NEXT_STEPS = (
    "Introduce the matrix in the commissions; get more member cities to sign the European "
    "Charter together with CEMR and the City of Gdańsk; mainstream gender equality in the "
    "General Conference; reach a wider audience with the UBC Secretariat on the website and "
    "in social media."
)
UMEA_SUMMARY = (
    "Demoexempel: uppföljningen visar hur planens aktiviteter, åtagandets tidsgräns och "
    "indikatorerna redovisas för kommunstyrelsen."
)


def _demo(context, key: str, **fields) -> str | None:
    organisation = fields["organisation"]
    if Report.objects.filter(organisation=organisation, kind=fields["kind"]).exists():
        return None
    report_create(**fields, enqueue=False)
    return key


def load(context) -> None:
    from equalocal.plans.models import ActionPlan

    organisations = context.objects["organisations"]
    groups = context.objects.get("networks", {})
    admin = get_user_model().objects.filter(email="admin@example.org").first()
    made = []
    ubc = groups.get("ubc")
    if ubc is not None:
        made.append(
            _demo(
                context,
                "UBC interim report 2016",
                organisation=ubc.network,
                kind=ReportKind.NETWORK_INTERIM,
                body=ubc,
                by=None,
                language="en",
                title="Interim report of the Gender Equality Working Group",
                period_start=date(2016, 1, 1),
                period_end=date(2016, 6, 15),
                background=UBC_BACKGROUND,
                summary=UBC_SUMMARY,
                next_steps=UBC_NEXT_STEPS,
            )
        )
    region = organisations["umearegionen"]
    operational = ActionPlan.objects.alive().filter(organisation=region, kind="operational").first()
    if operational is not None:
        made.append(
            _demo(
                context,
                "Umeåregionen operational plan 2014",
                organisation=region,
                kind=ReportKind.OPERATIONAL_PLAN,
                plan=operational,
                by=admin,
                language="sv",
                period_start=operational.period_start or date(2014, 1, 1),
                period_end=operational.period_end or date(2014, 12, 31),
            )
        )
        made.append(
            _demo(
                context,
                "Umeåregionen signatory summary",
                organisation=region,
                kind=ReportKind.SIGNATORY_SUMMARY,
                by=admin,
                language="sv",
                period_start=date(timezone.localdate().year, 1, 1),
                period_end=timezone.localdate(),
            )
        )
    made.append(
        _demo(
            context,
            "Umeå follow-up report",
            organisation=organisations["umea"],
            kind=ReportKind.FOLLOW_UP,
            by=admin,
            language="sv",
            period_start=date(timezone.localdate().year, 1, 1),
            period_end=timezone.localdate(),
            summary=UMEA_SUMMARY,
        )
    )
    made = [item for item in made if item]
    context.log.append("Reports: " + (", ".join(made) if made else "already loaded"))
