"""Evidence pinned to an action, in a real browser without custom JavaScript: the officer searches the evidence
base from the action, an empty note is refused on the field, the case study is pinned with a note, and once the
plan is published an anonymous visitor sees it with its source; the pin page passes axe."""

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evidence import services as evidence_services
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

pytestmark = pytest.mark.e2e


def test_officer_pins_a_case_study_to_an_action(page, browser, live_server, place, framework, sign_in, axe_violations):
    officer = user_with_role("officer", place, email="officer@example.org")
    case_study = evidence_services.case_study_create(
        by=None,
        credited_place=None,
        title="Library conversation cafe",
        place_name="Leeds",
        country="United Kingdom",
        summary="Volunteers run weekly conversation sessions in a library so that newcomers practise English.",
        source_document="Leeds learning report",
        source_section="2",
        year=2020,
        evidence_rating=1,
        themes=["T3"],
    )
    evidence_services.case_study_submit(case_study=case_study, by=None)
    evidence_services.case_study_publish(case_study=case_study, by=None)
    plan = make_plan(place, framework)
    action = plan.priorities.get().actions.get()
    sign_in(page, officer.email)
    page.goto(f"/places/{place.code}/plans/{plan.pk}/actions/{action.pk}/")
    page.get_by_text("Search the evidence base and pin case studies").click()
    page.fill("#pin-q", "conversation library")
    page.click("button:has-text('Search')")
    assert "Library conversation cafe" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.click("button:has-text('Pin Library conversation cafe')")
    assert "Enter why this case study matters to the plan." in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_note", "Volunteers, not paid tutors: cheap to start.")
    page.click("button:has-text('Pin Library conversation cafe')")
    assert "“Library conversation cafe” pinned." in page.content()
    assert "Volunteers, not paid tutors: cheap to start." in page.locator("main").inner_text()
    assert axe_violations(page) == []

    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(f"/places/{place.code}/plans/{plan.pk}/")
    text = visitor.locator("main").inner_text()
    assert "Library conversation cafe" in text and "Volunteers, not paid tutors: cheap to start." in text
    assert "Leeds learning report, section 2 (2020)" in text
    assert axe_violations(visitor) == []
    visitor.context.close()
