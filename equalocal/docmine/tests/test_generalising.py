"""Decisions as news and web pages write them, in several languages, with sentences written
for these tests (none is copied from a development text)."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.sentences import split_sentences
from equalocal.docmine.types import DecisionStatus, DecisionType


def _signings(text: str, language: str):
    return [
        d for d in analyse(text, language=language).decisions if d.decision_type == "sign_charter"
    ]


def test_a_sentence_glued_to_the_next_by_extraction_is_split():
    text = "Bæjarstjórn fundaði í gær.Síðan var kaffi. Мэр подписал.Затем ушёл."
    assert [s.norm for s in split_sentences(text)] == [
        "Bæjarstjórn fundaði í gær.",
        "Síðan var kaffi.",
        "Мэр подписал.",
        "Затем ушёл.",
    ]


def test_a_clause_before_a_list_is_a_signing_of_its_own():
    text = (
        "Í vikunni hefur Fjarðabyggð undirritað Evrópusáttmálann um jafnrétti kvenna og karla, "
        "en áður höfðu Ísafjarðarbær, Garðabær og Árborg undirritað sáttmálann."
    )
    signings = _signings(text, "is")
    assert len(signings) == 4
    assert {d.organisation for d in signings} >= {"Ísafjarðarbær", "Garðabær", "Árborg"}


def test_a_second_conjunction_adds_one_more_organisation_to_the_list():
    text = (
        "Peruskirjan ovat hyväksyneet Oulun, Porin ja Lahden kaupungit sekä Pirkanmaan liitto."
    )
    text = "Tasa-arvon peruskirja on eurooppalainen. " + text.replace(
        "Peruskirjan", "Eurooppalaisen tasa-arvon peruskirjan"
    )
    assert len(_signings(text, "fi")) == 4


def test_two_names_sharing_a_plural_organisation_noun_are_two_signatories():
    text = (
        "Europos moterų ir vyrų lygybės vietos lygiu chartiją yra pasirašiusios Alytaus ir "
        "Panevėžio miesto savivaldybės."
    )
    assert len(_signings(text, "lt")) == 2


def test_a_counted_group_named_in_the_next_sentence_is_one_decision_per_member():
    text = (
        "ადგილობრივ ცხოვრებაში ქალთა და კაცთა თანასწორობის ევროპულ ქარტიას კიდევ 3 "
        "მუნიციპალიტეტი შეუერთდა. ამჯერად, დოკუმენტს გორის, თელავისა და ბათუმის "
        "მუნიციპალიტეტების მერებმა მოაწერეს ხელი."
    )
    signings = _signings(text, "ka")
    assert sorted(d.organisation for d in signings) == ["ბათუმის", "გორის", "თელავისა"]
    assert all(d.status == DecisionStatus.ADOPTED for d in signings)
    assert all(d.decision_type == DecisionType.SIGN_CHARTER for d in signings)
