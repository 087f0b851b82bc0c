"""Peer learning in a real browser: a facilitator records a convening and opens a survey; five participants
answer through the link; the results appear only after the fifth; the facilitator drafts, edits and publishes a
learning report; the public reads it and downloads its PDF. Key pages pass axe."""

import datetime

import pytest

from inclusive_cities.core.factories import (
    CohortFactory,
    MembershipFactory,
    PlaceFactory,
    ProgrammeFactory,
    user_with_role,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def network(framework):
    bristol = PlaceFactory(code="E06000023", name="Bristol")
    programme = ProgrammeFactory(code="inclusive-cities", name="Inclusive Cities")
    cohort = CohortFactory(programme=programme, code="ic-phase-one", name="Phase one", start_year=2017)
    MembershipFactory(cohort=cohort, place=bristol)
    return bristol


def _context(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    return context.new_page()


def test_convening_survey_and_learning_report(page, browser, live_server, network, sign_in, axe_violations):
    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    participants = [user_with_role("officer", network, email=f"officer{i}@example.org") for i in range(5)]
    sign_in(page, facilitator.email)

    # 1. Record a convening (a missing aim first: the error summary names it).
    page.goto("/network/convenings/")
    page.get_by_role("link", name="Record a convening").click()
    page.select_option("#id_programme", label="Inclusive Cities")
    page.fill("#id_title", "Second meeting of the Working Group")
    page.select_option("#id_host", label="Bristol")
    page.fill("#id_start_date", "2018-10-11")
    page.fill("#id_end_date", "2018-10-12")
    page.click("button:has-text('Save')")
    assert "This field is required" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_aims", "Present draft action plans\nDiscuss emerging learning")
    page.select_option("#id_member_places", label=["Bristol"])
    page.click("button:has-text('Save')")
    assert "Convening saved." in page.content()
    assert "Present draft action plans" in page.locator("ol").first.inner_text()
    assert axe_violations(page) == []

    # 2. Build a survey from the template and open it.
    page.goto("/network/surveys/")
    page.select_option("#id_programme", label="Inclusive Cities")
    page.click("button:has-text('Create survey')")
    page.click("button:has-text('Open the survey')")
    link = page.locator("#answer-link").inner_text().strip()
    assert axe_violations(page) == []
    results_url = page.url.rstrip("/") + "/results/"

    # 3. Five participants answer; the results appear only after the fifth.
    for i, person in enumerate(participants, start=1):
        other = _context(browser, live_server)
        sign_in(other, person.email)
        other.goto(link)
        other.get_by_label("4 – Agree").first.check()
        if i == 1:
            assert axe_violations(other) == []
        other.click("button:has-text('Send my answers')")
        assert "your answers are in" in other.content()
        if i == 1:  # a second answer through the same link is refused, and says why
            other.goto(link)
            assert "already answered" in other.locator("#refused-message").inner_text()
        other.context.close()
        page.goto(results_url)
        if i < 5:
            assert "Fewer than 5 answers" in page.locator("#below-minimum").inner_text()
            assert page.locator("table[data-chart]").count() == 0
        else:
            assert "5 people answered" in page.locator("#results-total").inner_text()
            first_table = page.locator("table[data-chart]").first.inner_text()
            assert "Agree" in first_table and "5" in first_table
            assert axe_violations(page) == []

    # 4. Draft, edit and publish a learning report.
    page.goto("/network/reports/")
    page.select_option("#id_programme", label="Inclusive Cities")
    page.fill("#id_title", "Learning from phase one")
    page.fill("#id_period_start", "2017-03-01")
    page.fill("#id_period_end", datetime.date.today().isoformat())  # the survey was run today
    page.click("button:has-text('Draft the report')")
    assert "Second meeting of the Working Group" in page.locator("#section-process").inner_text()
    assert "5 people answered" in page.locator("#section-participants").inner_text()
    page.locator("#section-next").get_by_role("link", name="Edit").click()
    page.fill("#id_body", "Phase two adds learning partnerships between founder and new cities.")
    page.click("button:has-text('Save')")
    assert "Section saved." in page.content()
    page.click("button:has-text('Publish the report')")
    assert "Report published." in page.content()
    report_url = page.url

    # 5. The public reads it and downloads the PDF.
    public = _context(browser, live_server)
    public.goto("/network/reports/")
    public.get_by_role("link", name="Learning from phase one").click()
    assert public.url == report_url
    assert "learning partnerships between founder and new cities" in public.locator("#section-next").inner_text()
    assert axe_violations(public) == []
    pdf_href = public.locator("#report-pdf").get_attribute("href")
    response = public.request.get(pdf_href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    public.goto(results_url)
    assert "/sign-in/" in public.url  # survey results are never public
    public.context.close()


def test_partnership_discussion_and_advocacy_pages(page, browser, live_server, network, sign_in, axe_violations):
    """An officer accepts a proposed partnership and posts under the Chatham House rule; the facilitator moderates
    and publishes a position; every exchange page passes axe."""
    from inclusive_cities.exchange import services
    from inclusive_cities.exchange.models import BarrierKind
    from inclusive_cities.network.models import Programme

    liverpool = PlaceFactory(code="E08000012", name="Liverpool")
    MembershipFactory(cohort=Programme.objects.get().cohorts.get(), place=liverpool)
    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    officer = user_with_role("officer", network, email="officer@example.org", full_name="Ada Officer")
    user_with_role("officer", liverpool, email="liverpool@example.org")
    partnership = services.partnership_propose(by=facilitator, place_a=network, place_b=liverpool, aims="ESOL")
    services.barrier_record(
        by=facilitator, place=network, kind=BarrierKind.MOVE_ON, title="28 days is too short", rule="Move-on",
        evidence="Casework", local_figures="40 households a month", may_be_named=True,
    )  # fmt: skip

    sign_in(page, officer.email)
    page.goto(f"/network/partnerships/{partnership.pk}/")
    assert axe_violations(page) == []
    page.check("#id_respond-accept_0")
    page.click("button:has-text('Send answer')")
    assert "Saved." in page.content()
    assert "accepted" in page.content()

    page.goto("/network/discussions/")
    assert axe_violations(page) == []
    page.select_option("#id_programme", label="Inclusive Cities")
    page.fill("#id_title", "What did not work")
    page.fill("#id_body", "Our first taskforce met once and stopped.")
    page.check("#id_chatham_house")
    page.click("button:has-text('Start thread')")
    assert "Ada Officer" in page.content()  # members see the author
    assert axe_violations(page) == []
    page.get_by_role("link", name="Report").first.click()
    page.fill("#id_reason", "Test report")
    page.click("button:has-text('Save')")
    assert "a facilitator will look at the post" in page.content()

    page.goto("/network/advocacy/")
    assert "28 days is too short" in page.content()
    assert axe_violations(page) == []
    page.context.clear_cookies()

    sign_in(page, facilitator.email)
    page.goto("/network/discussions/")
    assert "Test report" in page.locator("#reported").inner_text()
    page.goto("/network/advocacy/")
    page.get_by_role("link", name="Draft a network position").click()
    page.fill("#id_title", "Extend the move-on period")
    page.click("button:has-text('Draft from the barriers recorded')")
    assert "40 households a month" in page.content()
    page.click("button:has-text('Publish the position')")
    assert "Position published." in page.content()
    assert axe_violations(page) == []
    for url in ["/network/learning/", "/network/partnerships/", "/network/surveys/", "/network/reports/",
                "/network/advocacy/barriers/new/", "/network/convenings/new/"]:  # fmt: skip
        page.goto(url)
        assert axe_violations(page) == [], url
