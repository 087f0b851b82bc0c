"""Self-assessment journeys in a real browser: an officer saves and continues through the questions, checks the
answers, sees scores and the heat map, turns a gap into a priority of a chosen plan; a partner contributes and the
officer accepts; the narrative is written and published; the sponsor confirms from the check-answers page."""

import pytest

from inclusive_cities.assessments.models import Answer, Assessment
from inclusive_cities.core.factories import PlaceFactory, user_with_role

pytestmark = pytest.mark.e2e


@pytest.fixture
def bristol(framework):
    return PlaceFactory(code="E06000023", name="Bristol", region="South West")


def test_officer_answers_sees_scores_and_heat_map_and_turns_a_gap_into_a_priority(
    page, bristol, sign_in, axe_violations
):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sign_in(page, officer.email)
    page.goto("/places/E06000023/assessments/")
    page.get_by_role("link", name="Start a self-assessment").click()
    page.fill("#id_title", "Baseline 2026")
    page.check("input[name=sharing][value=network]")
    page.click("button:has-text('Start')")
    assert page.locator("h1").inner_text() == "Baseline 2026"
    assert axe_violations(page) == []

    framework = Assessment.objects.get(place=bristol).framework
    total = sum(t.goals.count() for t in framework.themes.all()) + framework.themes.count() * 5
    assert f"0 of {total} answered" in page.locator("#progress").inner_text()

    # save and continue through the questions in order: T1.1 at level 3 (established), then T1.2 at 1 (emerging)
    page.get_by_role("link", name="Start answering").click()
    assert "T1.1" in page.locator("h1").inner_text()
    assert f"Question 1 of {total}" in page.content()
    assert axe_violations(page) == []
    page.check("input[name=level][value='3']")
    page.fill("#id_evidence", "Narrative agreed with the taskforce in March.")
    page.fill("#id_links", "https://example.org/narrative")
    page.check("input[name=confidence][value=high]")
    page.click("button:has-text('Save and continue')")
    assert "Answer saved." in page.content()
    assert "T1.2" in page.locator("h1").inner_text()
    assert f"1 of {total} answered" in page.locator("#progress").inner_text()
    page.check("input[name=level][value='1']")
    page.click("button:has-text('Save and continue')")
    assert "T1.3" in page.locator("h1").inner_text()
    # an empty answer is refused on the field, not reported as saved
    page.click("button:has-text('Save and continue')")
    assert "Nothing to save" in page.locator(".govuk-error-summary").inner_text()
    assert "T1.3" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Back to the assessment").click()

    # principle P1 in T1 at level 2, then save and come back later
    page.get_by_role("link", name="Answer P1 T1").click()
    page.check("input[name=level][value='2']")
    page.click("button:has-text('Save and come back later')")
    assert "You can come back and carry on" in page.content()
    assert f"3 of {total} answered" in page.locator("#progress").inner_text()

    # check your answers: unanswered questions listed with links; Change goes to the question and back here
    page.get_by_role("link", name="Check your answers").click()
    assert page.locator("h1").inner_text() == "Check your answers"
    assert "T1.3" in page.locator("#unanswered-list").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Change T1.2").click()
    page.fill("#id_evidence", "A pilot in two wards.")
    page.click("button:has-text('Save and return to check your answers')")
    assert page.locator("h1").inner_text() == "Check your answers"
    assert "A pilot in two wards." in page.locator("#q-T1\\.2").inner_text()
    assert "senior sponsor confirms the assessment from this page" in page.content()
    page.get_by_role("link", name="Back to the assessment").click()

    # T1: (3 + 1) / 2 = 2 -> 50.0, 2 of 4 answered; P1: 2 -> 50.0; heat map cell T1 x P1 = 50
    t1 = page.locator("#theme-scores tbody tr").first
    assert "50.0" in t1.inner_text() and "2 of 4" in t1.inner_text()
    first_cell = page.locator("#heatmap tbody tr").first.locator("td").first
    assert "50" in first_cell.inner_text() and "developing" in first_cell.inner_text()
    assert "The network figures are hidden" in page.locator("#network-comparison").inner_text()
    assert axe_violations(page) == []

    # the gap becomes a priority only once the plan is chosen and the addition confirmed
    from inclusive_cities.plans.models import Priority

    page.get_by_role("link", name="Turn this gap into a priority (T1)").click()
    assert axe_violations(page) == []
    page.get_by_label("Start a new draft plan").check()
    page.click("button:has-text('Continue')")
    assert "This will start a new draft plan" in page.locator("#what-happens").inner_text()
    assert axe_violations(page) == []
    assert not Priority.objects.exists()
    page.get_by_role("button", name="Add the priority").click()
    priority = Priority.objects.get(plan__place=bristol)
    assert priority.plan.status == "draft"
    assert "scored 50.0 out of 100" in priority.description


def test_partner_contributes_and_officer_accepts(page, bristol, sign_in, browser, live_server):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    partner = user_with_role("partner", bristol, email="partner@example.org", full_name="Pat Partner")
    sign_in(page, officer.email)
    page.goto("/places/E06000023/assessments/new/")
    page.fill("#id_title", "Baseline")
    page.check("input[name=sharing][value=private]")
    page.click("button:has-text('Start')")
    page.get_by_role("link", name="Ask partners to contribute").click()
    page.select_option("#id_partner", label="Pat Partner")
    page.get_by_label("T2.2 Engage employers and business as partners in inclusion").check()
    page.click("button:has-text('Ask')")
    assessment = Assessment.objects.get(place=bristol)

    other = browser.new_context(base_url=live_server.url)
    partner_page = other.new_page()
    sign_in(partner_page, partner.email)
    partner_page.goto(assessment.get_absolute_url())
    partner_page.get_by_role("link", name="Answer T2.2").click()
    partner_page.check("input[name=level][value='2']")
    partner_page.fill("#id_evidence", "Six employers signed the pledge.")
    partner_page.click("button:has-text('Send to the officer')")
    assert "The officer will review" in partner_page.content()
    other.close()
    assert not Answer.objects.filter(assessment=assessment).exists()

    page.goto(assessment.get_absolute_url())
    page.get_by_role("button", name="Accept T2.2").click()
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.goal.code, answer.level, answer.answered_by) == ("T2.2", 2, partner)
    assert "Answered by Pat Partner" in page.locator("#q-T2\\.2").inner_text()


def test_officer_writes_and_publishes_the_narrative(page, bristol, sign_in, axe_violations):
    officer = user_with_role("officer", bristol, email="officer@example.org")
    sign_in(page, officer.email)
    page.goto("/places/E06000023/narrative/")
    page.get_by_role("link", name="Write the narrative").click()
    page.fill("#id_campaign_name", "We Are Bristol")
    page.fill("#id_statement", "A city of many arrivals, telling one story.")
    page.get_by_label("Employers").check()
    page.get_by_label("Stronger together").check()
    page.get_by_role("checkbox", name="A local story", exact=True).check()
    assert axe_violations(page) == []
    page.click("button:has-text('Save narrative')")
    assert page.locator("h1").inner_text() == "We Are Bristol"
    page.get_by_role("button", name="Publish").click()
    assert "Narrative published." in page.content()
    assert axe_violations(page) == []
    page.context.clear_cookies()
    page.goto("/places/E06000023/narrative/")
    assert "A city of many arrivals" in page.locator("#statement").inner_text()


def test_sponsor_confirms_and_sharing_decides_who_sees_it(page, bristol, sign_in, browser, live_server):
    from inclusive_cities.assessments import services

    officer = user_with_role("officer", bristol, email="officer@example.org")
    sponsor = user_with_role("sponsor", bristol, email="sponsor@example.org", full_name="Sam Sponsor")
    outsider = user_with_role("officer", PlaceFactory(code="E08000012", name="Liverpool"), email="lpool@example.org")
    assessment = services.assessment_create(
        place=bristol, framework=bristol_framework(), title="Baseline", sharing="network", by=officer
    )
    goal = assessment.framework.themes.get(code="T1").goals.get(code="T1.1")
    services.answer_save(assessment=assessment, by=officer, goal=goal, level=2)

    sign_in(page, sponsor.email)
    page.goto(assessment.get_absolute_url())
    page.get_by_role("link", name="Confirm this assessment").click()
    assert page.locator("h1").inner_text() == "Check the answers before confirming"
    page.get_by_role("button", name="Confirm the assessment").click()
    assert "Assessment confirmed." in page.content()
    assert "Sam Sponsor" in page.locator("#assessment-facts").inner_text()

    other = browser.new_context(base_url=live_server.url)
    other_page = other.new_page()
    assert other_page.goto(assessment.get_absolute_url()).status == 404  # network sharing: not for anonymous
    sign_in(other_page, outsider.email)
    assert other_page.goto(assessment.get_absolute_url()).status == 200  # a signed-in member of the network
    other.close()


def test_officer_sends_to_the_sponsor_who_confirms_from_home_on_a_phone(
    page, bristol, sign_in, browser, live_server, axe_violations
):
    from inclusive_cities.assessments import services

    officer = user_with_role("officer", bristol, email="officer@example.org")
    sponsor = user_with_role("sponsor", bristol, email="sponsor@example.org", full_name="Sam Sponsor")
    assessment = services.assessment_create(
        place=bristol, framework=bristol_framework(), title="Spring baseline", sharing="private", by=officer
    )
    goal = assessment.framework.themes.get(code="T1").goals.get(code="T1.1")
    services.answer_save(assessment=assessment, by=officer, goal=goal, level=2)

    # the officer, at 1280 px: check the answers, send to the sponsor
    sign_in(page, officer.email)
    page.goto(f"{assessment.get_absolute_url()}check/")
    assert "questions are still unanswered" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send to the sponsor").click()
    assert "Sent to the sponsor" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    # the sponsor, on a phone: the task is on their home page, one tap to the check page, then confirm
    phone = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800}).new_page()
    sign_in(phone, sponsor.email)
    phone.goto("/home/")
    task = phone.get_by_role("link", name="Confirm the self-assessment “Spring baseline”", exact=False)
    assert phone.evaluate("document.documentElement.scrollWidth <= 320")
    assert axe_violations(phone) == []
    task.first.click()
    assert phone.evaluate("document.documentElement.scrollWidth <= 320")
    assert axe_violations(phone) == []
    phone.get_by_role("button", name="Confirm the assessment").click()
    assert "Assessment confirmed." in phone.content()
    phone.goto("/home/")
    assert phone.get_by_text("Confirm the self-assessment").count() == 0
    phone.context.close()


def bristol_framework():
    from inclusive_cities.framework.selectors import framework_current

    return framework_current()
