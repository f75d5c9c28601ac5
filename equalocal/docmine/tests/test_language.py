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
