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
