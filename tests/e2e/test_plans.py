"""Action plan journeys in a real browser: an officer drafts a plan, adds a priority and an action and submits
it; a facilitator comments; the sponsor signs off (and another place's sponsor is refused); the officer
publishes; an anonymous visitor reads it; two people edit the same action and the second is shown the
difference. Every page passes axe."""

import pytest
from playwright.sync_api import Browser

from inclusive_cities.core.factories import PlaceFactory, user_with_role

pytestmark = pytest.mark.e2e


@pytest.fixture
def bristol(framework):
    return PlaceFactory(code="E06000023", name="Bristol")


def test_plan_from_draft_to_published(page, browser: Browser, live_server, bristol, sign_in, axe_violations):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sponsor = user_with_role("sponsor", bristol, email="sponsor@example.org")
    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    outsider = user_with_role("sponsor", PlaceFactory(code="E08000012", name="Liverpool"), email="other@example.org")

    sign_in(page, officer.email)
    page.goto("/places/E06000023/plans/")
    page.get_by_role("link", name="Start a new plan").click()
    page.fill("#id_title", "Bristol welcome plan")
    page.fill("#id_period_start", "2027-01-01")
    page.fill("#id_period_end", "2026-01-01")
    page.click("button:has-text('Save')")
    assert "end date must be the same as or after" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_period_end", "2028-12-31")
    page.click("button:has-text('Save')")
    assert "Draft plan created" in page.content()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Add a priority").click()
    page.fill("#id_title", "Welcome and belonging")
    page.check("label:has-text('T1 ') >> xpath=../input")
    page.click("button:has-text('Save')")
    page.get_by_role("link", name="Add an action").click()
    page.fill("#id_title", "Welcome campaign")
    page.fill("#id_lead_organisation_name", "Bristol City Council")
    page.check("#id_timescale_0")
    page.select_option("#id_status", "not_started")
    assert axe_violations(page) == []
    page.click("button:has-text('Save action')")
    assert "Action added." in page.content()
    action_url = page.url
    assert axe_violations(page) == []

    # Two people edit the same action: the second is refused and shown the difference.
    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in(other, user_with_role("officer", bristol, email="officer2@example.org").email)
    other.goto(action_url + "edit/")
    page.goto(action_url + "edit/")
    other.fill("#id_title", "Welcome campaign (their version)")
    other.click("button:has-text('Save action')")
    page.fill("#id_title", "Welcome campaign (my version)")
    page.click("button:has-text('Save action')")
    conflict = page.locator("#conflict").inner_text()
    assert "Someone else changed this action" in conflict
    assert "Welcome campaign (my version)" in conflict and "Welcome campaign (their version)" in conflict
    assert axe_violations(page) == []

    page.goto(action_url.split("actions/")[0])
    plan_url = page.url
    page.get_by_role("link", name="Submit for review").click()
    page.click("main form button:has-text('Submit')")
    assert "Plan submitted for review." in page.content()

    fac = browser.new_context(base_url=live_server.url).new_page()
    sign_in(fac, facilitator.email)
    fac.goto(plan_url)
    fac.fill("#new-comment", "<b>Please</b> add a measure.")
    fac.click("button:has-text('Add comment')")
    assert "<b>Please</b> add a measure." in fac.locator("#review ~ .govuk-inset-text").first.inner_text()
    assert axe_violations(fac) == []

    outsider_page = browser.new_context(base_url=live_server.url).new_page()
    sign_in(outsider_page, outsider.email)
    response = outsider_page.goto(plan_url + "step/sign-off/")
    assert response.status == 403
    assert "Only Bristol’s senior sponsor can sign off its plan" in outsider_page.content()
    assert "Bristol welcome plan" not in outsider_page.content()  # the unpublished plan stays hidden

    spons = browser.new_context(base_url=live_server.url).new_page()
    sign_in(spons, sponsor.email)
    spons.goto(plan_url)
    spons.get_by_role("link", name="Sign off").click()
    spons.click("main form button:has-text('Sign off')")
    assert "Plan signed off." in spons.content()

    page.goto(plan_url)
    page.get_by_role("link", name="Publish").click()
    page.click("main form button:has-text('Publish')")
    assert "Plan published." in page.content()

    anon = browser.new_context(base_url=live_server.url).new_page()
    anon.goto("/plans/")
    anon.get_by_role("link", name="Bristol welcome plan").click()
    assert "Published" in anon.content()
    assert "Review comments" not in anon.content()
    assert axe_violations(anon) == []
    anon.get_by_role("link", name="Dashboard: status by theme, overdue and stale actions, funding").click()
    assert axe_violations(anon) == []
