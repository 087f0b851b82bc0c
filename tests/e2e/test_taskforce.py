"""Journeys of the taskforce and baseline in a real browser: an officer adds an organisation and a member and
sees the coverage gaps change; maps an activity and sees the grid gap close; pages pass axe."""

import pytest

from inclusive_cities.core.factories import PlaceFactory, user_with_role

pytestmark = pytest.mark.e2e


@pytest.fixture
def bristol(framework):
    return PlaceFactory(code="E06000023", name="Bristol")


def test_officer_builds_the_taskforce_and_sees_gaps_change(page, bristol, sign_in, axe_violations):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sign_in(page, officer.email)

    page.goto("/places/E06000023/taskforce/coverage/")
    assert page.locator("tr[data-sector=business]").inner_text().strip().endswith("Gap")
    assert "Employer or business" in page.locator("#missing").inner_text()
    assert axe_violations(page) == []

    page.goto("/places/E06000023/taskforce/")
    assert (
        "Missing among the hardest to bring in: Employer or business, Migrant- or refugee-led"
        in page.locator("#coverage-summary").inner_text()
    )
    page.get_by_role("link", name="Add an organisation").click()
    # Invalid first: the error summary names the problem.
    page.click("button:has-text('Save')")
    assert "Enter the organisation’s name." in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_name", "Bristol Chamber of Commerce")
    page.select_option("#id_sector", "business")
    page.click("button:has-text('Save')")
    assert "Organisation saved." in page.content()
    assert "Bristol Chamber of Commerce" in page.locator("#organisations").inner_text()
    assert "Employer or business" not in page.locator("#coverage-summary").inner_text()

    page.get_by_role("link", name="Add a member").click()
    page.fill("#id_person_name", "Sam Taylor")
    page.select_option("#id_organisation", label="Bristol Chamber of Commerce")
    page.check("#id_role_0")
    page.check("#id_lived_experience")
    page.click("button:has-text('Save')")
    assert "explicit consent" in page.locator(".govuk-error-summary").inner_text()
    page.check("#id_lived_experience_consent")
    page.fill("#id_lived_experience_consent_date", "2026-01-15")
    page.click("button:has-text('Save')")
    assert "Taskforce member saved." in page.content()
    assert "Yes (consent 15 January 2026)" in page.locator("#members").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="See coverage by sector").click()
    assert page.locator("tr[data-sector=business]").inner_text().strip().endswith("Covered")
    assert page.locator("tr[data-sector=lived_experience]").inner_text().strip().endswith("Covered")
    assert "Employer or business" in page.locator("#covered").inner_text()


def test_partner_sees_the_taskforce_without_lived_experience(page, bristol, sign_in):
    from inclusive_cities.taskforce.models import TaskforceMember

    TaskforceMember.objects.create(
        place=bristol,
        person_name="Sam Taylor",
        lived_experience=True,
        lived_experience_consent=True,
        lived_experience_consent_date="2026-01-15",
    )
    partner = user_with_role("partner", bristol, email="partner@example.org")
    sign_in(page, partner.email)
    page.goto("/places/E06000023/taskforce/")
    assert "Sam Taylor" in page.locator("#members").inner_text()
    assert "consent" not in page.locator("#members").inner_text().lower()
    assert page.get_by_role("link", name="Add a member").count() == 0


def test_officer_maps_an_activity_and_the_grid_gap_closes(page, bristol, sign_in, axe_violations):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sign_in(page, officer.email)
    page.goto("/places/E06000023/baseline/")
    assert "25 theme and principle pairs have no activity." in page.locator("#baseline-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Add an activity").click()
    page.fill("#id_what", "Welcome cafe")
    page.fill("#id_lead_text", "Example charity")
    page.check("input[name=themes] >> nth=2")  # T3
    page.check("input[name=principles] >> nth=1")  # P2
    page.check("input[name=status][value=ongoing]")
    page.fill("#id_funding_amount", "5000")
    page.click("button:has-text('Save')")
    assert "Say whether the funding is secured or sought." in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.check("input[name=funding_status][value=sought]")
    page.click("button:has-text('Save')")
    assert page.locator("h1").inner_text() == "Welcome cafe"
    assert axe_violations(page) == []
    page.get_by_role("link", name="Baseline", exact=True).click()
    assert "24 theme and principle pairs have no activity." in page.locator("#baseline-summary").inner_text()
    cell = page.locator("tr[data-theme=T3] td[data-principle=P2]")
    cell.get_by_role("link").click()
    assert "Welcome cafe" in page.locator("#activity-list").inner_text()


def test_officer_records_a_meeting_and_facilitator_sees_the_network(page, bristol, sign_in, axe_violations):
    from inclusive_cities.taskforce.models import Organisation, TaskforceMember

    org = Organisation.objects.create(place=bristol, name="Bristol Refugee Rights", sector="voluntary")
    TaskforceMember.objects.create(place=bristol, organisation=org, person_name="Bea Jones")
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sign_in(page, officer.email)
    page.goto("/places/E06000023/taskforce/meetings/")
    page.get_by_role("link", name="Record a meeting").click()
    page.fill("#id_title", "Second taskforce meeting")
    page.fill("#id_date", "2026-03-04")
    page.check("input[name=attendees] >> nth=0")
    page.fill("#id_decisions", "Invite the chamber of commerce.")
    page.click("button:has-text('Save')")
    assert "Meeting saved." in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Second taskforce meeting").click()
    assert "Bea Jones (Bristol Refugee Rights)" in page.locator("#attendees").inner_text()
    assert "Invite the chamber of commerce." in page.locator("#decisions").inner_text()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    facilitator = user_with_role("facilitator", email="fac@example.org")
    sign_in(page, facilitator.email)
    page.goto("/network/taskforce-coverage/")
    row = page.locator("tr[data-place=E06000023]")
    assert "Employer or business" in row.inner_text() and "1 / 14" in row.inner_text()
    assert axe_violations(page) == []


def test_public_sees_organisations_once_a_plan_is_published(page, bristol, framework, axe_violations):
    import datetime

    from inclusive_cities.plans.models import ActionPlan
    from inclusive_cities.taskforce.models import Organisation, TaskforceMember

    Organisation.objects.create(place=bristol, name="University of Bristol", sector="university")
    TaskforceMember.objects.create(place=bristol, person_name="Private Person")
    page.goto("/places/E06000023/taskforce/")
    assert "/account/sign-in/" in page.url
    ActionPlan.objects.create(
        place=bristol,
        title="Plan",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 1, 1),
        framework=framework,
        status="published",
    )
    page.goto("/places/E06000023/taskforce/")
    assert "University of Bristol" in page.locator("#organisations").inner_text()
    assert "Private Person" not in page.content()
    assert axe_violations(page) == []
