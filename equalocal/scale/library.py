"""The knowledge library: good practices, publications and events with registrations."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from equalocal.library.models import (
    Event,
    Practice,
    PracticeStatus,
    Publication,
    Registration,
    RegistrationStatus,
    Theme,
)
from equalocal.organisations.models import Role

from .run import Run, insert, insert_links
from .words import ACTIVITY_OBJECTS, FIRST_NAMES, LAST_NAMES

THEMES = [
    ("scale-pay", "Pay and working conditions", "Lön och arbetsvillkor"),
    ("scale-violence", "Violence", "Våld"),
    ("scale-budgeting", "Budgeting", "Budget"),
    ("scale-schools", "Schools", "Skola"),
]


def _themes(run: Run) -> list[Theme]:
    themes = list(Theme.objects.order_by("order", "pk"))
    if themes:
        return themes
    return insert(
        run,
        Theme,
        [Theme(slug=slug, name_en=en, name_sv=sv, order=n) for n, (slug, en, sv) in
         enumerate(THEMES, start=1)],
    )  # fmt: skip


def build(run: Run) -> None:
    rng = run.rng("library")
    themes = _themes(run)
    local = run.local
    articles = [a.pk for found in run.articles.values() for a in found]
    practices = []
    for organisation in rng.sample(local, max(1, len(local) // 8)):
        status = rng.choices(
            [PracticeStatus.PUBLISHED, PracticeStatus.IN_REVIEW, PracticeStatus.DRAFT], [60, 15, 25]
        )[0]
        published = status == PracticeStatus.PUBLISHED
        subject = rng.choice(ACTIVITY_OBJECTS)
        practices.append(
            Practice(
                owner=organisation,
                title=f"How {organisation.name} worked on {subject}",
                summary=f"A good practice on {subject}: what was done, by whom and with what "
                "results for women and men.",
                country=organisation.country,
                period_start=run.days_ago(rng, 700, 3000),
                results="Differences between women and men narrowed over three years.",
                status=status,
                published_at=run.stamp(run.days_ago(rng, 1, 600)) if published else None,
                reviewed_by=run.users[(organisation.pk, Role.ADMIN)] if published else None,
            )
        )
    practices = insert(run, Practice, practices, label="good practices")
    insert_links(
        Practice.organisations.through,
        ({"practice_id": p.pk, "organisation_id": p.owner_id} for p in practices),
    )
    insert_links(
        Practice.themes.through,
        ({"practice_id": p.pk, "theme_id": rng.choice(themes).pk} for p in practices),
    )
    insert_links(
        Practice.articles.through,
        ({"practice_id": p.pk, "article_id": rng.choice(articles)} for p in practices if articles),
    )
    publications = insert(
        run,
        Publication,
        [
            Publication(
                owner=network,
                title=f"Equality in practice, volume {n}",
                author=network.name,
                published_on=run.days_ago(rng, 30, 2000),
                summary="Case studies, guidelines and tools from the members.",
                is_published=True,
            )
            for n, network in enumerate(run.networks, start=1)
        ],
    )
    _events(run, rng, publications)


def _events(run: Run, rng, publications) -> None:
    organisers = run.networks + rng.sample(run.local, max(1, len(run.local) // 40))
    events = []
    for n, organiser in enumerate(organisers, start=1):
        starts = run.stamp(run.today + timedelta(days=rng.randint(-400, 200)))
        events.append(
            Event(
                organiser=organiser,
                title=f"Equality conference {n}",
                description="Talks and workshops on the Charter's articles.",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                place="Town hall",
                speakers="\n".join(rng.sample(LAST_NAMES, 2)),
                capacity=rng.choice([None, 30, 100]),
                publication=rng.choice(publications) if rng.random() < 0.2 else None,
                is_published=rng.random() < 0.8,
            )
        )
    events = insert(run, Event, events, label="events")
    registrations = []
    for event in events:
        if not event.is_published:
            continue
        places = event.capacity or 1000
        for n in range(rng.randint(0, 40)):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            token = f"{run.spec.seed}-{event.pk}-{n}"
            registrations.append(
                Registration(
                    event=event,
                    name=name,
                    email=f"guest{n}.event{event.pk}@example.org",
                    organisation=event.organiser.name,
                    status=RegistrationStatus.CONFIRMED
                    if n < places
                    else RegistrationStatus.WAITING,
                    consented_at=event.starts_at - timedelta(days=rng.randint(1, 60)),
                    token_hash=hashlib.sha256(token.encode()).hexdigest(),
                )
            )
    insert(run, Registration, registrations, label="registrations")
