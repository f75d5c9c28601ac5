"""Benchmarks of the organisation directory and pages."""

from django.contrib.auth import get_user_model
from django.test import Client

from .models import Membership, Organisation, OrganisationKind, Person, Role

ORGANISATIONS = 2000
PEOPLE = 100


def _data():
    Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-{n}",
            name=f"Benchkommun {n:04d}",
            kind=OrganisationKind.MUNICIPALITY,
            country="SE" if n % 3 else "FI",
            official_code=f"{n:04d}",
        )
        for n in range(ORGANISATIONS)
    )
    organisation = Organisation.objects.get(slug="bench-1")
    Person.objects.bulk_create(
        Person(
            organisation=organisation,
            name=f"Person {n}",
            title="Strateg",
            email=f"p{n}@example.org",
        )
        for n in range(PEOPLE)
    )
    user = get_user_model().objects.create_user(
        email="bench@example.org", password="bench-password"
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    return user, organisation


def bench_organisation_pages(bench):
    user, organisation = _data()
    client = Client()
    client.force_login(user)
    for label, url in [
        ("organisation list page", "/organisations/"),
        (
            "organisation list page, filtered",
            "/organisations/?q=Benchkommun+1&country=SE&kind=municipality",
        ),
        ("organisation detail page", organisation.get_absolute_url()),
        ("organisation history page", f"{organisation.get_absolute_url()}history/"),
    ]:
        median, queries = bench.time_page(client, url)
        size = {"organisations": ORGANISATIONS, "people": PEOPLE}
        bench.record(f"{label}: server time", median, "ms", **size)
        bench.record(f"{label}: queries", queries, "queries", **size)


def load_reader(setup, organisation, *, role: str = Role.VIEWER, user=None):
    """A load-benchmark user (``user``, or one of its own) with ``role`` in ``organisation``."""
    user = user or setup.user(f"{role}-{organisation.slug}")
    Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    return user
