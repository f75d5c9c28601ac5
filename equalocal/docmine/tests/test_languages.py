"""Each language file at work on sentences written for these tests (not the development
texts): a signing or adoption with its date and deciding body, in the Charter's languages;
dates in their languages; the Charter's name found through its lemmas when inflected."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.dates import parse_date
from equalocal.docmine.extraction.decisions.cues import charter_spans
from equalocal.docmine.extraction.prefilter import scoped
from equalocal.docmine.text.lemmas import lemma_view

# (language, text, decision type, decision or signing date, deciding body or "")
DECISIONS = [
    (
        "tr",
        "Çankaya Belediyesi\n\nBelediye Meclisi 12 Mart 2019 tarihinde Yerel Yaşamda Kadın "
        "Erkek Eşitliği Avrupa Şartı'nı imzaladı.",
        "sign_charter",
        "2019-03-12",
        "Belediye Meclisi",
    ),
    (
        "sr",
        "Opština Kikinda\n\nSkupština opštine je 5. aprila 2016. godine usvojila odluku o "
        "pristupanju Evropskoj povelji o rodnoj ravnopravnosti na lokalnom nivou.",
        "sign_charter",
        "2016-04-05",
        "Skupština opštine",
    ),
    (
        "sr",
        "Град Ниш\n\nСкупштина града је 8. марта 2018. године донела одлуку о приступању "
        "Европској повељи о равноправности жена и мушкараца у локалном животу.",
        "sign_charter",
        "2018-03-08",
        "Скупштина града",
    ),
    (
        "hr",
        "Grad Rijeka\n\nGradsko vijeće donijelo je 14. listopada 2010. odluku o pristupanju "
        "Europskoj povelji o ravnopravnosti žena i muškaraca na lokalnoj razini.",
        "sign_charter",
        "2010-10-14",
        "Gradsko vijeće",
    ),
    (
        "bs",
        "Općina Centar\n\nOpćinsko vijeće usvojilo je 20. 11. 2012. Evropsku povelju o "
        "ravnopravnosti žena i muškaraca u lokalnoj zajednici.",
        "sign_charter",
        "2012-11-20",
        "Općinsko vijeće",
    ),
    (
        "mk",
        "Општина Струмица\n\nСоветот на општината на 15 мај 2015 година ја усвои Европската "
        "повелба за еднаквост на жените и мажите во локалниот живот.",
        "sign_charter",
        "2015-05-15",
        "Советот на општината",
    ),
    (
        "bg",
        "Община Габрово\n\nОбщинският съвет прие на 27 март 2014 г. решение за присъединяване "
        "към Европейската харта за равенство между жените и мъжете в местния живот.",
        "sign_charter",
        "2014-03-27",
        "Общинският съвет",
    ),
    (
        "uk",
        "Житомирська міська рада 22 грудня 2016 року ухвалила рішення про приєднання до "
        "Європейської хартії рівності жінок і чоловіків у житті місцевих громад.",
        "sign_charter",
        "2016-12-22",
        "Міська рада",
    ),
    (
        "ka",
        "2017 წლის 10 მარტს ქალაქის საკრებულომ ხელი მოაწერა ადგილობრივ ცხოვრებაში ქალთა და "
        "მამაკაცთა თანასწორობის ევროპულ ქარტიას.",
        "sign_charter",
        "2017-03-10",
        "საკრებულომ",
    ),
    (
        "sq",
        "Këshilli Bashkiak i Bashkisë Tiranë miratoi më 8 mars 2016 nënshkrimin e Kartës "
        "Evropiane për Barazinë e Grave dhe Burrave në Jetën Lokale.",
        "sign_charter",
        "2016-03-08",
        "Këshilli Bashkiak",
    ),
    (
        "ca",
        "El Ple de l'Ajuntament de Girona va aprovar el 14 de març de 2011 l'adhesió a la "
        "Carta Europea per a la Igualtat de Dones i Homes a la Vida Local.",
        "sign_charter",
        "2011-03-14",
        "Ple de l'Ajuntament",
    ),
    (
        "gl",
        "O Pleno do Concello de Lugo aprobou o 3 de maio de 2017 a adhesión á Carta Europea "
        "para a Igualdade de Mulleres e Homes na Vida Local.",
        "sign_charter",
        "2017-05-03",
        "Pleno",
    ),
    (
        "eu",
        "Donostiako Udalak 2015eko martxoaren 12an Emakumeen eta Gizonen Berdintasunerako "
        "Europako Gutuna sinatu zuen.",
        "sign_charter",
        "2015-03-12",
        "",
    ),
    (
        "is",
        "Bæjarstjórn Hafnarfjarðar samþykkti 9. desember 2008 að undirrita Evrópusáttmála um "
        "jafnrétti kvenna og karla.",
        "sign_charter",
        "2008-12-09",
        "Bæjarstjórn",
    ),
    (
        "el",
        "Το Δημοτικό Συμβούλιο του Δήμου Τρικκαίων ενέκρινε στις 9 Δεκεμβρίου 2008 την "
        "υπογραφή του Ευρωπαϊκού Χάρτη για την Ισότητα των Γυναικών και των Ανδρών.",
        "sign_charter",
        "2008-12-09",
        "Δημοτικό Συμβούλιο",
    ),
    (
        "ga",
        "Shínigh Comhairle Contae Chorcaí an Chairt Eorpach um Chomhionannas idir Mná agus Fir "
        "sa Saol Áitiúil ar 5 Márta 2013.",
        "sign_charter",
        "2013-03-05",
        "",
    ),
    (
        "mt",
        "Il-Kunsill Lokali tal-Belt iffirma l-Karta Ewropea għall-Ugwaljanza bejn in-Nisa "
        "u l-Irġiel fil-Ħajja Lokali fl-10 ta' Mejju 2018.",
        "sign_charter",
        "2018-05-10",
        "",
    ),
    (
        "sk",
        "Mestské zastupiteľstvo schválilo 17. 6. 2014 pristúpenie k Európskej charte rovnosti "
        "žien a mužov na miestnej úrovni.",
        "sign_charter",
        "2014-06-17",
        "Mestské zastupiteľstvo",
    ),
    (
        "sl",
        "Občinski svet Občine Kranj je 3. marca 2012 sprejel sklep o pristopu k Evropski "
        "listini o enakosti žensk in moških na lokalni ravni.",
        "sign_charter",
        "2012-03-03",
        "Občinski svet",
    ),
    (
        "lt",
        "Savivaldybės taryba 2019 m. balandžio 25 d. nusprendė pasirašyti Europos moterų ir "
        "vyrų lygybės vietos gyvenime chartiją.",
        "sign_charter",
        "2019-04-25",
        "Savivaldybės taryba",
    ),
    (
        "ro",
        "Consiliul Local al Municipiului Cluj-Napoca a aprobat pe 12 mai 2017 aderarea la "
        "Carta europeană pentru egalitatea între femei și bărbați la nivel local.",
        "sign_charter",
        "2017-05-12",
        "Consiliul Local",
    ),
    (
        "hu",
        "A közgyűlés 2018. október 4-én elfogadta a nők és férfiak helyi szintű egyenlőségéről "
        "szóló Európai Charta aláírását.",
        "sign_charter",
        "2018-10-04",
        "Közgyűlés",
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "kind", "date", "body"),
    DECISIONS,
    ids=[f"{row[0]}-{index}" for index, row in enumerate(DECISIONS)],
)
def test_a_signing_in_each_language_is_found_with_its_date_and_body(
    language, text, kind, date, body
):
    analysis = analyse(text, language=language)
    assert analysis.cemr_related, "the Charter is not recognised"
    assert [d.decision_type for d in analysis.decisions] == [kind]
    decision = analysis.decisions[0]
    assert date in (decision.decision_date, decision.signing_date)
    if body:
        assert decision.deciding_body.lower() == body.lower()


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("el", "9 Δεκεμβρίου 2008", "2008-12-09"),
        ("it", "20 aprile 2021", "2021-04-20"),
        ("fi", "17.12.2008", "2008-12-17"),
        ("hr", "14. listopada 2010", "2010-10-14"),  # October in Croatian
        ("cs", "14. listopadu 2010", "2010-11-14"),  # November in Czech
        ("eu", "2015eko martxoaren 12an", "2015-03-12"),
        ("tr", "17 Aralık 2008", "2008-12-17"),
        ("ka", "2017 წლის 10 მარტს", "2017-03-10"),
        ("mt", "10 ta' Mejju 2018", "2018-05-10"),
        ("ca", "14 de març de 2011", "2011-03-14"),
        ("sq", "8 mars 2016", "2016-03-08"),
        ("lt", "2019 m. balandžio 25 d.", "2019-04-25"),
    ],
)
def test_dates_are_read_in_the_documents_language(language, text, expected):
    with scoped(text, language=language):
        assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("language", "text", "reference", "expected"),
    [
        ("el", "9 Δεκεμβρίου", "2009-01-20", "2008-12-09"),
        ("it", "il 20 aprile", "2021-06-01", "2021-04-20"),
        ("is", "á síðasta ári", "2021-05-01", "2020"),
        ("uk", "минулого року", "2021-05-01", "2020"),
        ("tr", "geçen yıl", "2021-05-01", "2020"),
        ("sq", "vitin e kaluar", "2021-05-01", "2020"),
        ("eu", "iaz", "2021-05-01", "2020"),
    ],
)
def test_relative_and_year_less_dates_resolve_against_the_document_date(
    language, text, reference, expected
):
    with scoped(text, language=language):
        assert parse_date(text, reference) == expected


def test_an_inflected_name_of_the_charter_is_found_through_its_lemma():
    # "Karcie" (locative of "Karta"): the stem "kart" is not in it.
    text = "Miasto działa zgodnie z zasadami zapisanymi w Europejskiej Karcie Równości."
    with scoped("", language="pl"):
        assert charter_spans(text)
    with scoped("", language="de"):
        assert charter_spans(text) == []  # no Polish lemmas in a German document


def test_the_lemma_view_maps_lemmas_back_to_the_words_as_written():
    view = lemma_view("Bærinn undirritaði Evrópusáttmála í gær.", "is")
    assert "evrópusáttmáli" in view.text
    start = view.text.index("evrópusáttmáli")
    assert view.source_span(start, start + len("evrópusáttmáli")) == (19, 33)
    assert lemma_view("Gutuna sinatu zuen.", "eu") is None  # no Basque dictionary
