"""The language files: the same keys in each, patterns that compile, one file per language."""

from __future__ import annotations

import re
import shutil
import tomllib

import pytest

from equalocal.docmine.extraction import analyse, lexicon

FILES = sorted(lexicon.LANGUAGES_DIR.glob("*.toml"))
LANGUAGE_FILES = [path for path in FILES if path.stem != lexicon.COMMON]


def _read(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def test_every_language_file_has_the_same_keys():
    keys = {path.stem: lexicon.key_paths(_read(path)) for path in LANGUAGE_FILES}
    reference = keys["en"]
    assert {"charter.names", "verbs.sign_past", "bodies.deciding", "dates.months"} <= reference
    assert {"references.case_number_labels", "tables.headings.activity"} <= reference
    for code, paths in keys.items():
        assert paths == reference, f"{code}.toml: {sorted(paths ^ reference)}"


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=lambda path: path.name)
def test_every_pattern_of_a_language_file_compiles(path):
    data = _read(path)
    assert data["language"]["code"] == path.stem
    patterns = lexicon.patterns_of(data)
    assert [(key, p) for key, p in patterns if not _compiles(p)] == []
    if path.stem in {"sv", "en", "de"}:
        assert len(patterns) > 100


def test_common_patterns_compile_and_name_every_kind_cue():
    common = _read(lexicon.LANGUAGES_DIR / "common.toml")
    assert [(key, p) for key, p in lexicon.patterns_of(common) if not _compiles(p)] == []
    assert _compiles(common["references"]["case_number"])
    assert _compiles(common["references"]["paragraph"])
    english = _read(lexicon.LANGUAGES_DIR / "en.toml")
    for kind, weights in common["kind_weights"].items():
        assert set(english["kinds"][kind]) == set(weights)


def test_languages_merge_in_the_common_order_then_by_code():
    order = list(lexicon.load().languages)
    assert order[:3] == ["sv", "en", "de"]
    # Languages not in common.toml's order come after the listed ones, by code.
    listed = lexicon.common("languages.order")
    rest = order[len(listed) :]
    assert rest == sorted(rest) and "is" in rest and "uk" in rest
    assert lexicon.language_countries()["nn"] == "NO"


def test_a_new_language_is_one_file(tmp_path):
    for path in FILES:
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "is.toml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^sign_past = \[[^\]]*\]", "sign_past = ['signerade\\\\w*']", text)
    text = text.replace('code = "is"', 'code = "xx"')
    (tmp_path / "xx.toml").write_text(text, encoding="utf-8")
    loaded = lexicon.load(tmp_path)
    assert list(loaded.languages)[-1] == "xx"
    assert ("signerade\\w*", "xx") in loaded.tagged("verbs.sign_past")


def test_a_language_file_with_a_missing_key_is_refused(tmp_path):
    for path in FILES:
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "sv.toml").read_text(encoding="utf-8")
    (tmp_path / "sv.toml").write_text(text.replace("reject = [", "rejected = ["), encoding="utf-8")
    with pytest.raises(lexicon.LexiconError, match=r"sv\.toml lacks \['verbs\.reject'\]"):
        lexicon.load(tmp_path)


def test_a_pattern_that_does_not_compile_is_refused(tmp_path):
    for path in FILES:
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "de.toml").read_text(encoding="utf-8")
    (tmp_path / "de.toml").write_text(
        text.replace("support_past = []", "support_past = ['unterstützt(']"), encoding="utf-8"
    )
    with pytest.raises(lexicon.LexiconError, match=r"de\.toml: verbs\.support_past"):
        lexicon.load(tmp_path)


def test_words_of_several_languages_are_found_in_one_text():
    analysis = analyse(
        "Der Stadtrat hat am 12. März 2019 beschlossen, die Europäische Charta für die "
        "Gleichstellung von Frauen und Männern auf lokaler Ebene zu unterzeichnen.",
        language="de",
    )
    decision = analysis.decisions[0]
    assert (decision.decision_type, decision.decision_date) == ("sign_charter", "2019-03-12")
    assert decision.deciding_body == "Stadtrat"
