"""News items as sites publish them: a signing told as an event, 'last month', councils
named by their place alone, and a site's menu that names sections like 'Agenda'."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.classify import in_a_menu_line, is_agenda
from equalocal.docmine.extraction.dates import find_dates
from equalocal.docmine.extraction.organisations import find_organisations


@pytest.mark.parametrize(
    "phrase",
    [
        "last month",
        "le mois dernier",
        "förra månaden",
        "lo scorso mese",
        "im vergangenen Monat",
        "τον περασμένο μήνα",
        "viime kuussa",
        "forrige måned",
    ],
)
def test_last_month_is_the_month_before_the_documents_date(phrase):
    [date] = find_dates(f"Decided {phrase} by the council.", "2025-01-16")
    assert date.value == "2024-12"


def test_a_council_named_by_its_place_alone():
    names = [m.name for m in find_organisations("Moray Council and Highland Council agreed.")]
    assert names == ["Moray Council", "Highland Council"]
    assert find_organisations("The Council agreed at a meeting of Full Council.") == []


def test_menu_line_is_not_a_heading():
    text = "Accueil  Démarches  Actualités  Agenda\n\nLa Ville signe la Charte\n"
    assert in_a_menu_line(text, text.index("Agenda"))
    assert not in_a_menu_line("Ordre du jour du conseil municipal\n", 0)
    assert not is_agenda(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The signing took place on Monday in the Guildhall, where the Mayor added the council's "
        "signature to the European Charter for Equality of Women and Men in Local Life.",
        "La signature a eu lieu lundi à l'hôtel de ville : le maire a apposé sa signature au "
        "bas de la Charte européenne pour l'égalité des femmes et des hommes dans la vie locale.",
        "Die Unterzeichnung fand am Montag im Rathaus statt: die Europäische Charta für die "
        "Gleichstellung von Frauen und Männern auf lokaler Ebene gilt nun auch für Celle.",
    ],
)
def test_a_signing_told_as_an_event_is_a_signing(sentence):
    text = f"News\nPublished 12 March 2025\n\n{sentence}\n"
    decisions = analyse(text).decisions
    assert [d.decision_type.value for d in decisions] == ["sign_charter"]


def test_a_news_item_with_a_menu_is_not_an_agenda():
    text = (
        "Aller au contenu\nBesançon\nMa ville  Démarches  Actualités  Agenda\n\n"
        "La Ville signe la Charte européenne\nPublié le 5 novembre 2025\n\n"
        "Le conseil municipal a décidé le 9 octobre 2025 que la Ville adhère à la Charte "
        "européenne pour l'égalité des femmes et des hommes dans la vie locale.\n"
    )
    result = analyse(text)
    assert result.kind == "decision"
    assert [d.status.value for d in result.decisions] == ["adopted"]
