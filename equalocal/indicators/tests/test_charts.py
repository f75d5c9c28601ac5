"""The SVG charts: well-formed, labelled for screen readers, readable in greyscale."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from django.utils import translation

from equalocal.indicators.charts import line_chart, sparkline

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def three_series():
    years = ["2021", "2022", "2023"]
    return [
        ("Women", list(zip(years, [Decimal("40"), Decimal("45.5"), None], strict=True))),
        ("Men", list(zip(years, [60, 55, 52], strict=True))),
        ("Total", list(zip(years, [100, 100.5, 101], strict=True))),
    ]


def test_line_chart_is_an_image_labelled_by_its_title_and_description():
    root = parse(line_chart(three_series(), title="Share <of> staff", unit="%"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Share <of> staff"
    assert "table" in desc.text
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_line_chart_has_axis_labels_and_a_legend_entry_per_series():
    root = parse(line_chart(three_series(), title="Staff", unit="%"))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert {"2021", "2022", "2023", "%", "Women", "Men", "Total"} <= set(texts)
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "legend-item"]) == 3


def test_each_gender_has_its_own_colour_dash_and_marker():
    root = parse(line_chart(three_series(), title="Staff", unit="%"))
    styles = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "series":
            line = group.find(f"{SVG}polyline")
            marker = next(child.tag for child in group if child.tag != f"{SVG}polyline")
            styles[group.get("data-series")] = (
                line.get("stroke"),
                line.get("stroke-dasharray"),
                marker,
            )
    assert len(styles) == 3
    assert len({style[0] for style in styles.values()}) == 3
    assert len({style[1] for style in styles.values()}) == 3
    assert len({style[2] for style in styles.values()}) == 3


def test_translated_gender_labels_keep_their_styles():
    with translation.override("sv"):
        root = parse(
            line_chart([("Kvinnor", [("2023", 1)]), ("Män", [("2023", 2)])], title="t", unit="")
        )
    colours = [
        group.find(f"{SVG}circle") is not None
        for group in root.iter(f"{SVG}g")
        if group.get("class") == "series"
    ]
    assert colours == [True, False]  # women: circles; men: squares


def test_a_missing_value_breaks_the_line_and_gets_no_marker():
    series = [("Women", [("2021", 1), ("2022", None), ("2023", 3), ("2024", 4)])]
    root = parse(line_chart(series, title="t", unit="x"))
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "series")
    assert len(group.findall(f"{SVG}polyline")) == 1  # 2023–2024; 2021 alone is a marker
    assert len(group.findall(f"{SVG}circle")) == 3


def test_target_is_drawn_as_a_labelled_line():
    root = parse(line_chart(three_series(), title="t", unit="%", target=Decimal("50")))
    target = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "target")
    assert target.find(f"{SVG}line") is not None
    assert "50" in target.find(f"{SVG}text").text


def test_empty_and_flat_series_still_render():
    parse(line_chart([], title="t", unit=""))
    parse(line_chart([("Total", [("2024", 0), ("2025", 0)])], title="t", unit=""))
    parse(line_chart([("Total", [("2024", None)])], title="t", unit=""))


def test_sparkline_with_label_is_a_named_image():
    root = parse(sparkline([1, None, 3, Decimal("2.5")], label="Trend <up>"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Trend <up>"
    assert root.find(f"{SVG}title").text == "Trend <up>"
    assert root.find(f"{SVG}polyline") is not None


def test_sparkline_without_label_is_hidden_from_screen_readers():
    root = parse(sparkline([None, None]))
    assert root.get("aria-hidden") == "true"
    assert root.find(f"{SVG}polyline") is None
    parse(sparkline([5, 5, 5]))
