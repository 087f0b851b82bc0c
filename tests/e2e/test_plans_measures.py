"""A measure set on local data, in a real browser without custom JavaScript: the officer picks the population
indicator from the list (the real ONS mid-2022 file imported), sets a target, and sees the baseline filled with
Bristol's figure; an empty measure is refused on the field; the add and edit pages pass axe."""

from pathlib import Path

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.data import services as data_services
from inclusive_cities.plans.tests.conftest import make_plan

pytestmark = pytest.mark.e2e

MYE = "ons_mye_mid2022_population_uk_la.csv"


def test_officer_sets_a_measure_on_local_data(page, place, framework, sign_in, axe_violations):
    officer = user_with_role("officer", place, email="officer@example.org")
    files = Path(data_services.__file__).resolve().parent / "files"
    data_services.import_file(content=(files / MYE).read_bytes(), file_name=MYE, period="mid-2022")
    plan = make_plan(place, framework)
    action = plan.priorities.get().actions.get()
    sign_in(page, officer.email)
    page.goto(f"/places/{place.code}/plans/{plan.pk}/actions/{action.pk}/")
    page.get_by_text("Add a measure").click()
    page.click("button:has-text('Add measure')")
    assert "Give the measure a name, or choose an indicator" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.select_option("#id_indicator", "population-mid-year|")
    page.fill("#id_target", "490000")
    page.fill("#id_target_date", "2028-06-30")
    page.click("button:has-text('Save measure')")
    assert "Measure added" in page.content()
    table = page.locator("table.ic-measures").inner_text()
    assert "479024.00" in table and "mid-2022" in table and "0% of the way from baseline to target" in table
    assert axe_violations(page) == []
    page.locator("table.ic-measures a", has_text="Edit").click()
    assert page.locator("#id_baseline").input_value() == "479024.00"
    assert axe_violations(page) == []


def test_dashboard_charts_each_measure_and_reads_at_320px(browser, live_server, place, framework, axe_violations):
    """The dashboard at 320 px: each measure's chart (the real IoD 2019 and 2025 figures for Bristol) fits without
    sideways page scroll, opens its table (a plain <details>, no script of ours), and the page passes axe."""
    import datetime
    from decimal import Decimal

    from inclusive_cities.data.models import Observation
    from inclusive_cities.plans import services
    from inclusive_cities.plans.models import ActionPlan, Measure

    officer = user_with_role("officer", place, email="officer@example.org")
    files = Path(data_services.__file__).resolve().parent / "files"
    for name in ("mhclg_iod2019_lad_summaries.csv", "mhclg_iod2025_lad_summaries.csv"):
        data_services.import_file(content=(files / name).read_bytes(), file_name=name)
    plan = make_plan(place, framework)
    action = plan.priorities.get().actions.get()
    imd = "Index of Multiple Deprivation"
    baseline = Observation.objects.get(
        place=place, indicator__code="iod-proportion-most-deprived-decile", period="2019", category=imd
    )
    services.measure_add(
        action=action,
        by=officer,
        indicator_code="iod-proportion-most-deprived-decile",
        category=imd,
        baseline=Decimal(str(baseline.value)).quantize(Decimal("0.01")),
        baseline_period="2019",
        target=Decimal("10"),
        target_date=datetime.date(2027, 3, 31),
        direction="lower",
    )
    local = Measure.objects.create(action=action, name="Families welcomed", baseline=0, target=40)
    ActionPlan.objects.filter(pk=plan.pk).update(status="published")
    services.progress_post(
        action=type(action).objects.get(pk=action.pk),
        by=officer,
        date=datetime.date(2026, 3, 1),
        status="in_progress",
        narrative="First families",
        measure_values={local.pk: Decimal("10")},
    )
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/account/sign-in/")
    page.fill("#id_username", officer.email)
    page.fill("#id_password", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"/places/{place.code}/plans/{plan.pk}/dashboard/")
    charts = page.locator("svg.ic-trend")
    assert charts.count() == 2
    for n in range(2):
        box = charts.nth(n).bounding_box()
        assert box and box["width"] > 200 and box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    page.get_by_text("Show the figures as a table").first.click()
    table = page.locator("table.ic-trend-table").first
    assert table.is_visible()
    text = table.inner_text()
    assert "2019 (baseline)" in text and "15.59%" in text and "2025 (latest)" in text and "11.19%" in text
    assert page.evaluate("document.documentElement.scrollWidth <= 320")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/dashboard-320.png", full_page=True)
    context.close()
