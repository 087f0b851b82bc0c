"""A small chart per measure on the plan dashboard and the public plan page: an SVG of the figures over time (read
from the publishers' real files, imported as the data app does), a dashed target line, the latest figure emphasised,
and a table of the same figures beside it; the series for every measure of a plan in one query."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inclusive_cities.core.formats import human_dates
from inclusive_cities.data import services as data_services
from inclusive_cities.data.models import Observation
from inclusive_cities.data.tests.conftest import read_rows
from inclusive_cities.plans import charts, selectors, services
from inclusive_cities.plans.models import ActionPlan, Measure, PlanStatus

FILES = Path(__file__).resolve().parents[2] / "data" / "files"
IMD = "Index of Multiple Deprivation"
ASYLUM = "asylum_support_by_la_2014_2024.csv.gz"


def import_file(name: str, period: str = ""):
    record = data_services.import_file(content=(FILES / name).read_bytes(), file_name=name, period=period)
    assert record.status == "applied", record.problems


@pytest.fixture
def iod(place):
    for name in ("mhclg_iod2019_lad_summaries.csv", "mhclg_iod2025_lad_summaries.csv"):
        import_file(name)


@pytest.fixture
def asylum(place):
    import_file(ASYLUM)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _observation(code, period, category=""):
    return Observation.objects.get(place__code="E06000023", indicator__code=code, period=period, category=category)


def _publish(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    plan.refresh_from_db()


class Tables(HTMLParser):
    """Each <table data-chart="..."> of a page as its rows of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self._current, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-chart"):
            self._current = self.tables.setdefault(attrs["data-chart"], [])
        elif self._current is not None and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._current = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._current.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def chart_tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def svg_of(html: str, chart_id: str) -> str:
    match = re.search(rf'<svg [^>]*aria-labelledby="{chart_id}-title {chart_id}-desc".*?</svg>', html, re.S)
    assert match, f"no chart {chart_id}"
    return match.group(0)


@pytest.fixture
def measured_plan(plan_factory, officer, iod, asylum):
    """A published plan with three measures: deprivation (IoD 2019 and 2025), asylum support (quarterly since the
    end of 2019) and a local measure with two progress updates."""
    plan = plan_factory(PlanStatus.DRAFT)
    priority = plan.priorities.get()
    action = priority.actions.get()
    deprived_2019 = _observation("iod-proportion-most-deprived-decile", "2019", IMD)
    services.measure_add(
        action=action,
        by=officer,
        indicator_code="iod-proportion-most-deprived-decile",
        category=IMD,
        baseline=Decimal(str(deprived_2019.value)).quantize(Decimal("0.01")),
        baseline_period="2019",
        target=Decimal("10"),
        target_date=datetime.date(2027, 3, 31),
        direction="lower",
    )
    second = services.action_create(priority=priority, by=officer, title="Support people seeking asylum")
    supported = _observation("asylum-support", "2019-12-31")
    services.measure_add(
        action=second,
        by=officer,
        indicator_code="asylum-support",
        baseline=Decimal(str(supported.value)),
        baseline_period="2019-12-31",
        target=Decimal("600"),
        target_date=datetime.date(2028, 12, 31),
    )
    local = Measure.objects.create(action=action, name="Families welcomed", baseline=0, target=40, unit="families")
    _publish(plan)
    for day, value in ((datetime.date(2026, 5, 1), "25"), (datetime.date(2026, 3, 1), "10")):
        services.progress_post(
            action=action,
            by=officer,
            date=day,
            status="in_progress",
            narrative="Families arrived",
            measure_values={local.pk: Decimal(value)},
        )
    return plan


def test_dashboard_draws_a_chart_per_measure_with_a_table_of_the_real_figures(measured_plan, officer):
    html = client_for(officer).get(reverse("plans:dashboard", args=["E06000023", measured_plan.pk])).content.decode()
    measures = {m.name: m for m in Measure.objects.filter(action__priority__plan=measured_plan)}
    assert len(measures) == 3
    tables = chart_tables(html)
    for measure in measures.values():
        svg = svg_of(html, f"measure-{measure.pk}")
        assert 'role="img"' in svg and f'<title id="measure-{measure.pk}-title">' in svg
        assert 'class="ic-trend__target"' in svg and 'stroke-dasharray="6 4"' in svg  # the dashed target line
        assert svg.count('class="ic-trend__latest"') == 1
        assert f'data-chart="measure-{measure.pk}"' in html
    assert "Show the figures as a table" in html

    # Deprivation: the 2019 baseline and the 2025 figure, as in the two MHCLG files (15.59% and 11.19% of
    # Bristol's neighbourhoods), and the target line at 10%.
    deprived = next(m for m in measures.values() if m.indicator_code == "iod-proportion-most-deprived-decile")
    rows = tables[f"measure-{deprived.pk}"]
    assert rows == [
        ["Period", "Value"],
        ["2019 (baseline)", "15.59%"],
        ["2025 (latest)", "11.19%"],
        ["Target, by 31 March 2027", "10%"],
    ]
    for period, cell in (("2019", rows[1][1]), ("2025", rows[2][1])):
        value = _observation("iod-proportion-most-deprived-decile", period, IMD).value
        assert cell == f"{value:.2f}%"
    svg = svg_of(html, f"measure-{deprived.pk}")
    assert "Baseline 15.59% (2019), latest 11.19% (2025), target 10% by 31 March 2027. Lower is better." in svg
    assert 'class="ic-trend__target-date"' in svg and ">by 2027<" in svg

    # Asylum support: every quarter from the baseline (end of 2019) to the newest, each as imported, and the
    # newest quarter's figure is the total of Bristol's rows in the Home Office file.
    supported = next(m for m in measures.values() if m.indicator_code == "asylum-support")
    observed = list(
        Observation.objects.filter(
            place__code="E06000023", indicator__code="asylum-support", category="", value__isnull=False
        )
        .filter(period_start__gte=datetime.date(2019, 12, 31))
        .order_by("period_start")
    )
    assert len(observed) > 10
    rows = tables[f"measure-{supported.pk}"][1:]
    assert len(rows) == len(observed) + 1  # and the target
    for row, observation in zip(rows, observed, strict=False):
        assert row[0].startswith(human_dates(observation.period)), (row, observation.period)
        assert row[1] == f"{int(observation.value):,}"
    assert rows[0][0].endswith("(baseline)") and rows[-2][0].endswith("(latest)")
    newest = observed[-1].period
    from_file = sum(int(r["People"]) for r in read_rows(ASYLUM) if r["LAD Code"] == "E06000023" and r["Date"] == newest)
    assert rows[-2] == [f"{human_dates(newest)} (latest)", f"{from_file:,}"]

    # The local measure: its baseline, then the progress updates' values in date order (posted out of order).
    local = measures["Families welcomed"]
    assert tables[f"measure-{local.pk}"][1:] == [
        ["Baseline", "0"],
        ["1 March 2026", "10"],
        ["1 May 2026 (latest)", "25"],
        ["Target", "40"],
    ]
    assert "Baseline 0, latest 25 (1 May 2026), target 40. Higher is better. Figures in families." in html


def test_the_series_for_every_measure_is_one_query_and_the_dashboard_does_not_grow(measured_plan, officer):
    client = client_for(officer)
    url = reverse("plans:dashboard", args=["E06000023", measured_plan.pk])

    def dashboard_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = dashboard_queries()
    d = selectors.dashboard(measured_plan)
    actions = [a for p in d.priorities for a in p.actions.all()]
    with CaptureQueriesContext(connection) as captured:
        selectors.measure_series(actions, measured_plan)
    assert len(captured) == 1
    # More measures, on data and local, on more actions: the same number of queries for the page.
    ActionPlan.objects.filter(pk=measured_plan.pk).update(status=PlanStatus.DRAFT)
    measured_plan.refresh_from_db()
    priority = measured_plan.priorities.get()
    for n in range(3):
        action = services.action_create(priority=priority, by=officer, title=f"Another action {n}")
        services.measure_add(action=action, by=officer, indicator_code="asylum-support", name=f"Supported {n}")
        Measure.objects.create(action=action, name=f"Local {n}", baseline=n, target=10)
    _publish(measured_plan)
    assert Measure.objects.filter(action__priority__plan=measured_plan).count() == 9
    after = dashboard_queries()
    assert after == before, (before, after)


def test_public_plan_page_shows_the_same_chart(measured_plan):
    html = Client().get(reverse("plans:plan_detail", args=["E06000023", measured_plan.pk])).content.decode()
    tables = chart_tables(html)
    for measure in Measure.objects.filter(action__priority__plan=measured_plan):
        svg_of(html, f"measure-{measure.pk}")
        assert f"measure-{measure.pk}" in tables


def test_a_measure_without_figures_has_no_chart_and_a_baseline_alone_is_one_point(published, officer):
    action = published.priorities.get().actions.get()
    Measure.objects.create(action=action, name="Nothing yet", target=5)
    Measure.objects.create(action=action, name="Baseline only", baseline=3, baseline_period="2025", target=5)
    d = selectors.dashboard(published)
    selectors.measure_series([a for p in d.priorities for a in p.actions.all()], published)
    charts.attach(d.measures)
    empty, single = d.measures
    assert empty.series == [] and empty.chart is None
    assert [(p.period, p.value, p.is_baseline) for p in single.series] == [("2025", Decimal("3.00"), True)]
    assert single.chart.rows == [["2025 (baseline)", "3"], ["Target", "5"]]
    assert "Baseline 3 (2025), no later figure yet, target 5." in single.chart.svg
    html = client_for(officer).get(reverse("plans:dashboard", args=["E06000023", published.pk])).content.decode()
    assert f"measure-{empty.pk}-title" not in html and f"measure-{single.pk}-title" in html


def test_a_baseline_period_that_is_not_a_published_period_starts_the_series(plan_factory, officer, iod):
    """A baseline typed by hand for a period the files do not have: its own point, then the later figures."""
    plan = plan_factory(PlanStatus.DRAFT)
    action = plan.priorities.get().actions.get()
    services.measure_add(
        action=action,
        by=officer,
        indicator_code="iod-proportion-most-deprived-decile",
        category=IMD,
        baseline=Decimal("14"),
        baseline_period="2021-03-31",
    )
    action = selectors.action_get(plan=plan, pk=action.pk)
    selectors.measure_series([action], plan)
    series = action.measures.all()[0].series
    latest = _observation("iod-proportion-most-deprived-decile", "2025", IMD)
    assert [(p.period, p.is_baseline) for p in series] == [("2021-03-31", True), ("2025", False)]
    assert series[-1].value == Decimal(str(latest.value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    "period, expected",
    [
        ("2019", datetime.date(2019, 7, 1)),
        ("mid-2022", datetime.date(2022, 7, 1)),
        ("2024-09-30", datetime.date(2024, 9, 30)),
        ("2019/20", datetime.date(2020, 7, 1)),
        ("", None),
        ("baseline", None),
    ],
)
def test_period_date(period, expected):
    assert selectors.period_date(period) == expected


def test_figure_text():
    assert charts.figure_text(Decimal("479024.00")) == "479,024"
    assert charts.figure_text(Decimal("15.59"), "%") == "15.59%"
    assert charts.figure_text(Decimal("-2.50")) == "-2.50"
    assert charts.figure_text(None) == "–"
