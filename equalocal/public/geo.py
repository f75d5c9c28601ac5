"""The public map's projection and its boundary data.

Boundaries are Natural Earth's 1:110m countries from the npm package ``world-atlas``,
converted once by ``scripts/make_europe_map.py`` into ``data/europe.json``: SVG paths already
projected with :func:`project`. Organisations are placed on the same projection, so nothing is
fetched or computed from boundary data at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MAP_FILE = Path(__file__).parent / "data" / "europe.json"

# Lambert azimuthal equal-area centred on Europe (as ETRS89-LAEA, EPSG:3035, on a sphere),
# scaled to an SVG view box of WIDTH × HEIGHT covering about 25° W–45° E, 34°–72° N.
CENTRE_LON, CENTRE_LAT = 10.0, 52.0
WIDTH, HEIGHT = 1000, 900
SCALE = 1250.0
OFFSET_X, OFFSET_Y = 470.0, 500.0


def project(lon: float, lat: float) -> tuple[float, float]:
    """SVG coordinates (x right, y down) of a point given in degrees."""
    lam = math.radians(lon - CENTRE_LON)
    phi = math.radians(lat)
    phi0 = math.radians(CENTRE_LAT)
    denominator = (
        1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    )
    k = math.sqrt(2 / denominator) if denominator > 1e-9 else 0.0
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return OFFSET_X + SCALE * x, OFFSET_Y - SCALE * y


def inside(x: float, y: float) -> bool:
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    path: str


@cache
def europe() -> tuple[Country, ...]:
    """The countries drawn on the map, read once per process from the vendored file."""
    data = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    return tuple(Country(code=c["code"], name=c["name"], path=c["d"]) for c in data["countries"])
