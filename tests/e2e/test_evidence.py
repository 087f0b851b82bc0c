"""Journeys of the evidence base in a real browser: search in everyday words, filter, open a case study;
an officer contributes a case study and a facilitator publishes it."""

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evidence import demodata, services
from inclusive_cities.network.services import places_load

pytestmark = pytest.mark.e2e


@pytest.fixture
def evidence(framework):
    places_load()
    services.case_studies_import(items=demodata.seed_items())
    return framework


def test_search_in_everyday_words_filter_and_open(page, evidence, axe_violations):
    page.goto("/evidence/")
    assert axe_violations(page) == []
    page.fill("#id_q", "helping new parents learn the language")
    page.click("button:has-text('Search')")
    first = page.locator("#results li").first
    assert "Swedish with your Baby" in first.inner_text()
    assert "Why it matched" in first.inner_text() and "Similar in meaning" in first.inner_text()
    assert first.locator("mark").count() > 0
    assert axe_violations(page) == []
    # Filter: only case studies in Ireland.
    page.select_option("#id_country", "Ireland")
    page.click("button:has-text('Search')")
    countries = page.locator("#results li").all_inner_texts()
    assert countries and all("Ireland" in text for text in countries)
    assert "Failte Isteach" in countries[0]
    page.get_by_role("link", name="Failte Isteach").click()
    assert page.locator("h1").inner_text() == "Failte Isteach"
    assert "Inclusive practices for newcomers at city level (COMPAS, 2017)" in page.locator("#citation").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="about the scale").click()
    assert page.locator("h1").inner_text() == "How we rate evidence"
    assert axe_violations(page) == []


def test_officer_submits_and_facilitator_publishes(page, evidence, sign_in, place):
    officer = user_with_role("officer", place, email="officer@example.org", full_name="Ola Officer")
    user_with_role("facilitator", email="fac@example.org")
    sign_in(page, officer.email)
    page.goto("/evidence/contribute/")
    page.fill("#id_title", "Welcome walks <b>for</b> newcomers")
    page.fill("#id_place_name", "Bristol")
    page.fill(
        "#id_summary",
        "Volunteers lead monthly walks for people who have just arrived, stopping at the library and the GP surgery.",
    )
    page.select_option("#id_intervention_type", "orientation and advice")
    page.check("input[name=themes][value=T3]")
    page.check("input[name=evidence_rating][value='1']")
    page.click("button:has-text('Submit for review')")
    assert "sent to a facilitator" in page.content()
    assert page.locator("h1").inner_text() == "Welcome walks <b>for</b> newcomers"  # escaped, shown as typed
    slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    page.click("button:has-text('Sign out')")

    # Not visible to the public before review.
    response = page.goto(f"/evidence/{slug}/")
    assert response.status == 404

    sign_in(page, "fac@example.org")
    page.goto("/evidence/contributions/")
    page.get_by_role("link", name="Welcome walks <b>for</b> newcomers").click()
    page.get_by_role("link", name="Review").click()
    page.check("input[name=decision][value=publish]")
    page.click("button:has-text('Record decision')")
    assert "Published" in page.content()
    page.click("button:has-text('Sign out')")

    page.goto("/evidence/?q=walks+for+people+who+just+arrived")
    page.locator("#results li").first.get_by_role("link").click()
    assert "Ola Officer" in page.locator("#credit").inner_text()
