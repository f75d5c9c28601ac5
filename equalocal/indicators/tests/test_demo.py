"""The demo scorecard of Umeåregionen: demo figures for six municipalities, loaded idempotently."""

import pytest

from equalocal.core.demo import load_demo
from equalocal.indicators.demo import MUNICIPALITIES, SCORECARD_TITLE
from equalocal.indicators.derived import traffic_light
from equalocal.indicators.models import Indicator, Measurement, Scorecard, ScorecardItem, Target

pytestmark = pytest.mark.django_db

MODELS = [Indicator, Measurement, Target, Scorecard, ScorecardItem]


@pytest.fixture
def demo():
    return load_demo()


def _counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update(
        {f"history of {m.__name__}": m.history.count() for m in (Indicator, Target, Scorecard)}
    )
    counts["values"] = sorted(Measurement.objects.values_list("value", flat=True))
    return counts


def test_demo_runs_twice_without_changing_anything(demo):
    before = _counts()
    load_demo()
    assert _counts() == before


def test_umearegionen_scorecard_compares_the_six_municipalities(demo):
    scorecard = demo.objects["scorecards"]["umearegionen"]
    assert (scorecard.title, scorecard.owner.slug, scorecard.compare_members) == (
        SCORECARD_TITLE,
        "umearegionen",
        True,
    )
    indicators = [item.indicator for item in scorecard.items.order_by("order")]
    assert [i.code for i in indicators] == [f"UR-JAM-{n}" for n in range(1, 7)]
    for indicator in indicators:
        assert indicator.by_gender and indicator.owner.slug == "umearegionen"
        assert indicator.source == "manual"
        assert indicator.description_en.startswith("Demo figures, not real statistics.")
        assert "(demo)" in indicator.title_en


def test_demo_figures_cover_2018_to_2025_by_gender_with_targets(demo):
    indicators = list(demo.objects["indicators"].values())
    figures = Measurement.objects.filter(indicator__in=indicators)
    assert figures.count() == 6 * 6 * 8 * 3
    assert set(figures.values_list("organisation__slug", flat=True)) == set(MUNICIPALITIES)
    assert set(figures.values_list("year", flat=True)) == set(range(2018, 2026))
    assert set(figures.values_list("gender", flat=True)) == {"total", "women", "men"}
    assert Target.objects.filter(indicator__in=indicators).count() == 36

    umea = demo.objects["organisations"]["umea"]
    lights = set()
    for indicator in indicators:
        latest = dict(
            figures.filter(indicator=indicator, organisation=umea, year=2025).values_list(
                "gender", "value"
            )
        )
        target = Target.objects.get(indicator=indicator, organisation=umea)
        lights.add(traffic_light(indicator=indicator, target=target, latest=latest))
    assert None not in lights
    assert len(lights) >= 2
