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
FONT = "font-family: arial, sans-serif"


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


def _svg_open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="ic-chart__svg" '
        f'style="max-width:{width}px;{FONT}">',
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
