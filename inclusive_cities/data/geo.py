"""Local authority boundaries as simplified SVG paths, and a server-side choropleth map of any indicator.

Two boundary files (ONS LTLA 2021 and 2023, super-generalised, WGS84) are shipped: a map is drawn on the one whose
areas match the figures' codes best (Census 2021 figures on 2021's 374 councils; current figures on 2023's 361),
so councils merged in 2023 keep their figures on the map. Each file is projected with a simple
equirectangular projection scaled by cos(54.5°) (true to shape at the UK's middle latitude; fine at this scale),
simplified with Douglas-Peucker to about a fifth of its points, and kept in memory, so drawing the map is only
string joining. The SVG has role="img" with a title and description, and the page puts a table of every value
next to it as the accessible alternative.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from inclusive_cities.core.charts import TEXT, format_number

FILES = Path(__file__).parent / "files"
BOUNDARY_YEARS = (2023, 2021)  # the first is the default
# year -> (boundary file, the projected and simplified paths precomputed from it by `build_paths_file()`, which
# the test suite checks, so that no request has to simplify 75,000 points)
BOUNDARY_FILES = {
    year: (FILES / f"ons_ltla_{year}_boundaries_uk_bsc.geojson", FILES / f"ons_ltla_{year}_svg_paths.json")
    for year in BOUNDARY_YEARS
}
BOUNDARIES, PATHS_FILE = BOUNDARY_FILES[2023]
# Former codes the boundary file does not use, mapped to the area that carries them today (2025 recodes).
CODE_ALIASES = {"E08000038": "E08000016", "E08000039": "E08000019"}
WIDTH = 600
TOLERANCE = 0.6  # in SVG units (WIDTH px wide): invisible at the size the map is drawn
# Sequential blues (light to dark), 5 classes, from ColorBrewer "Blues"; "no data" is a light grey.
CLASS_COLOURS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
NO_DATA = "#f3f2f1"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    path: str  # SVG path data


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; keeps the first and last point of the ring."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy) or 1e-12
        best, index = -1.0, -1
        for i in range(first + 1, last):
            x0, y0 = points[i]
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm if (dx or dy) else math.hypot(x0 - x1, y0 - y1)
            if d > best:
                best, index = d, i
        if index > 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _source_digest(year: int = 2023) -> str:
    return hashlib.sha256(BOUNDARY_FILES[year][0].read_bytes()).hexdigest() + f":{WIDTH}:{TOLERANCE}"


@lru_cache(maxsize=len(BOUNDARY_YEARS))
def areas(year: int = 2023) -> tuple[tuple[Area, ...], int]:
    """Every local authority's simplified outline as SVG path data, and the map's height in SVG units."""
    paths_file = BOUNDARY_FILES[year][1]
    if paths_file.exists():
        cached = json.loads(paths_file.read_text(encoding="utf-8"))
        if cached.get("source") == _source_digest(year):
            return tuple(Area(*row) for row in cached["areas"]), cached["height"]
    return compute_areas(year)


def build_paths_file(year: int = 2023) -> Path:
    """Write the year's paths file from its boundary file (run after changing it, WIDTH or TOLERANCE)."""
    shapes, height = compute_areas(year)
    payload = {"source": _source_digest(year), "height": height, "areas": [[a.code, a.name, a.path] for a in shapes]}
    paths_file = BOUNDARY_FILES[year][1]
    paths_file.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    return paths_file


def compute_areas(year: int = 2023) -> tuple[tuple[Area, ...], int]:
    data = json.loads(BOUNDARY_FILES[year][0].read_text(encoding="utf-8"))
    k = math.cos(math.radians(54.5))
    polygons = []
    min_x = min_y = math.inf
    max_x = max_y = -math.inf
    for feature in data["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = []
        for polygon in parts:
            for ring in polygon:
                projected = [(lon * k, -lat) for lon, lat in ring]
                rings.append(projected)
                for x, y in projected:
                    min_x, max_x, min_y, max_y = min(min_x, x), max(max_x, x), min(min_y, y), max(max_y, y)
        polygons.append((feature["properties"]["areacd"], feature["properties"]["areanm"], rings))
    scale = WIDTH / (max_x - min_x)
    height = math.ceil((max_y - min_y) * scale)
    result = []
    for code, name, rings in polygons:
        pieces = []
        for ring in rings:
            scaled = [((x - min_x) * scale, (y - min_y) * scale) for x, y in ring]
            simple = _simplify(scaled, TOLERANCE)
            if len(simple) < 4:
                # a tiny island: keep it if it is the area's only ring, else drop it
                if len(rings) > 1:
                    continue
                simple = scaled
            pieces.append("M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in simple) + "Z")
        result.append(Area(code, name, "".join(pieces)))
    return tuple(result), height


@lru_cache(maxsize=len(BOUNDARY_YEARS))
def area_codes(year: int = 2023) -> frozenset[str]:
    return frozenset(area.code for area in areas(year)[0])


def boundary_year(codes) -> int:
    """The boundary year whose areas carry the most of these area codes (the default year on a tie)."""
    codes = {CODE_ALIASES.get(code, code) for code in codes}
    return max(BOUNDARY_YEARS, key=lambda year: (len(codes & area_codes(year)), year == BOUNDARY_YEARS[0]))


def class_breaks(values: list[float], classes: int = 5) -> list[float]:
    """Quantile class breaks (upper bounds of each class but the last) over the values given."""
    ordered = sorted(values)
    if not ordered:
        return []
    breaks = []
    for i in range(1, classes):
        position = (len(ordered) - 1) * i / classes
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        breaks.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return sorted(set(breaks))


def class_of(value: float, breaks: list[float]) -> int:
    for i, bound in enumerate(breaks):
        if value <= bound:
            return i
    return len(breaks)


def legend(values: list[float], unit: str) -> list[dict]:
    breaks = class_breaks(values)
    if not values:
        return []
    bounds = [min(values), *breaks, max(values)]
    return [
        {
            "colour": CLASS_COLOURS[round(i * (len(CLASS_COLOURS) - 1) / max(len(bounds) - 2, 1))],
            "low": format_number(bounds[i], unit),
            "high": format_number(bounds[i + 1], unit),
        }
        for i in range(len(bounds) - 1)
    ]


def choropleth_svg(
    *, title: str, values: dict[str, float | None], unit: str = "", highlight: str = "", year: int | None = None
) -> SafeString:
    """The UK's local authorities coloured by `values` (code -> value) in quantile classes, with a legend, on the
    boundaries of `year` (by default the year that matches the codes best, see boundary_year)."""
    shapes, height = areas(year or boundary_year(values))
    numeric = [v for v in values.values() if v is not None]
    breaks = class_breaks(numeric)
    n_classes = len(breaks) + 1
    legend_rows = legend(numeric, unit)
    legend_h = 22 * (len(legend_rows) + 1) + 10
    lines = [
        # no style attribute (the Content-Security-Policy refuses them): site.css fits it to narrow screens
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH + 180} {max(height, legend_h)}" '
        f'width="{WIDTH + 180}" height="{max(height, legend_h)}" '
        f'role="img" aria-labelledby="map-title map-desc" class="ic-map__svg" font-family="arial, sans-serif">',
        f'<title id="map-title">{escape(title)}</title>',
        '<desc id="map-desc">{}</desc>'.format(
            escape(
                _(
                    "Map of %(n)d UK local authorities shaded in %(k)d classes from light (low) to dark (high); "
                    "the table after the map gives every value."
                )
                % {"n": len(shapes), "k": n_classes}
            )
        ),
        '<g stroke="#ffffff" stroke-width="0.3">',
    ]
    for area in shapes:
        code = CODE_ALIASES.get(area.code, area.code)
        value = values.get(code, values.get(area.code))
        if value is None:
            colour = NO_DATA
            label = _("no data")
        else:
            colour = CLASS_COLOURS[round(class_of(value, breaks) * (len(CLASS_COLOURS) - 1) / max(n_classes - 1, 1))]
            label = format_number(value, unit)
        extra = ' stroke="#0b0c0c" stroke-width="1.5"' if highlight and area.code == highlight else ""
        lines.append(
            f'<path d="{area.path}" fill="{colour}"{extra}><title>{escape(area.name)}: {escape(label)}</title></path>'
        )
    lines.append("</g>")
    x0 = WIDTH + 10
    lines.append(f'<text x="{x0}" y="18" font-size="13" font-weight="bold" fill="{TEXT}">{escape(_("Legend"))}</text>')
    for i, row in enumerate([*legend_rows, {"colour": NO_DATA, "low": _("No data"), "high": ""}]):
        y = 30 + 22 * i
        text = f"{row['low']} – {row['high']}" if row["high"] else row["low"]
        lines.append(f'<rect x="{x0}" y="{y}" width="18" height="14" fill="{row["colour"]}" stroke="#505a5f"/>')
        lines.append(f'<text x="{x0 + 24}" y="{y + 12}" font-size="12" fill="{TEXT}">{escape(text)}</text>')
    lines.append("</svg>")
    return mark_safe("".join(lines))
