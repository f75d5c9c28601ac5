"""Language detection with lingua, restricted to the Charter's languages."""

import json

from equalocal.docmine.text.language import detect_language, detect_languages


def _documents(folder):
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    return [
        ((folder / document["file"]).read_text("utf-8"), document["language"])
        for document in manifest["documents"]
    ]


def test_every_development_text_gets_its_language(extraction_dev_dir):
    documents = _documents(extraction_dev_dir)
    assert len(documents) >= 19
    for text, language in documents:
        assert detect_language(text) == language


def test_batch_detection_agrees_with_single(extraction_dev_dir):
    documents = _documents(extraction_dev_dir)
    texts = [text for text, _ in documents] + ["", "ok"]
    assert detect_languages(texts) == [language for _, language in documents] + [None, None]


def test_short_text_has_no_language():
    assert detect_language("") is None
    assert detect_language("§ 62 2024") is None


def test_norwegian_and_danish_and_finnish():
    assert detect_language(
        "Kommunestyret vedtok å signere erklæringen om likestilling mellom kvinner og menn."
    ) in {"nb", "nn"}
    assert (
        detect_language(
            "Kommunalbestyrelsen har besluttet at underskrive chartret om ligestilling mellem kvinder og mænd."
        )
        == "da"
    )
    assert (
        detect_language(
            "Kaupunginvaltuusto päätti allekirjoittaa naisten ja miesten tasa-arvon peruskirjan."
        )
        == "fi"
    )


SWEDISH_PAGE = (
    "Kommunstyrelsen har beslutat att kommunen ska underteckna deklarationen. Det är ett "
    "viktigt steg för att arbetet med jämställdhet ska bli en del av den ordinarie "
    "verksamheten, och det som beslutas i dag ska följas upp av nämnderna. Förvaltningen har "
    "tagit fram ett förslag till handlingsplan som ska antas inom två år. Det är inte första "
    "gången som frågan tas upp, men nu finns det ett tydligt uppdrag till alla förvaltningar "
    "om att det ska redovisas för kommunfullmäktige och att det som görs ska vara synligt."
)
GERMAN_PAGE = (
    "Der Gemeinderat hat beschlossen, die Europäische Charta für die Gleichstellung von Frauen "
    "und Männern auf lokaler Ebene zu unterzeichnen. Die Verwaltung wird beauftragt, einen "
    "Aktionsplan zu erarbeiten und dem Rat innerhalb von zwei Jahren vorzulegen."
)


def test_quick_language_counts_frequent_words():
    from equalocal.docmine.text.language import quick_language

    assert quick_language(SWEDISH_PAGE) == "sv"
    assert quick_language(GERMAN_PAGE) == "de"
    assert quick_language("§ 62 KS 2024/108") is None


def test_decisive_quick_language_needs_many_words_and_a_wide_margin():
    from equalocal.docmine.text.language import decisive_quick_language

    assert decisive_quick_language(SWEDISH_PAGE * 2) == "sv"
    # Too few frequent words to be sure: the detector decides.
    assert decisive_quick_language(GERMAN_PAGE) is None


def test_page_languages_follow_the_document_and_catch_a_page_in_another_language():
    from equalocal.docmine.text.language import detect_page_languages

    pages = [SWEDISH_PAGE, SWEDISH_PAGE, "", GERMAN_PAGE, SWEDISH_PAGE]
    assert detect_page_languages(pages) == ["sv", "sv", None, "de", "sv"]
    assert detect_page_languages(["", "12"]) == [None, None]


def test_page_languages_agree_with_the_detector_on_the_development_texts(extraction_dev_dir):
    from equalocal.docmine.text.language import detect_page_languages

    for text, language in _documents(extraction_dev_dir):
        assert detect_page_languages([text]) == [language]
