"""The event-study (or synthetic-control gap) chart: estimates by years since treatment with 95% intervals.

Drawn as SVG in the platform's chart style (`core.charts`), with the same figures as a table and CSV beside it."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from inclusive_cities.core.charts import GRID, PALETTE, TEXT, Chart, _svg_open


def event_study_chart(output: dict) -> Chart:
    points = output["event_study"]
    synth = output["method"] == "synth"
    title = (
        "Gap between the place and its synthetic control, by years since start"
        if synth
        else ("Effect by years since treatment started, with 95% intervals")
    )
    values = [v for p in points for v in (p["estimate"], p["ci_low"], p["ci_high"]) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    low, high = low - 0.05 * span, high + 0.05 * span
    left, plot_w, top, plot_h = 70, 520, 20, 220
    width, height = left + plot_w + 30, top + plot_h + 50
    n = len(points)

    def x_at(i):
        return left + (i + 0.5) * plot_w / n

    def y_at(v):
        return top + plot_h * (high - v) / (high - low)

    svg = _svg_open(
        f"ev-{output['method']}",
        title,
        "Points are estimates for each year relative to the start (negative years are before it); vertical lines are "
        "95% intervals; the dashed line marks the start. The table beside gives every value.",
        width,
        height,
    )
    for tick in (low, 0.0, high):
        y = y_at(tick)
        svg.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" />')
        svg.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" fill="{TEXT}">{tick:.3g}</text>'
        )
    start = next((i for i, p in enumerate(points) if p["rel_time"] == 0), None)
    if start is not None:
        x = x_at(start) - plot_w / n / 2
        svg.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{TEXT}" stroke-dasharray="4 3" />'
        )
    for i, p in enumerate(points):
        x = x_at(i)
        colour = PALETTE[1] if p["rel_time"] >= 0 else PALETTE[0]
        if p["ci_low"] is not None and p["ci_high"] is not None:
            svg.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_at(p["ci_low"]):.1f}" y2="{y_at(p["ci_high"]):.1f}" '
                f'stroke="{colour}" stroke-width="2" />'
            )
        if p["estimate"] is not None:
            svg.append(f'<circle cx="{x:.1f}" cy="{y_at(p["estimate"]):.1f}" r="4" fill="{colour}" />')
        svg.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="middle" font-size="12" fill="{TEXT}">'
            f"{escape(p['rel_time'])}</text>"
        )
    svg.append(
        f'<text x="{left + plot_w / 2}" y="{top + plot_h + 40}" text-anchor="middle" font-size="12" fill="{TEXT}">'
        "Years since treatment started</text></svg>"
    )
    columns = ["Years since start", "Estimate", "95% interval, low", "95% interval, high"]
    rows = [[str(p["rel_time"]), p["estimate"], p["ci_low"], p["ci_high"]] for p in points]
    return Chart(
        chart_id=f"ev-{output['method']}", title=title, svg=mark_safe("".join(svg)), columns=columns, rows=rows
    )
