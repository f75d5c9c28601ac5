"""What every part of the generator shares: the sizes asked for, the seed, what was made."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import models
from django.utils import timezone

BATCH = 2000


@dataclass(frozen=True)
class Spec:
    """The sizes of the data set. ``today`` anchors every date, so the same seed on the same
    day gives the same data (the default is the site's today)."""

    organisations: int = 2000
    activities: int = 100_000
    measurements: int = 2_000_000
    documents: int = 100_000
    seed: int = 1
    today: date | None = None


@dataclass
class Showcase:
    """The objects the load benchmark visits, with fixed slugs; ids are filled in on the way."""

    municipality: str = "scale-municipality-1"
    other_municipality: str = "scale-municipality-2"
    network: str = "scale-network"
    network_members: int = 0
    scorecard_network: str = "scale-network-50"
    scorecard_members: int = 0
    scorecard_indicators: int = 0
    scorecard_id: int | None = None
    plan_id: int | None = None
    plan_activities: int = 0
    private_plan_id: int | None = None
    admin_email: str = "scale-admin@example.org"
    coordinator_email: str = "scale-coordinator@example.org"
    viewer_email: str = "scale-viewer@example.org"
    password: str = ""


Progress = Callable[[str, int, int], None]


@dataclass
class Run:
    """The state of one generation: its spec, its clock, and the objects made so far.

    Each part draws from its own random generator (``rng(part)``), seeded from the spec's seed
    and the part's name, so a change in one part leaves the others' data as it was.
    """

    spec: Spec
    progress: Progress
    today: date = field(init=False)
    now: datetime = field(init=False)
    showcase: Showcase = field(default_factory=Showcase)
    # Filled by the parts, in order.
    local: list = field(default_factory=list)  # municipalities and regions
    networks: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # (organisation id, role) → user
    people: dict = field(default_factory=dict)  # organisation id → [Person]
    members: dict = field(default_factory=dict)  # network id → [member organisation]
    commitments: dict = field(default_factory=dict)  # organisation id → Commitment
    plans: list = field(default_factory=list)  # current (adopted or draft) plans
    activities: list = field(default_factory=list)
    articles: dict = field(default_factory=dict)  # charter id → [Article]

    def __post_init__(self):
        self.today = self.spec.today or timezone.localdate()
        # Noon of the day before: every stamp is in the past, and the same for the same day.
        self.now = timezone.make_aware(
            datetime.combine(self.today - timedelta(days=1), datetime.min.time())
        ) + timedelta(hours=12)

    def rng(self, part: str) -> random.Random:
        return random.Random(f"{self.spec.seed}:{part}")  # noqa: S311 - test data, not secrets

    def days_ago(self, rng: random.Random, low: int, high: int) -> date:
        return self.today - timedelta(days=rng.randint(low, high))

    def stamp(self, day: date) -> datetime:
        """A moment on ``day`` (noon), for the answered/sent times of generated rows."""
        return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(hours=12)


def insert(run: Run, model: type[models.Model], objects: Iterable, *, label: str = "") -> list:
    """Bulk-insert ``objects`` in batches, with the audit-trail rows a save would have written
    for models that keep a history; report progress under ``label``."""
    objects = list(objects)
    history = getattr(model, "history", None)
    made = []
    for start in range(0, len(objects), BATCH):
        batch = model.objects.bulk_create(objects[start : start + BATCH])
        if history is not None:
            history.bulk_history_create(batch, default_date=run.now)
        made += batch
        if label:
            run.progress(label, len(made), len(objects))
    return made


def insert_links(through: type[models.Model], rows: Iterable[dict]) -> None:
    """Bulk-insert many-to-many links (``through`` rows given as field values)."""
    objects = [through(**row) for row in rows]
    for start in range(0, len(objects), BATCH * 5):
        through.objects.bulk_create(objects[start : start + BATCH * 5])


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, in whole numbers that add up exactly."""
    if not weights:
        return []
    whole = sum(weights) or 1
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    rest = total - sum(counts)
    order = sorted(range(len(shares)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[:rest]:
        counts[i] += 1
    return counts
