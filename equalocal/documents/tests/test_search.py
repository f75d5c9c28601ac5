"""Search on the real database (SQLite FTS5 here, PostgreSQL full-text search in CI)."""

from __future__ import annotations

from datetime import date

import pytest

from equalocal.documents.search import index_document, remove_from_index, search_documents
from tests.factories import DocumentFactory, OrganisationFactory, PageFactory

pytestmark = pytest.mark.django_db


def _document(org, *pages: str, language="sv", **fields):
    document = DocumentFactory(organisation=org, language=language, **fields)
    for number, text in enumerate(pages, start=1):
        PageFactory(document=document, number=number, text=text, language=language)
    index_document(document)
    return document


@pytest.fixture
def org():
    return OrganisationFactory()


def test_swedish_inflection_finds_the_base_form(org):
    plan = _document(org, "Kommunen antar en jämställdhetsplan för åren 2025–2027.")
    _document(org, "Protokoll om snöröjning och gatubelysning.")
    page = search_documents(organisation_ids=[org.pk], query="jämställdhetsplaner")
    assert [hit.document_id for hit in page.hits] == [plan.pk]
    assert page.total == 1
    assert "<mark>jämställdhetsplan</mark>" in page.hits[0].snippet_html


def test_english_plural_finds_the_singular(org):
    doc = _document(org, "The council took a decision to sign the Charter.", language="en")
    page = search_documents(organisation_ids=[org.pk], query="decisions")
    assert [hit.document_id for hit in page.hits] == [doc.pk]
    assert "<mark>decision</mark>" in page.hits[0].snippet_html


def test_hit_names_the_best_page(org):
    doc = _document(
        org,
        "Inledning och bakgrund.",
        "Kommunstyrelsen beslutar att underteckna deklarationen om jämställdhet.",
    )
    page = search_documents(organisation_ids=[org.pk], query="underteckna")
    assert [(hit.document_id, hit.page) for hit in page.hits] == [(doc.pk, 2)]


def test_only_visible_organisations_are_searched(org):
    other = OrganisationFactory()
    _document(other, "Hemlig jämställdhetsanalys.")
    mine = _document(org, "Öppen jämställdhetsanalys.")
    page = search_documents(organisation_ids=[org.pk], query="jämställdhetsanalys")
    assert [hit.document_id for hit in page.hits] == [mine.pk]
    narrowed = search_documents(
        organisation_ids=[org.pk], organisation_id=other.pk, query="jämställdhetsanalys"
    )
    assert narrowed.hits == [] and narrowed.total == 0


def test_filters_by_kind_language_year_and_charter_relation(org):
    old = _document(org, "Handlingsplan för jämställdhet.", kind="action_plan",
                    document_date=date(2014, 3, 1), cemr_related=True)  # fmt: skip
    new = _document(org, "Beslut om jämställdhet.", kind="decision",
                    document_date=date(2024, 10, 1), cemr_related=False)  # fmt: skip
    english = _document(org, "Gender equality plan.", language="en", kind="action_plan",
                        document_date=date(2024, 1, 1))  # fmt: skip

    def ids(**filters):
        return {h.document_id for h in search_documents(organisation_ids=[org.pk], **filters).hits}

    assert ids(query="jämställdhet") == {old.pk, new.pk}
    assert ids(query="jämställdhet", kind="decision") == {new.pk}
    assert ids(query="jämställdhet", year=2014) == {old.pk}
    assert ids(query="jämställdhet", cemr_related=True) == {old.pk}
    assert ids(query="plan", language="en") == {english.pk}


def test_every_term_must_match_and_phrases_keep_their_order(org):
    both = _document(org, "Kommunfullmäktige antar planen för jämställdhet.")
    _document(org, "Kommunfullmäktige sammanträder i maj.")
    assert [h.document_id for h in search_documents(
        organisation_ids=[org.pk], query="kommunfullmäktige jämställdhet").hits] == [both.pk]  # fmt: skip
    assert search_documents(organisation_ids=[org.pk], query='"jämställdhet planen"').hits == []
    assert [h.document_id for h in search_documents(
        organisation_ids=[org.pk], query='"planen för jämställdhet"').hits] == [both.pk]  # fmt: skip


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "jäms*", "NEAR(a b)", "-jämställdhet", "((jämställdhet", "a OR", "AND",
     "title:x", "'; DROP TABLE documents_document; --", "^", "\x00", "😀 jämställdhet"],
)  # fmt: skip
def test_any_typed_query_is_safe(org, query):
    _document(org, "Jämställdhet i kommunen.")
    page = search_documents(organisation_ids=[org.pk], query=query)
    assert page.total == len(page.hits)


def test_empty_query_gives_no_results(org):
    _document(org, "Jämställdhet.")
    assert search_documents(organisation_ids=[org.pk], query="  ").hits == []
    assert search_documents(organisation_ids=[org.pk], query="*:-").total == 0


def test_snippet_is_escaped_with_only_mark_tags(org):
    _document(org, '<script>alert("x")</script> jämställdhet & <b onclick="x">mer</b>')
    hit = search_documents(organisation_ids=[org.pk], query="jämställdhet").hits[0]
    assert "<script" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    stripped = hit.snippet_html.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in stripped and ">" not in stripped


def test_results_are_paged_with_a_total(org):
    docs = [_document(org, f"Jämställdhet nummer {n}.") for n in range(5)]
    first = search_documents(organisation_ids=[org.pk], query="jämställdhet", limit=2)
    second = search_documents(organisation_ids=[org.pk], query="jämställdhet", limit=2, offset=2)
    assert first.total == second.total == 5
    seen = [h.document_id for h in first.hits + second.hits]
    assert len(set(seen)) == 4 and set(seen) <= {d.pk for d in docs}


def test_reindex_replaces_and_remove_drops_a_document(org):
    doc = _document(org, "Ursprunglig text om jämställdhet.")
    doc.pages.update(text="Ny text om snöröjning.")
    index_document(doc)
    assert search_documents(organisation_ids=[org.pk], query="jämställdhet").hits == []
    assert search_documents(organisation_ids=[org.pk], query="snöröjning").total == 1
    remove_from_index(doc.pk)
    assert search_documents(organisation_ids=[org.pk], query="snöröjning").total == 0


def test_deleting_a_document_removes_it_from_the_index(org):
    doc = _document(org, "Text om jämställdhet.")
    doc.delete()
    assert search_documents(organisation_ids=[org.pk], query="jämställdhet").total == 0
    # The index stays usable after rows went away with their document.
    again = _document(org, "Annan text om jämställdhet.")
    assert [h.document_id for h in search_documents(
        organisation_ids=[org.pk], query="jämställdhet").hits] == [again.pk]  # fmt: skip


def test_many_matches_rank_the_newest_and_give_a_floor(org, monkeypatch):
    from equalocal.documents import search

    monkeypatch.setattr(search, "CANDIDATES", 3)
    other = OrganisationFactory()
    _document(other, "Jämställdhet hos grannen.")
    docs = [_document(org, f"Jämställdhet nummer {n}.") for n in range(5)]
    first = search_documents(organisation_ids=[org.pk], query="jämställdhet", limit=2)
    assert first.total == 3 and first.total_is_estimate
    # The newest candidates (one more than CANDIDATES, to see that there are more).
    assert {h.document_id for h in first.hits} <= {d.pk for d in docs[1:]}
    # Past the candidates more are ranked, and never another organisation's documents.
    later = search_documents(organisation_ids=[org.pk], query="jämställdhet", limit=2, offset=4)
    assert [h.document_id for h in later.hits] and later.total == 5
    assert not later.total_is_estimate
    assert {h.document_id for h in later.hits} <= {d.pk for d in docs}


def test_a_document_with_many_matching_pages_does_not_hide_others(org, monkeypatch):
    from equalocal.documents import search

    monkeypatch.setattr(search, "CANDIDATES", 2)
    first = _document(org, "Jämställdhet ett.")
    big = _document(org, *["Jämställdhet och jämställdhet igen."] * 6)
    page = search_documents(organisation_ids=[org.pk], query="jämställdhet", limit=2)
    assert {h.document_id for h in page.hits} == {first.pk, big.pk}


def test_a_snippet_of_a_huge_page_with_many_matches_is_quick_to_build():
    from equalocal.documents.search.snippets import snippet_html

    # Linear in the matches and bounded in length: 120,000 matches would take minutes if not.
    html = snippet_html("kommun och region " * 40_000, [["kommun"]], "sv")
    assert html.count("<mark>") > 5


def test_filters_in_the_match_give_the_same_pages_as_filters_on_the_rows(org):
    from equalocal.documents.search import Filters, _backend, indexed_languages
    from equalocal.documents.search.query import parse

    neighbour, far = OrganisationFactory(), OrganisationFactory()
    texts = [
        "Beslut om en jämställdhetsplan för kvinnor och män.",
        "Planen för jämställdhet antas av kommunen.",
        "Jämställdhet är planen för kvinnor i kommunen.",
    ]
    kinds = ["decision", "action_plan", "report"]
    for n in range(9):
        _document([org, neighbour, far][n % 3], texts[n % 3], kind=kinds[n // 3],
                  document_date=date(2020 + n % 2, 5, 1), cemr_related=n % 2 == 0)  # fmt: skip
    _document(org, "The council adopts the equality plan.", language="en", kind="action_plan",
              document_date=date(2021, 1, 1))  # fmt: skip
    both = [org.pk, neighbour.pk]
    cases = [
        ("jämställdhet", Filters([org.pk])),
        ("jämställdhet", Filters(both, kind="action_plan")),
        ('"planen för jämställdhet"', Filters(both)),
        ('"planen för jämställdhet"', Filters([org.pk, neighbour.pk, far.pk], year=2021)),
        ("beslut kvinnor", Filters(both, kind="decision", year=2020, cemr_related=True)),
        ('"equality plan"', Filters([org.pk], language="en", kind="action_plan")),
        ("plan", Filters([far.pk], language="en")),
    ]
    found = 0
    for query, filters in cases:
        arguments = {"size": 100, "languages": indexed_languages()}
        matched = _backend().best_pages(parse(query), filters, **arguments)
        unmatched = _backend().best_pages(
            parse(query), filters, filters_in_match=False, **arguments
        )
        assert [(d, p) for d, p, _r in matched] == [(d, p) for d, p, _r in unmatched], query
        assert [r for _d, _p, r in matched] == pytest.approx([r for _d, _p, r in unmatched])
        found += len(matched)
    assert found >= 8


def test_the_words_of_a_query_never_match_the_filters_themselves(org):
    # The filters are in the full-text index too (an FTS5 column, a PostgreSQL lexeme), but
    # only a query's words are looked for, and only in the text.
    _document(org, "Protokoll om snöröjning.", kind="decision", document_date=date(2021, 3, 1))
    assert search_documents(organisation_ids=[org.pk], query="snöröjning").total == 1
    for query in [str(org.pk), f"org {org.pk}", f'"org {org.pk}"', "2021", "decision", "sv"]:
        assert search_documents(organisation_ids=[org.pk], query=query).hits == [], query


def test_a_phrase_gives_the_newest_pages_with_its_words_in_order(org, monkeypatch):
    from equalocal.documents import search

    monkeypatch.setattr(search, "CANDIDATES", 2)
    in_order = [_document(org, "Planen för jämställdhet antas.") for _ in range(3)]
    # Newer, with every word of the phrase but not in its order.
    for _ in range(3):
        _document(org, "Jämställdhet är planen för kommunen.")
    page = search_documents(organisation_ids=[org.pk], query='"planen för jämställdhet"', limit=2)
    assert len(page.hits) == 2 and page.total_is_estimate
    assert {h.document_id for h in page.hits} <= {d.pk for d in in_order}
    everything = search_documents(organisation_ids=[org.pk], query='"planen för jämställdhet"')
    assert {h.document_id for h in everything.hits} == {d.pk for d in in_order}
    assert everything.total == 3 and not everything.total_is_estimate
