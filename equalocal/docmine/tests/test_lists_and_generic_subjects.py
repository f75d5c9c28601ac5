"""Lists that name no organisations, and subjects that name any signatory. Sentences
written for these tests."""

from __future__ import annotations

from equalocal.docmine.extraction import analyse


def _organisations(text: str, language: str) -> list[str]:
    return [d.organisation for d in analyse(text, language=language).decisions]


def test_a_list_of_what_a_plan_holds_names_no_organisations():
    text = (
        "Stadt Bamberg\n\nDer Stadtrat hat am 4. Mai 2027 beschlossen, der Europäischen Charta "
        "für die Gleichstellung von Frauen und Männern auf lokaler Ebene beizutreten. Die Stadt "
        "wird einen Aktionsplan mit Zielen, Maßnahmen, Ressourcen und Zeitplan beschließen.\n"
    )
    names = _organisations(text, "de")
    assert not {"Zielen", "Maßnahmen", "Ressourcen", "Zeitplan"} & set(names)


def test_a_bare_plural_subject_is_no_decision():
    text = (
        "Gemeinde Kirchberg\n\nKommunen, die der Europäischen Charta für die Gleichstellung "
        "von Frauen und Männern beitreten, verpflichten sich, binnen zwei Jahren einen "
        "Aktionsplan vorzulegen.\n"
    )
    assert analyse(text, language="de").decisions == []
    # One organisation's joining stays a decision.
    own = text.replace("Kommunen, die der", "Die Gemeinde Kirchberg ist der").replace(
        "beitreten, verpflichten sich", "beigetreten und verpflichtet sich"
    )
    assert [d.decision_type for d in analyse(own, language="de").decisions] == ["sign_charter"]


def test_a_one_letter_conjunction_of_another_language_joins_no_list():
    text = (
        "Município de Tondela\n\nNa região, Nelas subscreveu a Carta Europeia para a Igualdade "
        "das Mulheres e dos Homens na Vida Local em 2021.\n"
    )
    assert _organisations(text, "pt") == ["Nelas"]


def test_the_lead_follows_the_cookie_notice():
    text = (
        "Saltar para o conteúdo\n\n"
        "Este sítio utiliza cookies para melhorar a navegação e para fins estatísticos. "
        "Pode aceitar ou recusar.\n\n"
        "Município de Tondela\nInício | Município | Notícias | Contactos\n\n"
        "Tondela subscreve a Carta Europeia para a Igualdade\n\n"
        "O Município de Tondela assinou ontem a Carta Europeia para a Igualdade das Mulheres e "
        "dos Homens na Vida Local. A Carta obriga cada signatário a aprovar um plano de ação "
        "em dois anos. Os signatários comprometem-se com os seus seis princípios.\n"
    )
    analysis = analyse(text, language="pt")
    assert analysis.kind == "decision", analysis.kind_cues
    assert any("in the lead" in cue for cue in analysis.kind_cues)


def test_a_signing_told_over_several_sentences_keeps_the_charter_as_topic():
    text = (
        "Município de Tondela\n\n"
        "O Município de Tondela aderiu ontem à Carta Europeia para a Igualdade das Mulheres e "
        "dos Homens na Vida Local. A assinatura decorreu no Salão Nobre. O presidente da "
        "Câmara Municipal apôs a sua assinatura no documento ao lado da vereadora. A adesão "
        "tinha sido aprovada pela Assembleia Municipal na sessão de 20 de março de 2027.\n"
    )
    decisions = analyse(text, language="pt").decisions
    assert ("sign_charter", "2027-03-20") in {(d.decision_type, d.decision_date) for d in decisions}


def test_other_places_that_signed_are_no_decision():
    text = (
        "Comune di Sassari\n\nLa Giunta ha proposto l'adesione alla Carta europea per "
        "l'uguaglianza e la parità delle donne e degli uomini nella vita locale. L'assessora ha "
        "ricordato che altri capoluoghi dell'isola hanno già sottoscritto il documento del "
        "CCRE.\n"
    )
    signed = [d for d in analyse(text, language="it").decisions if d.status == "adopted"]
    assert signed == []


def test_news_of_a_council_sending_the_proposal_back_is_a_decision():
    text = (
        "Vai al contenuto\n\nQuesto sito utilizza cookie tecnici. Proseguendo accetti.\n\n"
        "Comune di Sassari\nHome | Il Consiglio | Comunicati stampa | Contatti\n\n"
        "Carta europea per la parità, l'adesione torna in Commissione\n\n"
        "Nella seduta di ieri il Consiglio comunale ha deciso di rinviare alla Commissione la "
        "proposta di adesione alla Carta europea per l'uguaglianza e la parità delle donne e "
        "degli uomini nella vita locale.\n"
    )
    analysis = analyse(text, language="it")
    assert [d.status for d in analysis.decisions] == ["proposed"]
    assert analysis.kind == "decision", analysis.kind_cues


def test_a_party_groups_vote_is_no_decision():
    text = (
        "Δήμος Κοζάνης\n\nΤο Δημοτικό Συμβούλιο αποφάσισε στις 12 Μαρτίου 2027 την προσχώρηση "
        "του Δήμου στον Ευρωπαϊκό Χάρτη για την Ισότητα των Γυναικών και των Ανδρών στην Τοπική "
        "Ζωή. Η παράταξη της μείζονος αντιπολίτευσης ψήφισε λευκό, δηλώνοντας ότι συμφωνεί με "
        "τις αρχές του Χάρτη.\n"
    )
    decisions = analyse(text, language="el").decisions
    assert [(d.decision_type, d.decision_date) for d in decisions] == [
        ("sign_charter", "2027-03-12")
    ]
