"""The small trend chart (a plan measure over time): its geometry as plain numbers, and the SVG it draws."""

import math
import re

import pytest

from inclusive_cities.core.charts import trend_chart, trend_geometry


def test_a_rising_series_puts_the_latest_point_higher():
    g = trend_geometry([10, 12, 15])
    ys = [y for _x, y in g.points]
    assert ys[0] > ys[1] > ys[2]  # SVG y grows downwards: higher values sit higher
    assert g.points[0][0] == g.left and g.points[-1][0] == g.right
    assert (g.low, g.high) == (10, 15)
    assert g.points[0][1] == pytest.approx(g.bottom) and g.points[-1][1] == pytest.approx(g.top)


def test_the_target_line_sits_at_the_scaled_target_and_widens_the_axis():
    g = trend_geometry([10, 12], target=20)
    assert (g.low, g.high) == (10, 20)
    assert g.target_y == pytest.approx(g.top)
    assert g.target_y == pytest.approx(g.y_at(20))
    lower = trend_geometry([15.59, 11.19], target=10)
    assert lower.target_y == pytest.approx(lower.y_at(10)) == pytest.approx(lower.bottom)
    midway = trend_geometry([0, 40], target=20)
    assert midway.target_y == pytest.approx((midway.top + midway.bottom) / 2)


def test_one_point_and_all_equal_values_do_not_divide_by_zero():
    one = trend_geometry([7])
    assert len(one.points) == 1 and one.low < 7 < one.high
    assert one.points[0][0] == pytest.approx((one.left + one.right) / 2)
    flat = trend_geometry([3, 3, 3], target=3)
    assert flat.low < 3 < flat.high and len({y for _x, y in flat.points}) == 1
    zero = trend_geometry([0, 0])
    assert (zero.low, zero.high) == (-1.0, 1.0)
    empty = trend_geometry([])
    assert empty.points == [] and empty.target_y is None


def test_negative_none_and_not_finite_values():
    g = trend_geometry([-5, None, 5, float("nan")], target=0)
    assert g.index == [0, 2] and len(g.points) == 2
    assert (g.low, g.high) == (-5, 5)
    assert g.target_y == pytest.approx((g.top + g.bottom) / 2)
    assert all(math.isfinite(v) for point in g.points for v in point)
    assert trend_geometry([None, None]).points == []


def test_time_axis_and_the_target_date_when_it_fits():
    # 2019 and 2025, target in 2027: the axis runs to the target date, the figures keep most of the width.
    years = [2019 * 365, 2025 * 365]
    g = trend_geometry([15.59, 11.19], positions=years, target=10, target_at=2027 * 365)
    assert g.target_x == pytest.approx(g.right)
    assert g.points[0][0] == pytest.approx(g.left)
    assert g.points[1][0] == pytest.approx(g.left + (g.right - g.left) * 6 / 8)
    # A target date far beyond the figures (it would squeeze them into a sliver) or before them is not marked.
    assert trend_geometry([1, 2], positions=[0, 10], target_at=100).target_x is None
    assert trend_geometry([1, 2], positions=[10, 20], target_at=5).target_x is None
    # A single figure: it sits at the left, the target date at the right.
    single = trend_geometry([1], positions=[0], target=2, target_at=30)
    assert single.points[0][0] == pytest.approx(single.left) and single.target_x == pytest.approx(single.right)
    # A missing position: points are spaced evenly instead, and no target date is placed.
    even = trend_geometry([1, 2, 3], positions=[0, None, 20], target_at=20)
    assert even.target_x is None and even.points[1][0] == pytest.approx((even.left + even.right) / 2)


def test_trend_chart_svg_is_named_described_and_draws_target_and_latest():
    chart = trend_chart(
        chart_id="m1",
        title="Neighbourhoods <most> deprived",
        desc="Baseline 15.59% (2019), latest 11.19% (2025), target 10% by 31 March 2027.",
        labels=["2019", "2025"],
        values=[15.59, 11.19],
        positions=[2019 * 365, 2025 * 365],
        target=10,
        target_at=2027 * 365,
        target_date_label="by 2027",
        value_text=lambda v: f"{float(v):g}%",
        columns=["Period", "Value"],
        rows=[["2019 (baseline)", "15.59%"], ["2025 (latest)", "11.19%"], ["Target", "10%"]],
    )
    svg = str(chart.svg)
    assert 'role="img"' in svg and 'aria-labelledby="m1-title m1-desc"' in svg
    assert '<title id="m1-title">Neighbourhoods &lt;most&gt; deprived</title>' in svg
    assert "Baseline 15.59% (2019), latest 11.19% (2025), target 10% by 31 March 2027." in svg
    assert len(re.findall(r'class="ic-trend__target"[^>]*stroke-dasharray', svg)) == 1
    assert 'class="ic-trend__target-date"' in svg and ">by 2027<" in svg
    assert svg.count('class="ic-trend__latest"') == 1 and ">11.19%<" in svg
    assert ">15.59%<" in svg and ">10%<" in svg  # the axis ends: highest figure and the target (lowest)
    assert ">2019<" in svg and ">2025<" in svg
    assert chart.rows[-1] == ["Target", "10%"]


def test_trend_chart_renders_in_a_weasyprint_pdf():
    from weasyprint import HTML

    chart = trend_chart(
        chart_id="pdf", title="T", desc="D", labels=["a", "b"], values=[1, 2], columns=["P", "V"], rows=[], target=3
    )
    assert HTML(string=f"<html><body>{chart.svg}</body></html>").write_pdf().startswith(b"%PDF")
