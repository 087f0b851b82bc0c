"""The home journey in a real browser: an officer signs in, sees the checklist for their place and their tasks,
follows a task's link and submits the plan; the sponsor finds the sign-off in their tasks (and a notification);
a facilitator reads the network dashboard. axe on each page; at 320 px wide nothing scrolls sideways."""

import pytest

from inclusive_cities.core.factories import (
    CohortFactory,
    MembershipFactory,
    PlaceFactory,
    ProgrammeFactory,
    user_with_role,
)
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.tests.conftest import make_plan

pytestmark = pytest.mark.e2e


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_journey(page, browser, live_server, framework, sign_in, axe_violations):
    bristol = PlaceFactory(code="E06000023", name="Bristol")
    cohort = CohortFactory(programme=ProgrammeFactory(end_year=None))
    MembershipFactory(cohort=cohort, place=bristol, sponsor_role="Deputy mayor")
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sponsor = user_with_role("sponsor", bristol, email="sponsor@example.org")
    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    plan = make_plan(bristol, framework, title="Bristol welcome plan")
    plan = plan_services.plan_submit(plan=plan, by=officer)
    comment = plan_services.comment_add(plan=plan, by=facilitator, body="Please add a measure.")
    plan_services.plan_return_to_draft(plan=plan, by=sponsor)

    # The officer: checklist and tasks on the home page.
    sign_in(page, officer.email)
    page.goto("/")
    assert page.locator("h1").inner_text().startswith("Welcome")
    checklist = page.locator("#places .govuk-task-list")
    assert checklist.locator("[data-step=commitment][data-state=done]").count() == 1
    assert checklist.locator("[data-step=plan_drafted][data-state=in_progress]").count() == 1
    assert page.locator("[data-task-kind=comments_resolve] a").count() == 1
    assert "(2" in page.locator("#notifications-link").inner_text()  # comment posted, returned to draft
    assert axe_violations(page) == []
    page.locator("[data-task-kind=comments_resolve] a").click()
    assert f"/plans/{plan.pk}/" in page.url
    assert "Please add a measure." in page.content()
    plan_services.comment_resolve(comment=comment, by=officer)
    page.goto(f"/places/E06000023/plans/{plan.pk}/step/submit/")
    page.click("main form .govuk-button")
    page.goto("/")
    assert page.locator("#no-tasks").count() == 1
    assert page.locator("[data-step=in_review][data-state=in_progress]").count() == 1

    # At 320 px wide, the home page does not scroll sideways.
    small = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800}).new_page()
    sign_in(small, officer.email)
    small.goto("/")
    assert no_sideways_scroll(small)
    small.screenshot(path="var/e2e-home-320.png", full_page=True)

    # The sponsor: the sign-off task and its notification.
    other = browser.new_context(base_url=live_server.url).new_page()
    sign_in(other, sponsor.email)
    other.goto("/")
    task = other.locator("[data-task-kind=plan_signoff] a")
    assert task.count() == 1 and "Bristol welcome plan" in task.inner_text()
    task.click()
    assert other.url.endswith(f"/plans/{plan.pk}/step/sign-off/")
    other.goto("/notifications/")
    assert "waits for your sign-off" in other.locator("#notifications").inner_text()
    assert axe_violations(other) == []

    # The facilitator: the network dashboard from the menu.
    fac = browser.new_context(base_url=live_server.url).new_page()
    sign_in(fac, facilitator.email)
    fac.goto("/")
    assert fac.locator("#network-summary").count() == 1
    fac.get_by_role("link", name="Network dashboard").first.click()
    row = fac.locator("tr[data-place=E06000023]")
    assert row.count() == 1
    assert fac.locator("#awaiting-signoff").inner_text().strip().startswith("Bristol")
    assert axe_violations(fac) == []
    narrow = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800}).new_page()
    sign_in(narrow, facilitator.email)
    narrow.goto("/network/dashboard/")
    assert no_sideways_scroll(narrow)
    narrow.screenshot(path="var/e2e-dashboard-320.png", full_page=True)
