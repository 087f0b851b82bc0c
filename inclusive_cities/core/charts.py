"""Accessible charts for every app: an inline SVG, the same figures as a data table, and a CSV download.

The SVG is drawn here as plain markup (no JavaScript, no browser, no network), so it renders in a page and in a
WeasyPrint PDF alike and costs well under a millisecond. It carries role="img", a <title> and a <desc> and is
named by aria-labelledby; the data table next to it is the accessible alternative and the CSV the same rows.

    chart = bar_chart(chart_id="cob", title="Country of birth", labels=[...], values=[...], unit="%")
    {% include "data/includes/chart.html" with chart=chart %}   (or {{ chart.html }})
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import spreadsheet

# GOV.UK Frontend palette, chosen for contrast against white (each at least 3:1 as the non-text rule asks).
PALETTE = ["#1d70b8", "#d4351c", "#00703c", "#912b88", "#f47738", "#505a5f", "#28a197", "#6f72af"]
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
# A presentation attribute, not a style attribute: the Content-Security-Policy refuses inline style attributes.
FONT = 'font-family="arial, sans-serif"'


@dataclass
class Chart:
    chart_id: str
    title: str
    svg: SafeString
    columns: list[str]
    rows: list[list]
    csv_url: str = ""
    source: str = ""
    period: str = ""
    unit: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def display_rows(self) -> list[list[str]]:
        """The table's rows as shown on the page: numbers with thousands separators (the CSV keeps raw values)."""
        return [
            [
                row[0],
                *(
                    format_number(v, self.unit) if isinstance(v, int | float) else ("–" if v is None else v)
                    for v in row[1:]
                ),
            ]
            for row in self.rows
        ]

    def csv_text(self) -> str:
        out = io.StringIO()
        writer = spreadsheet.writer(out)
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow(["" if v is None else v for v in row])
        if self.source:
            writer.writerow([])
            writer.writerow([_("Source"), self.source])
        return out.getvalue()

    @property
    def download_href(self) -> str:
        """The CSV's own URL when a view serves it, else the same rows inline as a data: URL."""
        return self.csv_url or "data:text/csv;charset=utf-8," + quote(self.csv_text())

    @property
    def filename(self) -> str:
        return f"{self.chart_id}.csv"

    def html(self) -> SafeString:
        return mark_safe(render_to_string("data/includes/chart.html", {"chart": self}))


def csv_response(chart: Chart, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(chart.csv_text(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename or chart.filename}"'
    return response


def format_number(value: float | None, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "%":
        return f"{value:,.1f}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _svg_open(
    chart_id: str, title: str, desc: str, width: int, height: int, css_class: str = "ic-chart__svg"
) -> list[str]:
    return [
        # its natural size, shrunk to fit a narrow screen by site.css (`.ic-chart__svg`); no style attribute, which
        # the Content-Security-Policy would refuse
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="{css_class}" {FONT}>',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def bar_chart(
    *,
    chart_id: str,
    title: str,
    labels: list[str],
    values: list[float | None],
    unit: str = "",
    value_label: str = "",
    label_header: str = "",
    csv_url: str = "",
    source: str = "",
    period: str = "",
    extra_columns: dict[str, list] | None = None,
) -> Chart:
    """A horizontal bar chart (one bar per label): reads well with long category names and on phones."""
    value_label = value_label or (_("Percentage") if unit == "%" else _("Value"))
    label_header = label_header or _("Category")
    numeric = [v for v in values if v is not None]
    top = _nice_max(max(numeric) if numeric else 0)
    label_w, bar_w, row_h, pad = 250, 330, 26, 30
    width = label_w + bar_w + 70
    height = pad + row_h * len(labels) + 10
    lines = _svg_open(
        chart_id,
        title,
        _("Bar chart of %(title)s: %(n)d categories; the data table that follows gives every value.")
        % {"title": title, "n": len(labels)},
        width,
        height,
    )
    for tick in (0, 0.5, 1):
        x = label_w + bar_w * tick
        lines.append(f'<line x1="{x:.1f}" y1="{pad - 6}" x2="{x:.1f}" y2="{height - 10}" stroke="{GRID}"/>')
        lines.append(
            f'<text x="{x:.1f}" y="{pad - 10}" font-size="11" text-anchor="middle" fill="{TEXT}">'
            f"{escape(format_number(top * tick, unit))}</text>"
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = pad + i * row_h
        short = label if len(label) <= 38 else label[:36] + "…"
        lines.append(
            f'<text x="{label_w - 8}" y="{y + 17}" font-size="12" text-anchor="end" fill="{TEXT}">{escape(short)}</text>'
        )
        if value is not None:
            w = bar_w * max(value, 0) / top
            lines.append(f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{PALETTE[0]}"/>')
            lines.append(
                f'<text x="{label_w + w + 4:.1f}" y="{y + 17}" font-size="11" fill="{TEXT}">'
                f"{escape(format_number(value, unit))}</text>"
            )
    lines.append("</svg>")
    columns = [label_header, value_label]
    rows = [[label, value] for label, value in zip(labels, values, strict=True)]
    for name, column in (extra_columns or {}).items():
        columns.append(name)
        for row, v in zip(rows, column, strict=True):
            row.append(v)
    return Chart(chart_id, title, mark_safe("".join(lines)), columns, rows, csv_url, source, period, unit)


def short_label(label: str) -> str:
    """A compact axis label: "2024-09-30" -> "2024 Q3", "mid-2019 to mid-2020" -> "2020"."""
    label = str(label)
    match = re.fullmatch(r"(\d{4})-(\d{2})-\d{2}", label)
    if match:
        return f"{match[1]} Q{(int(match[2]) - 1) // 3 + 1}"
    years = re.findall(r"\d{4}", label)
    if len(label) > 10 and years:
        return years[-1]
    return label[:10]


def line_chart(
    *,
    chart_id: str,
    title: str,
    x_labels: list[str],
    series: dict[str, list[float | None]],
    unit: str = "",
    x_header: str = "",
    csv_url: str = "",
    source: str = "",
    period: str = "",
) -> Chart:
    """A line chart of one or more series over the same x labels (periods), with a key when there are several."""
    x_header = x_header or _("Period")
    numeric = [v for values in series.values() for v in values if v is not None]
    top = _nice_max(max(numeric) if numeric else 0)
    left, plot_w, top_pad, plot_h = 70, 520, 20, 220
    key_h = 20 * len(series) if len(series) > 1 else 0
    width, height = left + plot_w + 30, top_pad + plot_h + 50 + key_h
    n = len(x_labels)
    lines = _svg_open(
        chart_id,
        title,
        _("Line chart of %(title)s over %(n)d periods; the data table that follows gives every value.")
        % {"title": title, "n": n},
        width,
        height,
    )

    def x_at(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y_at(v: float) -> float:
        return top_pad + plot_h * (1 - max(v, 0) / top)

    for tick in (0, 0.25, 0.5, 0.75, 1):
        y = top_pad + plot_h * (1 - tick)
        lines.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        lines.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"{escape(format_number(top * tick, unit))}</text>"
        )
    step = max(1, math.ceil(n / 8))
    for i, label in enumerate(x_labels):
        if i % step == 0 or (i == n - 1 and (n - 1) % step >= step / 2):
            lines.append(
                f'<text x="{x_at(i):.1f}" y="{top_pad + plot_h + 18}" font-size="11" text-anchor="middle" '
                f'fill="{TEXT}">{escape(short_label(label))}</text>'
            )
    for s, (name, values) in enumerate(series.items()):
        colour = PALETTE[s % len(PALETTE)]
        points = [(x_at(i), y_at(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            lines.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for x, y in points:
            lines.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        if len(series) > 1:
            ky = top_pad + plot_h + 38 + 20 * s
            lines.append(f'<rect x="{left}" y="{ky - 9}" width="14" height="10" fill="{colour}"/>')
            lines.append(f'<text x="{left + 20}" y="{ky}" font-size="12" fill="{TEXT}">{escape(name)}</text>')
    lines.append("</svg>")
    columns = [x_header, *series.keys()]
    rows = [[label, *[values[i] for values in series.values()]] for i, label in enumerate(x_labels)]
    return Chart(chart_id, title, mark_safe("".join(lines)), columns, rows, csv_url, source, period, unit)


# --- A small trend chart: one series over time, a target line, the latest point emphasised --------------------------


def _is_number(value) -> bool:
    if value is None or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


@dataclass
class TrendGeometry:
    """Where a small trend chart draws things, in SVG units (y grows downwards). Plain numbers, so it is tested
    without drawing: `points` are the (x, y) of each value that is a number, in order, and `index` their positions
    in the values given; `low` and `high` are the values at the bottom and top of the plot."""

    points: list[tuple[float, float]]
    index: list[int]
    low: float
    high: float
    left: float
    right: float
    top: float
    bottom: float
    target_y: float | None = None
    target_x: float | None = None  # where the target date falls on the time axis, when it fits there

    def y_at(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top) * (float(value) - self.low) / (self.high - self.low)

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


def trend_geometry(
    values: list,
    *,
    positions: list | None = None,
    target=None,
    target_at: float | None = None,
    width: float = 300,
    height: float = 150,
    margins: tuple[float, float, float, float] = (14, 16, 30, 62),
) -> TrendGeometry:
    """Scale a series (and its target) into a width × height box with (top, right, bottom, left) margins.

    The y axis runs from the smallest to the largest of the values and the target, so its end labels are real
    figures; when they are all equal it is widened around them (never a division by zero). Values that are None or
    not finite are left out (they draw no point). With `positions` (numbers such as day ordinals, one per value) the
    x axis is time: it is stretched to `target_at` (the target date) when that falls after the first point and the
    figures would still fill at least a quarter of the width; otherwise the target date is not marked. Without
    positions (or with one missing), points are evenly spaced."""
    top, right_margin, bottom_margin, left = margins
    right, bottom = width - right_margin, height - bottom_margin
    numeric = [(i, float(v)) for i, v in enumerate(values) if _is_number(v)]
    scale = [v for _i, v in numeric] + ([float(target)] if _is_number(target) else [])
    low, high = (min(scale), max(scale)) if scale else (0.0, 1.0)
    if high == low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    geometry = TrendGeometry(
        points=[], index=[i for i, _v in numeric], low=low, high=high, left=left, right=right, top=top, bottom=bottom
    )
    plot_w = right - left
    timed = positions is not None and bool(numeric) and all(_is_number(positions[i]) for i, _v in numeric)
    if timed:
        xs = [float(positions[i]) for i, _v in numeric]
        first, last = min(xs), max(xs)
        end = last
        if _is_number(target_at) and float(target_at) >= first and (float(target_at) - first) <= 4 * (last - first):
            end = max(last, float(target_at))
        elif _is_number(target_at) and last == first and float(target_at) > first:
            end = float(target_at)  # a single figure: the axis runs from it to the target date

        def x_at(p: float) -> float:
            return left + (plot_w * (p - first) / (end - first) if end > first else plot_w / 2)

        geometry.points = [(x_at(x), geometry.y_at(v)) for x, (_i, v) in zip(xs, numeric, strict=True)]
        if _is_number(target_at) and first <= float(target_at) <= end and end > first:
            geometry.target_x = x_at(float(target_at))
    else:
        n = len(values)
        geometry.points = [
            (left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2), geometry.y_at(v)) for i, v in numeric
        ]
    if _is_number(target):
        geometry.target_y = geometry.y_at(float(target))
    return geometry


def trend_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: list[str],
    values: list,
    columns: list[str],
    rows: list[list],
    positions: list | None = None,
    target=None,
    target_at: float | None = None,
    target_date_label: str = "",
    value_text=None,
    unit: str = "",
) -> Chart:
    """A small line chart of one series (e.g. a plan measure's figures over time): a dashed line at the target, the
    target date marked when it fits on the time axis, the axis labelled at its lowest and highest value and at the
    first and last period, and the latest point larger and labelled. `rows` and `columns` are its data table."""
    value_text = value_text or (lambda v: format_number(v, unit))
    width, height = 300, 150
    g = trend_geometry(values, positions=positions, target=target, target_at=target_at, width=width, height=height)
    svg = _svg_open(chart_id, title, desc, width, height, css_class="ic-chart__svg ic-trend")
    for value in (g.high, g.low):
        y = g.y_at(value)
        svg.append(f'<line x1="{g.left}" y1="{y:.1f}" x2="{g.right}" y2="{y:.1f}" stroke="{GRID}"/>')
        svg.append(
            f'<text x="{g.left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="{TEXT}">'
            f"{escape(value_text(value))}</text>"
        )
    # x labels: the first and last period; one that would overlap a label already placed is left out.
    placed: list[tuple[float, float]] = []

    def x_label(x: float, text: str, y: float) -> None:
        if not text:
            return
        anchor = "start" if x - g.left < 24 else ("end" if g.right - x < 24 else "middle")
        w = 6.2 * len(text)  # about the width of arial at 11px
        span = {"start": (x, x + w), "end": (x - w, x), "middle": (x - w / 2, x + w / 2)}[anchor]
        if any(span[0] < b + 6 and a < span[1] + 6 for a, b in placed):
            return
        placed.append(span)
        svg.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="11" text-anchor="{anchor}" fill="{TEXT}">{escape(text)}</text>'
        )

    if g.points:
        x_label(g.points[0][0], short_label(labels[g.index[0]]), g.bottom + 18)
        x_label(g.points[-1][0], short_label(labels[g.index[-1]]), g.bottom + 18)
    if g.target_x is not None:
        # The target date: a dotted line across the plot, labelled above it (clear of the period labels).
        svg.append(
            f'<line class="ic-trend__target-date" x1="{g.target_x:.1f}" y1="{g.top - 2}" x2="{g.target_x:.1f}" '
            f'y2="{g.bottom}" stroke="{TEXT}" stroke-dasharray="2 3"/>'
        )
        if target_date_label:
            anchor = "end" if g.right - g.target_x < 40 else "middle"
            svg.append(
                f'<text x="{g.target_x:.1f}" y="{g.top - 4}" font-size="11" text-anchor="{anchor}" '
                f'fill="{TEXT}">{escape(target_date_label)}</text>'
            )
    if g.target_y is not None:
        svg.append(
            f'<line class="ic-trend__target" x1="{g.left}" y1="{g.target_y:.1f}" x2="{g.right}" '
            f'y2="{g.target_y:.1f}" stroke="{PALETTE[2]}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        above = g.target_y - 5 > g.top + 6
        svg.append(
            f'<text x="{g.left + 4}" y="{(g.target_y - 5) if above else (g.target_y + 13):.1f}" font-size="11" '
            f'fill="{PALETTE[2]}">{escape(_("Target %(value)s") % {"value": value_text(target)})}</text>'
        )
    if len(g.points) > 1:
        svg.append(f'<polyline points="{g.path}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>')
    for x, y in g.points[:-1]:
        svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{PALETTE[0]}"/>')
    if g.points:
        x, y = g.points[-1]
        latest = values[g.index[-1]]
        svg.append(
            f'<circle class="ic-trend__latest" cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{PALETTE[0]}" '
            f'stroke="{TEXT}" stroke-width="1.5"/>'
        )
        anchor = "end" if g.right - x < 40 else ("start" if x - g.left < 40 else "middle")
        ty = y - 9 if y - 9 > g.top + 2 else y + 18
        svg.append(
            f'<text x="{x:.1f}" y="{ty:.1f}" font-size="12" font-weight="bold" text-anchor="{anchor}" '
            f'fill="{TEXT}">{escape(value_text(latest))}</text>'
        )
    svg.append("</svg>")
    return Chart(chart_id, title, mark_safe("".join(svg)), columns, rows, unit=unit)
