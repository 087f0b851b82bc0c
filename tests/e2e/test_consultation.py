"""Consultation on a draft plan in a real browser: an officer opens a consultation on Bristol's plan in review; a
resident finds it from the place page on a 320 px phone WITHOUT JavaScript and answers (a Welsh-speaking resident
answers on the Welsh pages); the pages pass axe at 320 px in English and Welsh; the officer reads the results (counts
only from five answers), moderates a comment and records "you said, we did", which the public reads on the plan
once it is published."""

import datetime

import pytest

from inclusive_cities.consultation import services
from inclusive_cities.consultation.models import Consultation, Response
from inclusive_cities.core.factories import PlaceFactory, user_with_role
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

pytestmark = pytest.mark.e2e


@pytest.fixture
def plan(framework):
    bristol = PlaceFactory(code="E06000023", name="Bristol")
    plan = make_plan(bristol, framework, status=PlanStatus.IN_REVIEW)
    plan_services.priority_save(
        plan=plan, by=None, title="Fair access to services", description="", order=2,
        themes=list(framework.themes.filter(code="T2")), principles=[],
    )  # fmt: skip
    return plan


def _phone(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 800}, java_script_enabled=javascript
    )
    context.set_default_timeout(15_000)
    return context.new_page()


def _narrow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= 320")


def test_resident_answers_on_a_phone_and_the_officer_reads_the_results(
    page, browser, live_server, plan, sign_in, axe_violations
):
    officer = user_with_role("officer", plan.place, email="officer@example.org")
    today = datetime.date.today()

    # 1. The officer opens a consultation from the plan in review (a closing day before the opening day first).
    sign_in(page, officer.email)
    page.goto(plan.get_absolute_url())
    page.get_by_role("link", name="Open a consultation on this draft plan").click()
    page.fill("#id_opens_on", today.isoformat())
    page.fill("#id_closes_on", (today - datetime.timedelta(days=1)).isoformat())
    page.click("button:has-text('Save')")
    assert "close on or after the day it opens" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_closes_on", (today + datetime.timedelta(days=28)).isoformat())
    page.fill("#id_introduction", "Tell us what you think of the draft plan before it is signed off.")
    page.click("button:has-text('Save')")
    assert "Consultation saved." in page.content()
    consultation = Consultation.objects.get()
    detail_path = consultation.get_absolute_url()

    # 2. A resident on a 320 px phone without JavaScript finds it from the place page and answers.
    phone = _phone(browser, live_server, javascript=False)
    phone.goto(plan.place.get_absolute_url())
    phone.get_by_role("link", name=consultation.title).click()
    assert phone.url.endswith(detail_path) and _narrow(phone)
    phone.get_by_role("button", name="Answer the consultation").click()
    assert _narrow(phone)
    phone.click("button:has-text('Send my answers')")  # nothing chosen: the error says so, nothing is stored
    assert "Answer at least one question" in phone.locator(".govuk-error-summary").inner_text()
    assert Response.objects.count() == 0
    phone.get_by_label("Agree", exact=True).first.check()
    phone.get_by_label("Anything you want to tell us about “Welcome and belonging”? (optional)").fill(
        "My name is Amira and I live on Stapleton Road: the welcome campaign should be in Arabic too."
    )
    phone.click("button:has-text('Send my answers')")
    assert "your answers are in" in phone.locator("h1").inner_text()
    phone.context.close()

    # 3. axe at 320 px, in English and in Welsh, on the consultation, the form (with an error) and the thank-you
    # page; a Welsh-speaking resident answers on the Welsh pages.
    for prefix in ("", "/cy"):
        checker = _phone(browser, live_server, javascript=True)
        checker.goto(prefix + detail_path)
        assert checker.locator("html").get_attribute("lang") == ("cy" if prefix else "en-gb")
        assert axe_violations(checker) == [], prefix
        checker.goto(prefix + consultation.answer_url())
        checker.click("button[type=submit]")
        assert checker.locator(".govuk-error-summary").count() == 1
        assert axe_violations(checker) == [], prefix
        assert _narrow(checker)
        checker.locator("input[type=radio][value='5']").first.check()
        checker.click("button[type=submit]")
        assert checker.url.endswith("/thanks/")
        assert axe_violations(checker) == [], prefix
        checker.context.close()
    assert sorted(Response.objects.values_list("language", flat=True)) == ["cy", "en-gb", "en-gb"]

    # 4. Results: with three answers, no counts; two more (the test's own) make five, and the counts appear.
    results_url = f"/places/{plan.place.code}/consultations/{consultation.pk}/results/"
    page.goto(results_url)
    assert "3 responses so far" in page.locator("#results-total").inner_text()
    assert "fewer than 5 answers, not shown" in page.content()
    assert "Stapleton Road" not in page.content()  # the raw comment is never on the results page
    for value in ("4", "2"):
        services.response_submit(
            consultation=consultation, answers={f"agree_{plan.priorities.first().pk}": value}, language="en-gb"
        )
    page.goto(results_url)
    table = page.locator("table").first.inner_text()
    assert "Agree\t2" in table and "Strongly agree\t2" in table and "Disagree\t1" in table
    assert axe_violations(page) == []

    # 5. Moderation: the officer removes the name and street, and the copy is shown.
    page.get_by_role("link", name="Moderate comments").first.click()
    assert "Stapleton Road" in page.locator("#raw-text").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_text", "The welcome campaign should be in Arabic too.")
    page.get_by_label("Show the moderated comment").check()
    page.click("button:has-text('Save and next')")
    assert "No comments wait for moderation." in page.content()
    page.goto(results_url)
    comments = page.locator("ul.comments").first.inner_text()
    assert "in Arabic too" in comments and "Stapleton" not in comments and "Amira" not in comments

    # 6. You said, we did; published with the plan.
    page.goto(f"/places/{plan.place.code}/consultations/{consultation.pk}/you-said-we-did/")
    page.get_by_label("You said: Welcome and belonging").fill("Run the welcome campaign in more languages.")
    page.get_by_label("We did: Welcome and belonging").fill("The campaign will be in English, Welsh and Arabic.")
    page.click("button:has-text('Save')")
    assert "Saved." in page.content()
    assert axe_violations(page) == []
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    public = _phone(browser, live_server, javascript=False)
    public.goto(plan.get_absolute_url())
    section = public.locator("#you-said-we-did-section").inner_text()
    assert "English, Welsh and Arabic" in section
    public.goto(detail_path)
    assert public.locator("#closed").count() == 1 and public.locator("#start").count() == 0
    public.context.close()
