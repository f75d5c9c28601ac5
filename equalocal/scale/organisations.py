"""Organisations, their people and users, roles and publishing choices."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from equalocal.organisations.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Person,
    Publishing,
    Role,
)

from .run import Run, insert
from .words import COUNTRIES, FIRST_NAMES, LAST_NAMES, PREFIXES, SUFFIXES, TITLES

# Printed by the command: it protects only the three showcase accounts.
SCALE_PASSWORD = "equalocal-scale"


def _place_names(rng, count: int) -> list[str]:
    """``count`` different place names; past the combinations, a number tells them apart."""
    names = [p.lower() if p[-1] == s[0] else p + s for p in PREFIXES for s in SUFFIXES]
    names = [name[0].upper() + name[1:] for name in names]
    rng.shuffle(names)
    out = []
    for n in range(count):
        base = names[n % len(names)]
        out.append(base if n < len(names) else f"{base} {n // len(names) + 1}")
    return out


def _coordinate(rng, box) -> Decimal:
    return Decimal(f"{rng.uniform(*box):.5f}")


def build(run: Run) -> None:
    rng = run.rng("organisations")
    total = max(run.spec.organisations, 4)
    network_count = max(2, total // 40)
    local_count = total - network_count
    region_count = local_count // 15
    municipality_count = local_count - region_count
    countries = list(COUNTRIES)
    weights = [COUNTRIES[c][0] for c in countries]
    taken = set(
        Organisation.objects.exclude(official_code="").values_list("country", "official_code")
    )
    names = _place_names(rng, local_count)
    codes = {"municipality": 1000, "region": 1}

    def official_code(country: str, kind: str) -> str:
        if country != "SE":
            return ""
        while True:
            number = codes[kind]
            codes[kind] += 1
            code = f"{number:04d}" if kind == "municipality" else f"00{number:02d}"
            if number > (9999 if kind == "municipality" else 99):
                return ""
            if ("SE", code) not in taken:
                return code

    organisations = []
    for n in range(local_count):
        municipality = n < municipality_count
        kind = OrganisationKind.MUNICIPALITY if municipality else OrganisationKind.REGION
        number = n + 1 if municipality else n - municipality_count + 1
        # The showcase municipalities are Swedish, as the first users are.
        country = "SE" if n < 2 else rng.choices(countries, weights)[0]
        _weight, _language, municipal_name, region_name, lat, lon = COUNTRIES[country]
        template = municipal_name if municipality else region_name
        organisations.append(
            Organisation(
                kind=kind,
                name=template.format(names[n]),
                slug=f"scale-{kind}-{number}",
                country=country,
                official_code=official_code(country, "municipality" if municipality else "region"),
                website=f"https://www.scale-{kind}-{number}.example.org/",
                description="Equality of women and men in local life is part of our work.",
                latitude=_coordinate(rng, lat),
                longitude=_coordinate(rng, lon),
            )
        )
    networks = [
        Organisation(
            kind=OrganisationKind.NETWORK,
            name="Scale network of 500",
            slug=run.showcase.network,
            country="SE",
        ),
        Organisation(
            kind=OrganisationKind.NETWORK,
            name="Scale network of 50",
            slug=run.showcase.scorecard_network,
            country="SE",
        ),
    ]
    for n in range(3, network_count + 1):
        country = rng.choices(countries, weights)[0]
        kind = OrganisationKind.NATIONAL_ASSOCIATION if n % 5 == 0 else OrganisationKind.NETWORK
        networks.append(
            Organisation(
                kind=kind,
                name=f"Equality partnership {n}",
                slug=f"scale-partnership-{n}",
                country=country,
            )
        )
    made = insert(run, Organisation, organisations + networks, label="organisations")
    run.local, run.networks = made[:local_count], made[local_count:]
    _users_and_people(run, rng)
    _publishing(run, rng)


def _users_and_people(run: Run, rng) -> None:
    User = get_user_model()
    users, roles = [], []
    for organisation in run.local + run.networks:
        for role in (Role.ADMIN, Role.EDITOR, Role.VIEWER):
            if organisation in run.networks and role == Role.VIEWER:
                continue
            users.append(
                User(
                    email=f"{role}@{organisation.slug}.example.org",
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    password=make_password(None),
                    language="sv" if organisation.country == "SE" else "en",
                )
            )
            roles.append((organisation, role))
    showcase = run.showcase
    password = make_password(SCALE_PASSWORD)
    showcase.password = SCALE_PASSWORD
    by_slug = {o.slug: o for o in run.local + run.networks}
    specials = [
        (showcase.admin_email, showcase.municipality, Role.ADMIN),
        (showcase.coordinator_email, showcase.network, Role.ADMIN),
        (showcase.viewer_email, showcase.other_municipality, Role.VIEWER),
    ]
    for email, slug, role in specials:
        users.append(User(email=email, first_name="Scale", last_name="Tester", password=password))
        roles.append((by_slug[slug], role))
    made = insert(run, User, users, label="users")
    memberships = []
    for user, (organisation, role) in zip(made, roles, strict=True):
        run.users.setdefault((organisation.pk, role), user)
        memberships.append(Membership(user=user, organisation=organisation, role=role))
    # The coordinator also runs the scorecard network.
    memberships.append(
        Membership(user=made[-2], organisation=by_slug[showcase.scorecard_network], role=Role.ADMIN)
    )
    insert(run, Membership, memberships, label="roles")

    people = []
    for organisation in run.local + run.networks:
        admin = run.users[(organisation.pk, Role.ADMIN)]
        for n in range(3):
            people.append(
                Person(
                    organisation=organisation,
                    name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                    if n
                    else f"{admin.first_name} {admin.last_name}",
                    title=TITLES[n],
                    email=admin.email if n == 0 else "",
                    is_public_contact=n == 0 and rng.random() < 0.5,
                    user=admin if n == 0 else None,
                )
            )
    for person in insert(run, Person, people, label="people"):
        run.people.setdefault(person.organisation_id, []).append(person)


def _publishing(run: Run, rng) -> None:
    rows = []
    for index, organisation in enumerate(run.local):
        rows.append(
            Publishing(
                organisation=organisation,
                commitment=rng.random() < 0.95,
                progress=rng.random() < 0.4,
                # Every eighth keeps its figures to itself (see networks.build).
                figures=index % 8 != 7 and rng.random() < 0.4,
                reports=rng.random() < 0.3,
            )
        )
    insert(run, Publishing, rows, label="publishing")


__all__ = ["SCALE_PASSWORD", "build"]
