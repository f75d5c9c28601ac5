"""Pages saved from a site open with its chrome: a skip link, a cookie notice, the site's
name, menus and a breadcrumb. The page's title comes after them, and a news item whose
title reports a signing is a decision. Sentences written for these tests."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.classify import headline
from equalocal.docmine.extraction.prefilter import scoped

PAGES = {
    "pt": (
        "Saltar para o conteúdo\n"
        "Este sítio utiliza cookies para melhorar a navegação. Ao continuar, aceita. [Aceitar]\n\n"
        "Município de Tavira – Câmara Municipal\n"
        "Início | Município | Serviços | Notícias | Contactos\n\n"
        "Início › Notícias › Tavira assina a Carta Europeia para a Igualdade\n\n"
        "Tavira assina a Carta Europeia para a Igualdade\n\n"
        "Publicado em 12/04/2027 · Sociedade\n\n"
        "O Município de Tavira assinou ontem a Carta Europeia para a Igualdade das Mulheres "
        "e dos Homens na Vida Local, numa cerimónia nos Paços do Concelho.\n",
        "Tavira assina a Carta Europeia para a Igualdade",
    ),
    "nb": (
        "Hopp til hovedinnhold\n"
        "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse. [Godta] [Avvis]\n\n"
        "Bodø kommune\n"
        "Tjenester | Politikk | Nyheter | Kontakt\n\n"
        "Du er her: Forsiden > Nyheter > Bodø signerer likestillingserklæringen\n\n"
        "Bodø signerer Den europeiske erklæringen om likestilling\n\n"
        "Publisert 03.05.2027\n\n"
        "Bodø kommune skrev i går under på Den europeiske erklæringen om likestilling "
        "mellom kvinner og menn på lokalt nivå.\n",
        "Bodø signerer Den europeiske erklæringen om likestilling",
    ),
    "it": (
        "Salta al contenuto principale\n"
        "Questo sito usa cookie tecnici. Proseguendo accetti il loro uso. [Accetta]\n\n"
        "Comune di Lecce\n"
        "Amministrazione | Servizi | Notizie | Contatti\n\n"
        "Home / Notizie / Lecce firma la Carta europea\n\n"
        "Notizie\n"
        "Lecce firma la Carta europea per l'uguaglianza\n\n"
        "Data: 4 marzo 2027\n\n"
        "Il Comune di Lecce ha firmato ieri la Carta europea per l'uguaglianza e la parità "
        "delle donne e degli uomini nella vita locale, alla presenza della sindaca.\n",
        "Lecce firma la Carta europea per l'uguaglianza",
    ),
}


@pytest.mark.parametrize("language", PAGES)
def test_the_title_comes_after_the_sites_chrome(language):
    text, title = PAGES[language]
    with scoped("", spaced_letters=False, language=language) as scope:
        scope.folded = text.casefold()
        assert headline(text) == title


@pytest.mark.parametrize("language", PAGES)
def test_a_news_item_titled_with_a_signing_is_a_decision(language):
    text, _title = PAGES[language]
    analysis = analyse(text, language=language)
    assert analysis.kind == "decision", analysis.kind_cues


def test_a_page_without_chrome_keeps_its_first_line_as_title():
    text = "Kommunfullmäktige antar handlingsplan för jämställdhet\n\nBeslutet fattades i går.\n"
    assert headline(text) == "Kommunfullmäktige antar handlingsplan för jämställdhet"


def test_a_cookie_notice_and_menus_without_a_title_give_none():
    text = (
        "Skip to main content\nWe use cookies to improve this site. [Accept]\n\n"
        "Home | About | News | Contact\n\nThe council meets on the first Monday of each month.\n"
    )
    assert headline(text) == ""
