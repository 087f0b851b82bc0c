"""The evaluation journey in a real browser: a researcher plans an evaluation on real ONS figures, registers it,
runs it and reads the result with its chart and table; the pages pass axe."""

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evaluation.tests.conftest import BRISTOL, CODE, SHEFFIELD, load_births

pytestmark = pytest.mark.e2e


def test_researcher_plans_registers_runs_and_reads_an_evaluation(page, db, sign_in, axe_violations):
    load_births()
    researcher = user_with_role("researcher", email="researcher@example.org")
    sign_in(page, researcher.email)
    page.goto("/evaluations/")
    assert "No evaluations yet." in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Plan an evaluation").click()
    assert axe_violations(page) == []
    page.fill("#id_title", "Welcome programme and births to mothers born abroad")
    page.fill("#id_question", "Did the share move differently after the programme started?")
    page.fill("#id_indicator_code", "not-a-code")
    page.fill("#id_treated_text", f"{BRISTOL}:2016\n{SHEFFIELD}:2017")
    page.click("button:has-text('Save the plan')")
    assert '"not-a-code" is not in the indicator catalogue' in page.locator(".govuk-error-summary").inner_text()
    assert page.locator("#id_treated_text").input_value() == f"{BRISTOL}:2016\n{SHEFFIELD}:2017"  # kept
    page.fill("#id_indicator_code", CODE)
    page.click("button:has-text('Save the plan')")
    assert "Evaluation plan saved." in page.locator("main").inner_text()
    page.get_by_role("link", name="Register the plan").click()
    assert axe_violations(page) == []
    page.click("button:has-text('Register and lock the plan')")
    assert "Registered" in page.locator("main").inner_text()
    page.click("button:has-text('Run the estimate')")
    main = page.locator("main").inner_text()
    assert "Estimated effect" in main and "Follows the registered plan" in main
    assert "2 treated, 38 comparison, over 9 periods" in main
    assert page.locator("svg[role=img]").count() == 1
    assert page.locator("table[data-chart]").locator("tbody tr").count() >= 8
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the replication package (panel CSV, specification, script)").click()
    assert download.value.suggested_filename.endswith(".zip")
