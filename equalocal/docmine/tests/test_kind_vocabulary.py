"""The document-kind words of the languages beyond Swedish, English and German: minutes,
proposals to the council and news pages named in their own language, and the openers of
a body's proposal to another body ("Het college stelt de raad voor te besluiten:")."""

from __future__ import annotations

import pytest

from equalocal.docmine.extraction import analyse
from equalocal.docmine.extraction.decisions.sentences import opens_a_proposal
from equalocal.docmine.types import DecisionStatus, DecisionType


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        (
            "nl",
            "Notulen van de openbare vergadering van de gemeenteraad van Zwolle, 12 maart 2025\n\n"
            "Aanwezig: 37 raadsleden.\n\n"
            "De voorzitter opent de vergadering om 19.30 uur en heet iedereen welkom. De raad "
            "bespreekt het jaarprogramma van de bibliotheek.\n",
            "decision",
        ),
        (
            "da",
            "Byrådet - Åbent referat\n\n"
            "Mødet blev holdt på rådhuset. Borgmesteren bød velkommen, og byrådet drøftede "
            "budgettet for kulturområdet.\n",
            "decision",
        ),
        (
            "hu",
            "ELŐTERJESZTÉS\n"
            "a Képviselő-testület 2025. március 27-i ülésére\n\n"
            "Tárgy: a városi könyvtár nyitvatartása\n\n"
            "Tisztelt Képviselő-testület! A könyvtár nyitvatartását a nyári hónapokra módosítani "
            "kell, mert az olvasók száma ilyenkor kisebb.\n",
            "decision",
        ),
        (
            "et",
            "Tartu Linnavolikogu otsuse eelnõu\n\n"
            "Seletuskiri\n"
            "Linnaraamatukogu lahtiolekuajad muutuvad suvekuudel, sest lugejaid on siis vähem.\n",
            "decision",
        ),
        (
            "lv",
            "Rīcības plāna izpildes izvērtējums 2024\n\n"
            "Dokumentā sniegts ieskats, kā pašvaldība īstenojusi plānotos pasākumus. Lielākā daļa "
            "pasākumu ir īstenota, divi pārcelti uz nākamo gadu.\n",
            "report",
        ),
        (
            "it",
            "Comune di Prato\n"
            "Piano triennale di Azioni Positive 2025-2027\n\n"
            "Il piano individua gli obiettivi del Comune per le pari opportunità fra donne e "
            "uomini e il relativo cronoprogramma degli interventi.\n",
            "action_plan",
        ),
        (
            "sl",
            "Domača stran\n"
            "Spletno mesto uporablja piškotke za boljšo uporabniško izkušnjo.\n\n"
            "Knjižnica podaljšuje poletni urnik\n"
            "Občinska knjižnica bo julija in avgusta odprta tudi ob sobotah. Zapisnik seje "
            "sveta knjižnice je na voljo v tajništvu.\n",
            "web_page",
        ),
        (
            "cs",
            "Akční plán rovnosti žen a mužů na léta 2025-2027\n\n"
            "Plán stanoví cíle města a harmonogram opatření, která zavedou jednotlivé odbory "
            "magistrátu.\n",
            "action_plan",
        ),
    ],
)
def test_a_documents_kind_from_words_of_its_own_language(language, text, kind):
    assert analyse(text, language=language).kind == kind


# Each opener of a body's proposal to another body, the decision it opens proposed.
PROPOSALS = [
    (
        "nl",
        "Het college stelt de raad voor te besluiten:\n"
        "1. het Europees Handvest voor gelijkheid van vrouwen en mannen op lokaal niveau te "
        "ondertekenen.\n",
    ),
    (
        "da",
        "Borgmesterforvaltningen indstiller, at byrådet\n"
        "1. tilslutter sig Det Europæiske Charter for Ligestilling mellem kvinder og mænd på "
        "lokalt niveau.\n",
    ),
    (
        "cs",
        "Rada města doporučuje zastupitelstvu města\n"
        "1. schválit přistoupení města k Evropské chartě rovnosti žen a mužů v místním "
        "životě.\n",
    ),
    (
        "sk",
        "Mestská rada odporúča mestskému zastupiteľstvu\n"
        "1. schváliť pristúpenie mesta k Európskej charte rovnosti žien a mužov na miestnej "
        "úrovni.\n",
    ),
    (
        "hu",
        "A Bizottság javasolja a Közgyűlésnek az alábbi határozat elfogadását:\n"
        "1. A Közgyűlés csatlakozik a Nők és Férfiak Helyi Szintű Egyenlőségéről szóló "
        "Európai Chartához.\n",
    ),
    (
        "ro",
        "Primarul propune Consiliului Local adoptarea următoarei hotărâri:\n"
        "1. Se aprobă aderarea municipiului la Carta europeană pentru egalitatea de gen în "
        "viața locală.\n",
    ),
    (
        "hr",
        "Gradonačelnik predlaže Gradskom vijeću donošenje sljedećeg zaključka:\n"
        "1. Grad Rijeka pristupa Europskoj povelji o ravnopravnosti žena i muškaraca u "
        "lokalnom životu.\n",
    ),
    (
        "sl",
        "Župan predlaga občinskemu svetu, da sprejme naslednji sklep:\n"
        "1. Občina Kranj pristopa k Evropski listini o enakosti žensk in moških na lokalni "
        "ravni.\n",
    ),
    (
        "sr",
        "Gradsko veće predlaže Skupštini grada da donese sledeću odluku:\n"
        "1. Grad Novi Sad pristupa Evropskoj povelji o rodnoj ravnopravnosti na lokalnom "
        "nivou.\n",
    ),
    (
        "sr",
        "Градско веће предлаже Скупштини града да донесе следећу одлуку:\n"
        "1. Град Ниш приступа Европској повељи о родној равноправности на локалном нивоу.\n",
    ),
    (
        "bs",
        "Općinski načelnik predlaže Općinskom vijeću da donese sljedeći zaključak:\n"
        "1. Općina Tuzla pristupa Evropskoj povelji o ravnopravnosti žena i muškaraca u "
        "lokalnom životu.\n",
    ),
    (
        "lv",
        "Komiteja ierosina domei pieņemt šādu lēmumu:\n"
        "1. Pievienoties Eiropas hartai par sieviešu un vīriešu līdztiesību vietējā dzīvē.\n",
    ),
    (
        "et",
        "Linnavalitsus teeb linnavolikogule ettepaneku võtta vastu järgmine otsus:\n"
        "1. Tartu linn ühineb Euroopa hartaga naiste ja meeste võrdõiguslikkuse kohta "
        "kohalikul tasandil.\n",
    ),
    (
        "lt",
        "Komitetas siūlo Savivaldybės tarybai priimti šį sprendimą:\n"
        "1. Prisijungti prie Europos moterų ir vyrų lygybės vietos gyvenime chartijos.\n",
    ),
    (
        "bg",
        "Предлагам на Общинския съвет да вземе следното решение:\n"
        "1. Одобрява присъединяването на Община Габрово към Европейската харта за равенство "
        "между жените и мъжете в местния живот.\n",
    ),
    (
        "fr",
        "Il est proposé au Conseil municipal de bien vouloir :\n"
        "- approuver l'adhésion de la Ville à la Charte européenne pour l'égalité des femmes "
        "et des hommes dans la vie locale.\n",
    ),
    (
        "es",
        "La concejala delegada propone al Pleno la adopción del siguiente acuerdo:\n"
        "PRIMERO.- Aprobar la adhesión del Ayuntamiento a la Carta Europea para la Igualdad "
        "de Mujeres y Hombres en la Vida Local.\n",
    ),
    (
        "pt",
        "Propõe-se que a Câmara Municipal delibere:\n"
        "1. Aprovar a adesão do Município à Carta Europeia para a Igualdade das Mulheres e "
        "dos Homens na Vida Local.\n",
    ),
    (
        "it",
        "La Giunta comunale propone al Consiglio comunale di deliberare:\n"
        "1. di aderire alla Carta europea per l'uguaglianza e la parità delle donne e degli "
        "uomini nella vita locale.\n",
    ),
    (
        "ca",
        "La regidora proposa al Ple l'adopció dels acords següents:\n"
        "Primer.- Aprovar l'adhesió de l'Ajuntament a la Carta Europea per a la Igualtat de "
        "Dones i Homes en la Vida Local.\n",
    ),
    (
        "gl",
        "A Alcaldía propón ao Pleno a adopción do seguinte acordo:\n"
        "Primeiro.- Aprobar a adhesión do Concello á Carta Europea para a Igualdade de "
        "Mulleres e Homes na Vida Local.\n",
    ),
]


@pytest.mark.parametrize(("language", "text"), PROPOSALS)
def test_a_proposal_opener_makes_the_decision_under_it_proposed(language, text):
    assert opens_a_proposal(text.split("\n", 1)[0])
    decisions = analyse(text, language=language).decisions
    signings = [d for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER]
    assert signings, decisions
    assert all(d.status == DecisionStatus.PROPOSED for d in signings), decisions


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # A sentence that names the council and ends with a full stop opens no formula.
        (
            "hu",
            "A Bizottság javasolja a Közgyűlésnek az előterjesztés elfogadását.\n"
            "A Közgyűlés 2025. március 27-én csatlakozott a Nők és Férfiak Helyi Szintű "
            "Egyenlőségéről szóló Európai Chartához.\n",
        ),
        (
            "es",
            "La concejala propone al Pleno que estudie la cuestión en otoño.\n"
            "El Pleno aprobó el 12 de marzo de 2025 la adhesión a la Carta Europea para la "
            "Igualdad de Mujeres y Hombres en la Vida Local.\n",
        ),
    ],
)
def test_a_finished_sentence_to_the_council_opens_no_proposal(language, text):
    decisions = analyse(text, language=language).decisions
    assert [d.status for d in decisions if d.decision_type == DecisionType.SIGN_CHARTER] == [
        DecisionStatus.ADOPTED
    ], decisions


# Another text a council signs, named in its language ("Verdrag van Istanbul", "Convenio
# de Estambul"), is no signing of the Charter named in the sentence before.
@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "nl",
            "De gemeente Haarlem ondertekende in maart 2025 het Europees Handvest voor "
            "gelijkheid van vrouwen en mannen op lokaal niveau. In 2019 ondertekende de gemeente "
            "het Verdrag van Istanbul.",
        ),
        (
            "es",
            "El Ayuntamiento de Getafe firmó en marzo de 2025 la Carta Europea para la Igualdad "
            "de Mujeres y Hombres en la Vida Local. En 2019 el Ayuntamiento firmó el Convenio de "
            "Estambul.",
        ),
        (
            "hu",
            "Szeged városa 2025 márciusában aláírta a Nők és Férfiak Helyi Szintű "
            "Egyenlőségéről szóló Európai Chartát. 2019-ben a város aláírta az Isztambuli "
            "Egyezményt.",
        ),
        (
            "pl",
            "Miasto Gdańsk podpisało w marcu 2025 Europejską Kartę Równości Kobiet i Mężczyzn w "
            "Życiu Lokalnym. W 2019 roku miasto podpisało Konwencję Stambulską.",
        ),
        (
            "cs",
            "Město Brno podepsalo v březnu 2025 Evropskou chartu rovnosti žen a mužů v místním "
            "životě. V roce 2019 město podepsalo Istanbulskou úmluvu.",
        ),
        (
            "da",
            "Aarhus Kommune underskrev i marts 2025 Det Europæiske Charter for Ligestilling "
            "mellem kvinder og mænd på lokalt niveau. I 2019 underskrev kommunen "
            "Istanbul-konventionen.",
        ),
        (
            "fr",
            "La ville de Lyon a signé en mars 2025 la Charte européenne pour l'égalité des "
            "femmes et des hommes dans la vie locale. En 2019, la ville a signé la Convention "
            "d'Istanbul.",
        ),
    ],
)
def test_another_text_signed_is_no_signing_of_the_charter(language, text):
    decisions = analyse(text, language=language).decisions
    assert [d.decision_type for d in decisions] == [DecisionType.SIGN_CHARTER], decisions
    assert "2019" not in decisions[0].evidence
