"""General causes behind the misses of the first own held-out set (issue 14): one function
per pattern, each tested with sentences written for these tests (none is copied from a
held-out or development text)."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.classify import headline, is_label_line, news_frame
from equalocal.docmine.extraction.decisions.cues import Action
from equalocal.docmine.extraction.decisions.merge import superseded
from equalocal.docmine.extraction.decisions.sentences import opens_an_item, split_sentences
from equalocal.docmine.extraction.decisions.type_and_status import accession_object
from equalocal.docmine.extraction.prefilter import scoped
from equalocal.docmine.extraction.tables import bar_cells, rows_from_text
from equalocal.docmine.types import Decision, DecisionStatus, DecisionType

# Section labels and publication lines are not the title ---------------------------------


def test_label_lines_are_breadcrumbs_and_dates_not_titles():
    assert is_label_line("Občina Kamnik > Novice")
    assert is_label_line("Concello de Lugo | Novas")
    assert is_label_line("Objavljeno: 4. 5. 2020")
    assert not is_label_line("Županja podpisala Evropsko listino o enakosti")
    # A page title followed by the site's name is the title.
    assert not is_label_line("Approvata l'adesione del Comune alla Carta europea - Comune di Prato")


def test_headline_skips_the_site_label():
    text = "Občina Kamnik > Novice\nObjavljeno: 4. 5. 2020\nŽupanja podpisala listino\n\nBesedilo."
    assert headline(text) == "Županja podpisala listino"


def test_news_frame_counts_only_when_no_decision_is_reported():
    counted: list[tuple[str, float, str]] = []

    def cue(kind: str, weight: float, why: str) -> None:
        counted.append((kind, weight, why))

    framing = [("web_page", 0.75, "word 'Novice'")]
    news_frame(framing, reports_a_decision=True, cue=cue)
    assert counted == []
    news_frame(framing, reports_a_decision=False, cue=cue)
    assert counted == framing


def test_news_item_reporting_a_council_decision_is_a_decision():
    text = (
        "Občina Kamnik > Novice\n\nObjavljeno: 4. 5. 2020\n\n"
        "Županja podpisala Evropsko listino o enakosti žensk in moških v lokalnem življenju\n\n"
        "Županja občine Kamnik je 3. maja 2020 podpisala Evropsko listino o enakosti žensk in "
        "moških v lokalnem življenju. Občinski svet je pristop sprejel 16. aprila 2020.\n\n"
        "Deli novico: Facebook"
    )
    assert analyse(text, language="sl").kind == "decision"


# An adopting verb whose object is the accession ----------------------------------------


def test_accession_noun_bridges_a_long_gap_to_the_charter():
    norm = (
        "A Xunta de Goberno aprobou, na sesión extraordinaria celebrada o 2 de marzo de 2021 "
        "e por unanimidade, a adhesión do Concello de Lalín á Carta Europea para a Igualdade"
    )
    adopt = Action("adopt", "past", 21, 28)
    noun = Action("sign", "infinitive", norm.index("adhesión"), norm.index("adhesión") + 8)
    charter = [(norm.index("Carta"), len(norm))]
    assert accession_object([adopt], [adopt, noun], charter) == (DecisionType.SIGN_CHARTER, adopt)
    # Without the Charter after the noun, nothing is signed.
    assert accession_object([adopt], [adopt, noun], []) is None


# Enumerated points that open with the deciding verb --------------------------------------


def test_enumerated_point_with_the_deciding_verb_opens_a_formula():
    with scoped("", language="cs") as scope:
        scope.folded = "2. schvaluje rozpočet"
        assert opens_an_item("2. schvaluje rozpočet obce na rok 2021")
        assert not opens_an_item("Rada obce schvaluje rozpočet")
        sentences = split_sentences("Rada obce po projednání\n\n2. schvaluje rozpočet obce.")
    assert [s.formula for s in sentences] == [False, True]


def test_resolution_points_give_an_adopted_decision():
    text = (
        "OBEC HORNÍ LHOTA\n\nUsnesení z 5. zasedání Zastupitelstva obce konaného dne 3. "
        "března 2021\n\nZastupitelstvo obce po projednání\n"
        "1. schvaluje přistoupení obce k Evropské chartě rovnosti žen a mužů v místním "
        "životě,\n2. ukládá starostovi podepsat prohlášení.\n"
    )
    decisions = analyse(text, language="cs").decisions
    assert [(d.decision_type, d.status, d.decision_date) for d in decisions] == [
        (DecisionType.SIGN_CHARTER, DecisionStatus.ADOPTED, "2021-03-03")
    ]


def test_a_proposal_dated_the_formulas_day_is_superseded():
    proposal = Decision(
        decision_type=DecisionType.SIGN_CHARTER,
        status=DecisionStatus.PROPOSED,
        decision_date="2020-05-04",
    )
    adopted = Decision(
        decision_type=DecisionType.SIGN_CHARTER,
        status=DecisionStatus.ADOPTED,
        decision_date="2020-05-04",
    )
    other_day = Decision(
        decision_type=DecisionType.SIGN_CHARTER,
        status=DecisionStatus.PROPOSED,
        decision_date="2019-01-10",
    )
    found = [(0, False, proposal), (50, True, adopted), (90, False, other_day)]
    assert superseded(found[0], found)
    assert not superseded(found[2], found)
    assert not superseded(found[1], found)


# Tables written with vertical bars --------------------------------------------------------


def test_bar_cells():
    assert bar_cells("Aktivita | Zodpovedá | Termín") == ["Aktivita", "Zodpovedá", "Termín"]
    assert bar_cells("| a | b | c |") == ["a", "b", "c"]
    assert bar_cells("Mesto Trnava | Aktuality") == []  # one bar: a breadcrumb
    assert bar_cells("|---|---|---|") == []


def test_bar_separated_rows_are_action_rows():
    text = (
        "Cselekvési terv 2022\n\nIntézkedés | Felelős | Határidő\n"
        "Nemek szerinti adatok a sportlétesítményekről | Sportiroda | 2022\n"
        "Egyenlőségi képzés a bizottsági tagoknak | Jegyzői Iroda | 2023\n"
    )
    rows = rows_from_text(text)
    assert [(r.activity, r.responsible, r.timeframe) for r in rows] == [
        ("Nemek szerinti adatok a sportlétesítményekről", "Sportiroda", "2022"),
        ("Egyenlőségi képzés a bizottsági tagoknak", "Jegyzői Iroda", "2023"),
    ]


# Hungarian: a resolution's number with its date, and the verb's particle after it ----------


def test_hungarian_adoption_line_with_a_dated_resolution_number():
    text = (
        "Eger Megyei Jogú Város Önkormányzata\n\nCSELEKVÉSI TERV 2021–2023\n\n"
        "A cselekvési tervet a Közgyűlés 2021. március 25-én a 45/2021. (III. 25.) számú "
        "határozatával fogadta el.\n"
    )
    decisions = analyse(text, language="hu").decisions
    assert [(d.decision_type, d.decision_date) for d in decisions] == [
        (DecisionType.ADOPT_ACTION_PLAN, "2021-03-25")
    ]
