"""Convert Natural Earth boundaries from the npm package world-atlas into the public map.

Run once, and again only to change the map's projection or extent:

    npm pack world-atlas@2.0.2        # world-atlas-2.0.2.tgz, sha256 032e7765…c05b97
    tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/make_europe_map.py package/countries-110m.json

It decodes the TopoJSON arcs, projects every ring with ``equalocal.public.geo.project``,
drops rings that fall outside the view box, rounds to whole SVG units and writes
``equalocal/public/data/europe.json`` (Natural Earth is in the public domain; world-atlas
is ISC-licensed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


from equalocal.public.geo import HEIGHT, MAP_FILE, WIDTH, project

# ISO 3166-1 numeric → alpha-2 for the countries that can appear in the view box.
NUMERIC = {
    "008": "AL", "020": "AD", "040": "AT", "056": "BE", "070": "BA", "100": "BG", "112": "BY",
    "191": "HR", "196": "CY", "203": "CZ", "208": "DK", "233": "EE", "246": "FI", "250": "FR",
    "268": "GE", "276": "DE", "300": "GR", "348": "HU", "352": "IS", "372": "IE", "380": "IT",
    "428": "LV", "438": "LI", "440": "LT", "442": "LU", "470": "MT", "492": "MC", "498": "MD",
    "499": "ME", "528": "NL", "807": "MK", "578": "NO", "616": "PL", "620": "PT", "642": "RO",
    "643": "RU", "674": "SM", "688": "RS", "703": "SK", "705": "SI", "724": "ES", "752": "SE",
    "756": "CH", "792": "TR", "804": "UA", "826": "GB", "051": "AM", "031": "AZ", "012": "DZ",
    "504": "MA", "788": "TN", "434": "LY", "818": "EG", "760": "SY", "422": "LB", "376": "IL",
    "368": "IQ", "364": "IR", "400": "JO", "398": "KZ", "304": "GL", "234": "FO", "275": "PS",
}  # fmt: skip
# Natural Earth gives Kosovo and Northern Cyprus no numeric code; they are named instead.
BY_NAME = {"Kosovo": "XK", "N. Cyprus": "CY"}


def decode_arcs(topology) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def ring_path(points) -> str | None:
    projected = [project(lon, lat) for lon, lat in points]
    xs = [x for x, _ in projected]
    ys = [y for _, y in projected]
    if max(xs) < 0 or min(xs) > WIDTH or max(ys) < 0 or min(ys) > HEIGHT:
        return None
    # Keep the ring only near the view box: far-off points become its edge's neighbours.
    clamped = [
        (round(min(max(x, -50), WIDTH + 50)), round(min(max(y, -50), HEIGHT + 50)))
        for x, y in projected
    ]
    kept = [clamped[0]]
    for point in clamped[1:]:
        if point != kept[-1]:
            kept.append(point)
    if len(kept) < 3:
        return None
    return "M" + "L".join(f"{x} {y}" for x, y in kept) + "Z"


def convert(topology) -> list[dict]:
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = NUMERIC.get(str(geometry.get("id", ""))) or BY_NAME.get(name)
        if code is None:
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        paths = [
            path
            for polygon in polygons
            for ring in polygon
            if (path := ring_path(ring_points(ring, arcs)))
        ]
        if paths:
            countries.append({"code": code, "name": name, "d": "".join(paths)})
    return sorted(countries, key=lambda country: country["code"])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    countries = convert(topology)
    data = {
        "source": "Natural Earth 1:110m countries, from world-atlas 2.0.2 (npm)",
        "countries": countries,
    }
    MAP_FILE.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{MAP_FILE}: {len(countries)} countries, {MAP_FILE.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
