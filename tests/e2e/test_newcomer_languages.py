"""Newcomers' languages in a real browser (issue 14): an officer offers Arabic and enters the translation of the
published plan's summary; a visitor on a phone, without JavaScript, follows "Read this in: العربية" and reads it
laid out right to left (checked by geometry and computed style), with who translated it and a link to the English;
axe on every page."""

import pytest

from inclusive_cities.core.factories import PlaceFactory, user_with_role
from inclusive_cities.plans.models import PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

from .conftest import PASSWORD

pytestmark = pytest.mark.e2e

WIDTH = 320
AR_TITLE = "خطة الاندماج في بريستول"  # "Bristol's integration plan"
AR_VISION = "مدينة يشعر فيها القادمون الجدد بالانتماء."  # "A city where newcomers belong."
AR_PRIORITY = "الترحيب والانتماء"  # "Welcome and belonging"


@pytest.fixture
def bristol(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from inclusive_cities.framework.services import framework_load

    place = PlaceFactory(code="E06000023", name="Bristol")
    plan = make_plan(place, framework_load(), status=PlanStatus.PUBLISHED)
    officer = user_with_role("officer", place)
    return place, plan, officer


def test_an_officer_offers_arabic_and_a_visitor_reads_it_right_to_left(
    browser, live_server, bristol, sign_in, axe_violations, page
):
    place, plan, officer = bristol
    page.set_default_timeout(60_000)  # a loaded machine: patience, not a timed assertion
    # The officer chooses Arabic and enters the translation (1280 px).
    sign_in(page, officer.email, PASSWORD)
    page.goto(f"/places/{place.code}/languages/")
    assert axe_violations(page) == []
    page.get_by_label("Arabic").check()
    page.get_by_role("button", name="Save the languages").click()
    page.get_by_role("link", name="Enter the translation – Arabic, Bristol inclusion plan").click()
    assert page.get_by_label("Title").get_attribute("dir") == "rtl"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save the translation").click()  # empty: refused, with the problem named
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Enter the title" in page.locator(".govuk-error-summary").inner_text()
    page.get_by_label("Title").fill(AR_TITLE)
    page.get_by_label("Vision").fill(AR_VISION)
    page.get_by_label("Priority 1").fill(AR_PRIORITY)
    page.get_by_label("Translated by").fill("Bristol Translation Service")
    page.get_by_label("Date it was translated").fill("2026-03-02")
    page.get_by_role("button", name="Save the translation").click()
    page.wait_for_url(f"**/places/{place.code}/languages/")
    assert "Up to date" in page.locator("#translations").inner_text()
    page.context.close()

    # A visitor on a phone without JavaScript finds the link on the published plan and follows it.
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": WIDTH, "height": 800}, java_script_enabled=False
    )
    context.set_default_timeout(60_000)
    visitor = context.new_page()
    visitor.goto(plan.get_absolute_url())
    visitor.locator("#read-this-in").get_by_role("link", name="العربية").click()
    visitor.wait_for_url(f"**/plans/{plan.pk}/in/ar/")
    assert visitor.locator("#translated-title").inner_text() == AR_TITLE
    assert "Translated by Bristol Translation Service on 2 March 2026." in visitor.locator("#credit").inner_text()
    translated_url = visitor.url
    visitor.get_by_role("link", name="Read the English original").click()
    visitor.wait_for_url(f"**{plan.get_absolute_url()}")
    context.close()

    # The same page at 320 px with the browser's layout inspected: right to left, fitting the phone, and axe-clean.
    context = browser.new_context(base_url=live_server.url, viewport={"width": WIDTH, "height": 800})
    context.set_default_timeout(60_000)
    phone = context.new_page()
    phone.goto(translated_url)
    container = phone.locator("#translation")
    assert container.get_attribute("lang") == "ar"
    assert phone.evaluate("getComputedStyle(document.querySelector('#translation')).direction") == "rtl"
    assert phone.evaluate("getComputedStyle(document.querySelector('#translated-priorities li')).direction") == "rtl"
    assert phone.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"  # the page around it
    box = container.bounding_box()
    item = phone.locator("#translated-priorities li span").first.bounding_box()
    # the first priority's text ends at the container's right edge and leaves its left side empty
    assert abs((box["x"] + box["width"]) - (item["x"] + item["width"])) <= 25, (box, item)
    assert item["x"] - box["x"] > 40, (box, item)
    # its number sits to the right of the text, in the list's own margin inside the container (not pushed past
    # the container's right edge, as it is when the left-to-right list padding is kept)
    item_right = phone.evaluate("document.querySelector('#translated-priorities li').getBoundingClientRect().right")
    assert box["x"] + box["width"] - item_right >= 15, (box, item_right)
    title = phone.locator("#translated-title").bounding_box()
    assert abs((box["x"] + box["width"]) - (title["x"] + title["width"])) < 2
    assert phone.evaluate(f"document.documentElement.scrollWidth <= {WIDTH}")
    assert axe_violations(phone) == []
    phone.screenshot(path="var/e2e-newcomer-languages-ar-320.png", full_page=True)
    context.close()
