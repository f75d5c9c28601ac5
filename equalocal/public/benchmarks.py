"""Benchmark of the public directory and map with 2,000 signatories, beside a trivial page."""

from datetime import date, timedelta

from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from equalocal.charters.models import CharterText, Commitment, CommitmentStatus, CommitmentStep
from equalocal.organisations.models import Organisation, OrganisationKind, Publishing
from equalocal.plans.models import ActionPlan, PlanKind, PlanStatus

SIGNATORIES = 2000
COUNTRIES = ["SE", "FI", "NO", "DK", "DE", "PL", "ES", "FR", "IT", "GR", "AT", "BE"]
STATUSES = [
    CommitmentStatus.SIGNED,
    CommitmentStatus.DECIDED,
    CommitmentStatus.RECOMMENDED,
    CommitmentStatus.CONSIDERING,
]
GOAL = 5.0  # the limit: under 5× the trivial page


def _data():
    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-signatory-{n}",
            name=f"Benchkommun {n:04d}",
            kind=OrganisationKind.MUNICIPALITY if n % 7 else OrganisationKind.REGION,
            country=COUNTRIES[n % len(COUNTRIES)],
            # Spread over Europe; every tenth has no coordinates.
            latitude=None if n % 10 == 9 else 38 + (n * 7) % 30,
            longitude=None if n % 10 == 9 else -8 + (n * 13) % 40,
        )
        for n in range(SIGNATORIES)
    )
    charters = {text.code: text for text in CharterText.objects.all()}
    commitments = Commitment.objects.bulk_create(
        Commitment(
            organisation=organisation,
            charter=charters["2022" if n % 3 else "2006"],
            status=STATUSES[n % 4],
            decided_on=date(2020, 1, 1) + timedelta(days=n % 1800) if n % 4 < 2 else None,
            signed_on=date(2020, 3, 1) + timedelta(days=n % 1800) if n % 4 == 0 else None,
        )
        for n, organisation in enumerate(organisations)
    )
    CommitmentStep.objects.bulk_create(
        CommitmentStep(commitment=commitment, status=commitment.status, date=date(2024, 1, 1))
        for commitment in commitments
    )
    # Every sixth keeps its commitment private; every third published a Charter plan.
    Publishing.objects.bulk_create(
        Publishing(organisation=organisation, commitment=n % 6 != 5, progress=n % 2 == 0)
        for n, organisation in enumerate(organisations)
        if n % 3 == 0
    )
    ActionPlan.objects.bulk_create(
        ActionPlan(
            organisation=organisation,
            title=f"Handlingsplan {n}",
            kind=PlanKind.CHARTER,
            status=PlanStatus.ADOPTED,
            adopted_on=date(2022, 6, 1),
            is_published=True,
        )
        for n, organisation in enumerate(organisations)
        if n % 3 == 1
    )


def bench_public_directory_and_map(bench):
    """Each page is timed between two timings of the trivial page, and compared with their
    mean, so a busy machine weighs on both sides alike. Warm: rendered parts are cached
    for the version of the public data; cold: the first request after a change."""
    _data()
    client = Client()
    size = {"signatories": SIGNATORIES}
    trivial_url = reverse("core:accessibility")
    for label, url in [
        ("signatory directory", reverse("public:directory")),
        (
            "signatory directory, filtered",
            reverse("public:directory") + "?country=SE&status=signed",
        ),
        ("signatory map", reverse("public:map")),
        ("signatory CSV", reverse("public:directory-csv")),
        ("signatory JSON", reverse("public:directory-json")),
    ]:
        before, _queries = bench.time_page(client, trivial_url, repeat=15)
        median, queries = bench.time_page(client, url, repeat=15)
        after, _queries = bench.time_page(client, trivial_url, repeat=15)
        trivial = (before + after) / 2
        cache.clear()
        cold = bench.time_call(lambda url=url: (cache.clear(), client.get(url)), repeat=3)
        bench.record(f"{label}: server time", median, "ms", **size)
        bench.record(f"{label}: server time, first after a change", cold, "ms", **size)
        bench.record(f"{label}: queries", queries, "queries", **size)
        bench.record(f"{label}: trivial page beside it", trivial, "ms")
        bench.record(f"{label}: × trivial page", median / trivial, "×", goal=f"< {GOAL}", **size)


def load_pages(setup):
    """The signatory directory (whole and filtered) and the map, anonymous."""
    signatories = Commitment.objects.values("organisation").distinct().count()
    # National data has its own signatories (scale-data: most of its 2,000 organisations).
    if signatories < SIGNATORIES // 2 and setup.build_missing:
        _data()
        signatories = Commitment.objects.values("organisation").distinct().count()
        setup.note(f"built {SIGNATORIES} signatories")
    size = f"{signatories} signatories"
    directory = reverse("public:directory")
    setup.add("signatory directory", directory, size=size)
    setup.add("signatory directory, filtered", f"{directory}?country=SE&status=signed", size=size)
    setup.add("signatory map", reverse("public:map"), size=size)
