"""Matching names in a text against thousands of registered organisations: the same
answers as one comparison at a time, at a national deployment's scale."""

from __future__ import annotations

from equalocal.docmine.extraction.organisations import (
    MATCH_THRESHOLD,
    candidates_in_text,
    match_candidate,
    name_similarity,
)
from equalocal.docmine.types import OrganisationCandidate

MANY = [
    OrganisationCandidate(id=n, name=f"Testkommun {n:04d}", country="SE", aliases=(f"t-{n}",))
    for n in range(2000)
]
REAL = [
    OrganisationCandidate(id=10_001, name="Umeå kommun", country="SE", aliases=("umea",)),
    OrganisationCandidate(id=10_002, name="Region Västerbotten", country="SE", aliases=()),
    OrganisationCandidate(id=10_003, name="Ville de Saint-Étienne", country="FR", aliases=()),
]
CANDIDATES = MANY + REAL


def _one_at_a_time(name: str) -> OrganisationCandidate | None:
    best = max(
        CANDIDATES,
        key=lambda c: max(name_similarity(name, n) for n in (c.name, *c.aliases)),
    )
    score = max(name_similarity(name, n) for n in (best.name, *best.aliases))
    return best if score >= MATCH_THRESHOLD else None


def test_the_best_match_is_the_one_a_pairwise_comparison_finds():
    for name in ["Umea kommun", "Västerbottens region", "Saint-Étienne", "Testkommun 1234", "Lund"]:
        assert match_candidate(name, CANDIDATES) == _one_at_a_time(name), name


def test_a_name_in_the_text_is_counted_as_words_and_word_sequences():
    text = (
        "Protokoll från Umeå kommun. Region Västerbotten deltog. Umeå kommun justerade.\n"
        "Saint-Étienne nämns en gång."
    )
    assert candidates_in_text(text, CANDIDATES).id == 10_001
    # A name inside another word is no mention.
    assert candidates_in_text("Umeåkommunerna samverkar.", CANDIDATES) is None
