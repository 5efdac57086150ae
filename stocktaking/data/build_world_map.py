"""Build world-110m.json (SVG path data per M49 code) from Natural Earth's 110m admin-0 countries.

Run once, when the source changes (see WORLD_MAP_SOURCE.md):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python stocktaking/data/build_world_map.py /tmp/package/countries-110m.json

The input is TopoJSON (quantised, delta-encoded arcs; ids are ISO 3166 numeric codes, which are the
M49 codes of countries). The output is projected with Equal Earth (an equal-area projection, so that
shading is not exaggerated near the poles), simplified, and written as one path per country, so that
the portal draws the map without any geometry work at request time.

Antarctica (M49 010) is left out: no entry covers it, and it would take a fifth of the map's height.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

Point = tuple[float, float]

WIDTH = 960.0  # SVG user units of the map's viewBox
TOLERANCE = 0.35  # Douglas-Peucker tolerance, in SVG units (a third of a pixel at full width)
SOUTH = -58.0  # latitude where the map is cropped (below Tierra del Fuego)
LEFT_OUT = {"010"}  # Antarctica
# Areas the M49 standard counts within a country, drawn as part of it (their shared border removed).
PART_OF = {"158": "156", "Kosovo": "688", "N. Cyprus": "196", "Somaliland": "706"}

# Equal Earth (Šavrič, Patterson, Jenny 2018)
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_MAX)
Y_TOP = equal_earth(0, 90)[1]
HEIGHT = round((Y_TOP - equal_earth(0, SOUTH)[1]) * SCALE, 1)


def to_svg(lon: float, lat: float) -> Point:
    x, y = equal_earth(lon, lat)
    return (x + X_MAX) * SCALE, (Y_TOP - y) * SCALE


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on one arc (endpoints kept, so arcs shared by two countries stay shared)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            # a closed arc (an island) has no chord: measure from its one end point
            distance = abs(dy * (px - x1) - dx * (py - y1)) / length if length else math.hypot(px - x1, py - y1)
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_lonlat(arc: list[Point]) -> list[Point]:
    """Simplify in projected units, piece by piece between antimeridian jumps (kept as they are)."""
    pieces, current = [], [arc[0]]
    for previous, point in zip(arc, arc[1:], strict=False):
        if abs(point[0] - previous[0]) > 180:
            pieces.append(current)
            current = []
        current.append(point)
    pieces.append(current)
    out: list[Point] = []
    for piece in pieces:
        projected = {to_svg(*p): p for p in piece}
        kept = simplify([to_svg(*p) for p in piece], TOLERANCE)
        out += [projected[p] for p in kept]
    return out


def ring(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points += arc if not points else arc[1:]
    return points


def unwrap(points: list[Point]) -> list[Point]:
    """Make longitudes continuous across the antimeridian (world-atlas stitches Russia and Fiji)."""
    out = [points[0]]
    shift = 0.0
    for previous, (lon, lat) in zip(points, points[1:], strict=False):
        if lon - previous[0] > 180:
            shift -= 360
        elif lon - previous[0] < -180:
            shift += 360
        out.append((lon + shift, lat))
    if abs(out[-1][0] - out[0][0]) > 1:
        raise ValueError("a ring goes round a pole; leave its country out or close it there")
    return out


def clip(points: list[Point], edge: float, keep_below: bool) -> list[Point]:
    """Sutherland-Hodgman against the vertical line lon = edge."""

    def inside(p: Point) -> bool:
        return p[0] <= edge if keep_below else p[0] >= edge

    out: list[Point] = []
    for i, current in enumerate(points):
        previous = points[i - 1]
        if inside(current) != inside(previous):
            t = (edge - previous[0]) / (current[0] - previous[0])
            out.append((edge, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def split_at_antimeridian(points: list[Point]) -> list[list[Point]]:
    parts = []
    for shift in (-360.0, 0.0, 360.0):
        shifted = [(lon + shift, lat) for lon, lat in points]
        part = clip(clip(shifted, 180.0, keep_below=True), -180.0, keep_below=False)
        if len(part) >= 3:
            parts.append(part)
    return parts


def path(rings: list[list[Point]]) -> str:
    """Absolute first point, then relative moves at 0.1 unit: about half the size of absolute ones."""
    commands = []
    for points in rings:
        svg = [(round(x * 10), round(y * 10)) for x, y in (to_svg(*p) for p in points)]
        deduplicated = [p for i, p in enumerate(svg) if i == 0 or p != svg[i - 1]]
        if len(deduplicated) < 3:
            continue
        (x0, y0), moves = deduplicated[0], []
        for (ax, ay), (bx, by) in zip(deduplicated, deduplicated[1:], strict=False):
            moves.append(f"{_n(bx - ax)}{_sep(by - ay)}{_n(by - ay)}")
        commands.append(f"M{_n(x0)} {_n(y0)}l" + "".join(_joined(moves)) + "z")
    return "".join(commands)


def _n(tenths: int) -> str:
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _sep(value: int) -> str:
    return "" if value < 0 else " "


def _joined(moves: list[str]) -> list[str]:
    # A number may follow another without a space when it starts with "-"; otherwise a space is needed.
    return [m if i == 0 or m.startswith("-") else " " + m for i, m in enumerate(moves)]


def merged_rings(rings: list[list[int]], arcs: list[list[Point]]) -> list[list[int]]:
    """Rings of the union of polygons: arcs walked both ways (a shared border) are dropped and the
    remaining arcs chained end to start again, as topojson-client's merge does."""
    directed = [index for indices in rings for index in indices]
    inner = {i for i in directed if ~i in directed}
    remaining = [i for i in directed if i not in inner]

    def ends(index: int) -> tuple[Point, Point]:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        return arc[0], arc[-1]

    out = []
    while remaining:
        chain = [remaining.pop(0)]
        while ends(chain[-1])[1] != ends(chain[0])[0]:
            following = next(i for i in remaining if ends(i)[0] == ends(chain[-1])[1])
            remaining.remove(following)
            chain.append(following)
        out.append(chain)
    return out


def build(source: Path) -> dict[str, Any]:
    topology = json.loads(source.read_text())
    arcs = [simplify_lonlat(arc) for arc in decode_arcs(topology)]
    rings_by_code: dict[str, list[list[int]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id") or geometry["properties"]["name"]
        m49 = PART_OF.get(code, code)
        if m49 in LEFT_OUT:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings_by_code.setdefault(m49, []).extend(indices for polygon in polygons for indices in polygon)
    countries = []
    for m49, rings in sorted(rings_by_code.items()):
        if m49 in PART_OF.values():
            rings = merged_rings(rings, arcs)
        parts = [part for indices in rings for part in split_at_antimeridian(unwrap(ring(indices, arcs)))]
        countries.append({"m49": m49, "d": path(parts)})
    outline = [(-180.0, float(lat)) for lat in range(-58, 91, 4)] + [(180.0, float(lat)) for lat in range(90, -59, -4)]
    return {
        "source": "Natural Earth 1:110m admin-0 countries 4.1.0, via world-atlas 2.0.2 (npm); public domain",
        "projection": "Equal Earth, cropped at 58° S, Antarctica left out",
        "part_of": PART_OF,
        "width": WIDTH,
        "height": HEIGHT,
        "outline": path([outline]),
        "countries": countries,
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    target = Path(__file__).with_name("world-110m.json")
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{target}: {len(data['countries'])} countries, {target.stat().st_size} bytes")
