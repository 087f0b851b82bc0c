"""A small chart per measure (its figures over time, the target, the latest figure), drawn by the platform's chart
helper (`core.charts.trend_chart`) with the same figures as a table. The series comes from `selectors.measure_series`.
"""

from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inclusive_cities.core.charts import Chart, trend_chart
from inclusive_cities.core.formats import human_dates

from .models import Direction, Measure


def figure_text(value, unit: str = "") -> str:
    """A measure's figure as people read it: thousands separated, two decimals unless whole, % for percentages."""
    if value is None:
        return "–"
    number = Decimal(str(value))
    text = f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"
    return text + ("%" if unit == "%" else "")


def _summary(measure: Measure, series: list) -> str:
    unit = measure.unit
    parts = []
    baseline = next((p for p in series if p.is_baseline), None)
    if baseline is not None:
        parts.append(
            _("Baseline %(value)s (%(period)s)")
            % {"value": figure_text(baseline.value, unit), "period": human_dates(baseline.period)}
            if baseline.period
            else _("Baseline %(value)s") % {"value": figure_text(baseline.value, unit)}
        )
    latest = series[-1] if series else None
    if latest is not None and not latest.is_baseline:
        parts.append(
            _("latest %(value)s (%(period)s)")
            % {"value": figure_text(latest.value, unit), "period": human_dates(latest.period)}
        )
    elif baseline is not None:
        parts.append(_("no later figure yet"))
    if measure.target is not None:
        parts.append(
            _("target %(value)s by %(date)s")
            % {"value": figure_text(measure.target, unit), "date": date_format(measure.target_date, "j F Y")}
            if measure.target_date
            else _("target %(value)s") % {"value": figure_text(measure.target, unit)}
        )
    text = ", ".join(parts)
    text = text[:1].upper() + text[1:] + "."
    text += " " + (_("Lower is better.") if measure.direction == Direction.LOWER else _("Higher is better."))
    if unit and unit != "%":
        text += " " + _("Figures in %(unit)s.") % {"unit": unit}
    return text


def measure_chart(measure: Measure) -> Chart | None:
    """The measure's chart and table, or None when it has no figure yet (no baseline and no value)."""
    series = getattr(measure, "series", None) or []
    if not series:
        return None
    unit = measure.unit
    rows = []
    for n, point in enumerate(series):
        label = human_dates(point.period) if point.period else ""
        if point.is_baseline:
            label = _("%(period)s (baseline)") % {"period": label} if label else _("Baseline")
        elif n == len(series) - 1:
            label = _("%(period)s (latest)") % {"period": label}
        rows.append([label, figure_text(point.value, unit)])
    if measure.target is not None:
        label = (
            _("Target, by %(date)s") % {"date": date_format(measure.target_date, "j F Y")}
            if measure.target_date
            else _("Target")
        )
        rows.append([label, figure_text(measure.target, unit)])
    value_header = _("Value") if not unit or unit == "%" else _("Value (%(unit)s)") % {"unit": unit}
    dated = all(p.date is not None for p in series)
    return trend_chart(
        chart_id=f"measure-{measure.pk}",
        title=measure.name,
        desc=_summary(measure, series),
        labels=[p.period or _("Baseline") for p in series],
        values=[p.value for p in series],
        positions=[p.date.toordinal() for p in series] if dated else None,
        target=measure.target,
        target_at=measure.target_date.toordinal() if measure.target_date and dated else None,
        target_date_label=_("by %(year)s") % {"year": measure.target_date.year} if measure.target_date else "",
        value_text=lambda v: figure_text(v, unit),
        columns=[_("Period"), value_header],
        rows=rows,
        unit=unit,
    )


def attach(measures) -> None:
    """Give each measure (with `.series`) its `.chart` (or None)."""
    for measure in measures:
        measure.chart = measure_chart(measure)
