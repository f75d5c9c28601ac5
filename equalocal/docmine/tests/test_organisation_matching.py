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


def _mentions_one_name_at_a_time(text: str) -> OrganisationCandidate | None:
    """The reference: each candidate's names searched for as whole words, one by one."""
    import re

    from equalocal.docmine.extraction.organisations import fold, normalise_name

    folded = " ".join(re.findall(r"\w+", fold(text)))
    best = None
    for candidate in CANDIDATES:
        keys = [k for k in map(normalise_name, (candidate.name, *candidate.aliases)) if len(k) >= 3]
        count = sum(len(re.findall(rf"(?<!\w){re.escape(k)}(?!\w)", folded)) for k in keys)
        if count and (best is None or count > best[0]):
            best = (count, candidate)
    return best[1] if best else None


def test_names_found_in_a_text_are_those_a_search_for_each_name_finds():
    texts = [
        "Region Västerbotten och Umeå kommun. Region Västerbotten igen, och t-17.",
        "Testkommun 0042 and Testkommun 0042, then Testkommun 0043 once.",
        "Saint-Étienne, Saint Étienne, Ville de Saint-Étienne.",
        "T-5 t-5 T-6",
        "Ingen känd organisation här.",
        "",
    ]
    for text in texts:
        assert candidates_in_text(text, CANDIDATES) == _mentions_one_name_at_a_time(text), text


def test_among_equal_mentions_the_first_registered_wins():
    text = "Testkommun 0007 och Testkommun 0003 skrev under."
    assert candidates_in_text(text, CANDIDATES).id == 3


def test_a_new_list_of_candidates_is_matched_as_itself():
    """The prepared index belongs to one list: another list (an organisation renamed or added)
    is matched against its own names, not the last list's."""
    before = [OrganisationCandidate(id=1, name="Ragunda kommun", country="SE")]
    after = [OrganisationCandidate(id=1, name="Bräcke kommun", country="SE")]
    assert match_candidate("Ragunda kommun", before).id == 1
    assert match_candidate("Ragunda kommun", after) is None
    assert candidates_in_text("Bräcke kommun beslutar.", after).id == 1
    assert candidates_in_text("Bräcke kommun beslutar.", before) is None
