"""The Charter reference data loaded by the data migration, and the load_charter command."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from equalocal.charters import selectors
from equalocal.charters.models import Article, CharterText, Principle, Section

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (CharterText, Principle, Section, Article)
    }


def test_both_charter_texts_are_loaded_and_2022_is_current():
    assert list(CharterText.objects.values_list("code", flat=True)) == ["2006", "2022"]
    assert selectors.current_charter().code == "2022"


def test_2006_text_has_6_principles_and_30_articles():
    charter = CharterText.objects.get(code="2006")
    assert charter.principles.count() == 6
    assert list(charter.articles.values_list("number", flat=True)) == list(range(1, 31))


def test_2022_text_has_6_principles_and_39_articles():
    charter = CharterText.objects.get(code="2022")
    assert charter.principles.count() == 6
    assert list(charter.articles.values_list("number", flat=True)) == list(range(1, 40))


def test_articles_31_to_39_have_unverified_numbers_and_titles():
    new = Article.objects.filter(charter__code="2022", number__gte=31)
    assert new.count() == 9
    assert not new.filter(number_verified=True).exists()
    assert not new.filter(title_en_verified=True).exists()
    assert all(not article.is_verified for article in new)


def test_articles_1_to_30_have_verified_numbers_in_both_texts():
    old = Article.objects.filter(number__lte=30)
    assert old.count() == 60
    assert not old.filter(number_verified=False).exists()


def test_swedish_titles_of_articles_22_to_30_are_unverified():
    for code in ["2006", "2022"]:
        articles = Article.objects.filter(charter__code=code)
        unverified = set(
            articles.filter(title_sv_verified=False, number__lte=30).values_list(
                "number", flat=True
            )
        )
        assert unverified == set(range(22, 31))


def test_2022_principles_2_and_3_are_reworded_and_unverified():
    principle = Principle.objects.get(charter__code="2022", number=2)
    assert "intersecting" in principle.title_en
    assert not principle.title_en_verified
    assert Principle.objects.get(charter__code="2006", number=2).title_en_verified


def test_article_title_follows_the_active_language_with_its_verified_flag():
    article = Article.objects.get(charter__code="2022", number=22)
    with translation.override("en"):
        assert article.title == "Gender-based violence"
        assert article.title_verified is True
    with translation.override("sv"):
        assert article.title == "Könsrelaterat våld"
        assert article.title_verified is False


def test_swedish_falls_back_to_english_when_there_is_no_swedish_title():
    article = Article.objects.get(charter__code="2022", number=1)
    article.title_sv = ""
    with translation.override("sv"):
        assert article.title == article.title_en
        assert article.title_verified == article.title_en_verified


def test_charter_sections_prefetch_articles_in_two_queries(django_assert_num_queries):
    charter = CharterText.objects.get(code="2022")
    with django_assert_num_queries(2):
        sections = selectors.charter_sections(charter)
        numbers = [article.number for section in sections for article in section.articles.all()]
    assert sorted(numbers) == list(range(1, 40))
    assert sections[-1].title_en == "New articles of the 2022 text"


def test_load_charter_command_is_idempotent():
    before = _counts()  # the data migration has loaded the reference data once already
    out = StringIO()
    call_command("load_charter", stdout=out)
    assert _counts() == before
    assert "Charter: 2 texts, 12 principles, 19 sections, 69 articles." in out.getvalue()


def test_load_charter_command_restores_edited_reference_data():
    article = Article.objects.get(charter__code="2006", number=1)
    article.title_en = "Tampered"
    article.save()
    call_command("load_charter", stdout=StringIO())
    article.refresh_from_db()
    assert article.title_en == "Democratic accountability"
