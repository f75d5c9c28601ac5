"""A horizontal bar chart as accessible SVG, for counts in reports (no JavaScript, vector in
the PDF). The report shows the same counts in a table next to it."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 22
GAP = 8
COLOUR = "#3b2a7a"  # 10:1 on white


def bar_chart(bars: list[list], *, title: str) -> SafeString:
    """Bars of ``[[label, count], …]`` with their labels and counts written out."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP) + GAP
    top = max((count for _label, count in bars), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60
    desc = _("Bar chart. The same counts are in the table next to the chart.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for index, (label, count) in enumerate(bars):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = max(1.0, room * count / top) if count else 0
        text = escape(str(label))
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 16}" text-anchor="end" fill="#1d2330">{text}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{COLOUR}"/>'
            f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 16}" fill="#1d2330">{int(count)}</text>'
        )
    parts.append("</svg>")
    # Every value above was escaped.
    return mark_safe("".join(parts))  # noqa: S308
