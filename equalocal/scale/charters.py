"""Commitments to the Charter at every stage, with the steps that led there."""

from __future__ import annotations

from datetime import timedelta

from equalocal.charters.models import (
    Article,
    CharterText,
    Commitment,
    CommitmentStatus,
    CommitmentStep,
)

from .run import Run, insert

# The last status reached, and how common it is among the organisations with a commitment.
STAGES = [
    (CommitmentStatus.SIGNED, 60),
    (CommitmentStatus.DECIDED, 10),
    (CommitmentStatus.RECOMMENDED, 10),
    (CommitmentStatus.CONSIDERING, 14),
    (CommitmentStatus.WITHDRAWN, 6),
]
PATH = [
    CommitmentStatus.CONSIDERING,
    CommitmentStatus.RECOMMENDED,
    CommitmentStatus.DECIDED,
    CommitmentStatus.SIGNED,
]


def build(run: Run) -> None:
    rng = run.rng("charters")
    texts = {text.code: text for text in CharterText.objects.all()}
    for article in Article.objects.order_by("charter_id", "number"):
        run.articles.setdefault(article.charter_id, []).append(article)
    current = texts.get("2022") or CharterText.objects.filter(is_current=True).first()
    older = texts.get("2006", current)
    commitments, paths = [], []
    for index, organisation in enumerate(run.local):
        if index >= 2 and rng.random() < 0.1:
            continue  # no commitment yet
        status = (
            CommitmentStatus.SIGNED
            if index < 2
            else rng.choices([s for s, _ in STAGES], [w for _, w in STAGES])[0]
        )
        charter = older if index >= 2 and rng.random() < 0.3 else current
        start = run.days_ago(rng, 400, 4000 if charter == older else 1200)
        steps = PATH[: PATH.index(status) + 1] if status in PATH else PATH[: rng.randint(1, 4)]
        days, day = [], start
        for _step in steps:
            days.append(day)
            day = min(day + timedelta(days=rng.randint(20, 200)), run.today)
        commitment = Commitment(organisation=organisation, charter=charter, status=status)
        for step, when in zip(steps, days, strict=True):
            if step == CommitmentStatus.DECIDED:
                commitment.decided_on = when
            if step == CommitmentStatus.SIGNED:
                commitment.signed_on = when
                commitment.signed_by = "The mayor"
                commitment.cemr_informed_on = min(when + timedelta(days=14), run.today)
        if status == CommitmentStatus.WITHDRAWN:
            days.append(day)
            steps = [*steps, CommitmentStatus.WITHDRAWN]
        if charter == older and commitment.signed_on and rng.random() < 0.4:
            commitment.adopted_2022_articles_on = run.days_ago(rng, 30, 900)
        commitments.append(commitment)
        paths.append(list(zip(steps, days, strict=True)))
    commitments = insert(run, Commitment, commitments, label="commitments")
    steps = []
    for commitment, path in zip(commitments, paths, strict=True):
        run.commitments[commitment.organisation_id] = commitment
        for number, (status, day) in enumerate(path, start=1):
            steps.append(
                CommitmentStep(
                    commitment=commitment,
                    status=status,
                    date=day,
                    deciding_body="Municipal council"
                    if status in (CommitmentStatus.DECIDED, CommitmentStatus.WITHDRAWN)
                    else "Executive committee",
                    paragraph=f"§ {number * 17}",
                    case_number=f"KS {day.year}/{100 + number}",
                )
            )
    insert(run, CommitmentStep, steps, label="commitment steps")
