"""Server-rendered SVG charts: a line chart of values over time, and a sparkline.

No JavaScript and no chart library: the SVG is built as text, so it prints and goes into
PDFs as it is. Each gender has its own colour, dash pattern and marker shape, so the
lines can be told apart in greyscale print. Templates always show the same numbers in a
table next to the chart; the chart's ``<desc>`` says so.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import Gender

Number = int | float | Decimal
Series = list[tuple[str, list[tuple[str, Number | None]]]]

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 72  # room for the y labels, and the x labels and legend


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # stroke-dasharray; "" for a solid line
    marker: str  # circle, square or triangle


# Colours at least 4.5:1 on white; dash and marker differ too, for greyscale and colour blindness.
STYLES = {
    Gender.WOMEN: LineStyle(colour="#a3231b", dash="", marker="circle"),
    Gender.MEN: LineStyle(colour="#0b5f63", dash="8 4", marker="square"),
    Gender.TOTAL: LineStyle(colour="#3b2a7a", dash="2 3", marker="triangle"),
}
OTHER_STYLES = [
    LineStyle(colour="#1d2330", dash="12 3 3 3", marker="circle"),
    LineStyle(colour="#8a4b00", dash="4 2", marker="square"),
]


def _style_for(label: str, index: int) -> LineStyle:
    """The gender's style when ``label`` is a gender's value or (translated) label."""
    for gender in Gender:
        if label in (gender.value, str(gender.label)):
            return STYLES[gender]
    return OTHER_STYLES[index % len(OTHER_STYLES)]


def _number(value: Number) -> str:
    return number_format(Decimal(str(value)).normalize(), decimal_pos=None, force_grouping=True)


def _fmt(value: float) -> str:
    """Coordinates with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _nice_range(low: float, high: float, ticks: int = 5) -> tuple[float, float, float]:
    """A rounded axis range and step that contains ``low``…``high``."""
    if high == low:
        high = low + 1 if low == 0 else low + abs(low) * 0.1
    raw = (high - low) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return math.floor(low / step) * step, math.ceil(high / step) * step, step


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return (
            f'<rect x="{_fmt(x - 3.5)}" y="{_fmt(y - 3.5)}" width="7" height="7" fill="{colour}"/>'
        )
    if shape == "triangle":
        points = f"{_fmt(x)},{_fmt(y - 4.5)} {_fmt(x - 4.5)},{_fmt(y + 3.5)} {_fmt(x + 4.5)},{_fmt(y + 3.5)}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" fill="{colour}"/>'


def _chart_id(*parts) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:8]
    return f"chart-{digest}"


def line_chart(
    series: Series, *, title: str, unit: str = "", target: Number | None = None
) -> SafeString:
    """An accessible SVG line chart of ``series``: [(label, [(x label, value or None)])].

    All series share the x labels of the first one. A missing value (None) breaks the
    line. ``target`` draws a labelled horizontal line. The SVG has ``role="img"``, a
    ``<title>`` and a ``<desc>`` it is labelled by, axis labels and a legend.
    """
    chart_id = _chart_id(title, unit, target, series)
    x_labels = [x for x, _value in series[0][1]] if series else []
    values = [float(v) for _label, points in series for _x, v in points if v is not None]
    if target is not None:
        values.append(float(target))
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    low = min(low, 0.0)
    axis_low, axis_high, step = _nice_range(low, high)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_at(index: int) -> float:
        if len(x_labels) <= 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * index / (len(x_labels) - 1)

    def y_at(value: float) -> float:
        return TOP + plot_h * (axis_high - value) / (axis_high - axis_low)

    names = ", ".join(label for label, _points in series)
    first, last = (x_labels[0], x_labels[-1]) if x_labels else ("", "")
    desc = _(
        "Line chart of %(names)s from %(first)s to %(last)s, in %(unit)s. "
        "The same figures are in the table next to the chart."
    ) % {"names": names, "first": first, "last": last, "unit": unit or _("units")}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        '<g class="grid" aria-hidden="true">',
    ]
    tick_count = round((axis_high - axis_low) / step)
    for n in range(tick_count + 1):
        tick = axis_low + n * step
        y = y_at(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y)}" y2="{_fmt(y)}" '
            f'stroke="#d5d9e1" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{_fmt(y + 4)}" text-anchor="end" fill="#1d2330">'
            f"{escape(_number(round(tick, 6)))}</text>"
        )
    parts.append(
        f'<text class="y-label" transform="rotate(-90)" x="{_fmt(-(TOP + plot_h / 2))}" y="14" '
        f'text-anchor="middle" fill="#1d2330">{escape(unit)}</text>'
    )
    for index, x_label in enumerate(x_labels):
        parts.append(
            f'<text class="x-label" x="{_fmt(x_at(index))}" y="{TOP + plot_h + 18}" '
            f'text-anchor="middle" fill="#1d2330">{escape(x_label)}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y_at(axis_low))}" '
        f'y2="{_fmt(y_at(axis_low))}" stroke="#1d2330" stroke-width="1"/>'
    )
    parts.append("</g>")
    if target is not None:
        y = y_at(float(target))
        # Outside the f-string, where makemessages finds it.
        target_label = _("Target %(value)s") % {"value": _number(target)}
        parts.append(
            f'<g class="target"><line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y)}" '
            f'y2="{_fmt(y)}" stroke="#8a4b00" stroke-width="2" stroke-dasharray="1 4" '
            f'stroke-linecap="round"/>'
            f'<text x="{WIDTH - RIGHT}" y="{_fmt(y - 5)}" text-anchor="end" fill="#8a4b00">'
            f"{escape(target_label)}</text></g>"
        )
    legend_y = HEIGHT - 20
    legend_x = LEFT
    for index, (label, points) in enumerate(series):
        style = _style_for(label, index)
        parts.append(f'<g class="series" data-series="{escape(label)}">')
        segment: list[str] = []
        segments = []
        for point_index, (_x, value) in enumerate(points):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{_fmt(x_at(point_index))},{_fmt(y_at(float(value)))}")
        if segment:
            segments.append(segment)
        for points_text in segments:
            if len(points_text) < 2:
                continue  # a lone value is shown by its marker
            parts.append(
                f'<polyline points="{" ".join(points_text)}" fill="none" '
                f'stroke="{style.colour}" stroke-width="2.5"'
                + (f' stroke-dasharray="{style.dash}"' if style.dash else "")
                + "/>"
            )
        for point_index, (_x, value) in enumerate(points):
            if value is not None:
                parts.append(
                    _marker(
                        style.marker,
                        x_at(point_index),
                        y_at(float(value)),
                        style.colour,
                    )
                )
        parts.append("</g>")
        # The legend: a short line in the series' style, its marker and its label.
        parts.append(
            f'<g class="legend-item"><line x1="{legend_x}" x2="{legend_x + 28}" '
            f'y1="{legend_y}" y2="{legend_y}" stroke="{style.colour}" stroke-width="2.5"'
            + (f' stroke-dasharray="{style.dash}"' if style.dash else "")
            + "/>"
            + _marker(style.marker, legend_x + 14, legend_y, style.colour)
            + f'<text x="{legend_x + 34}" y="{legend_y + 4}" fill="#1d2330">{escape(label)}</text></g>'
        )
        legend_x += 44 + 7 * len(label)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text and attribute is escaped above


def sparkline(values: list[Number | None], *, label: str = "") -> SafeString:
    """A small trend line of ``values`` (oldest first); missing values are skipped.

    With ``label`` the SVG is an image with that accessible name; without, it is
    decorative (``aria-hidden``) and the page must say the trend in text.
    """
    width, height, pad = 80, 20, 2
    present = [(index, float(value)) for index, value in enumerate(values) if value is not None]
    if label:
        head = f'role="img" aria-label="{escape(label)}"'
        title = f"<title>{escape(label)}</title>"
    else:
        head, title = 'aria-hidden="true" focusable="false"', ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" {head} '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">{title}'
    ]
    if present:
        low = min(value for _index, value in present)
        high = max(value for _index, value in present)
        span = (high - low) or 1.0
        count = max(len(values) - 1, 1)

        def point(index: int, value: float) -> tuple[float, float]:
            x = pad + (width - 2 * pad) * index / count
            y = height - pad - (height - 2 * pad) * (value - low) / span
            if high == low:
                y = height / 2
            return x, y

        coords = [point(index, value) for index, value in present]
        if len(coords) > 1:
            text = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
            parts.append(
                f'<polyline points="{text}" fill="none" stroke="#3b2a7a" stroke-width="1.5"/>'
            )
        x, y = coords[-1]
        parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="2" fill="#3b2a7a"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - the label is escaped above
