"""Issue 9's whole journey in a real browser, as a new officer meets it: sign in, follow the home checklist to
the place's plans, draft a plan of three priorities and six actions, set measures on the place's real figures
(the ONS mid-2022 file, imported as published), pin a case study with a note, and send the plan for review; the
sponsor finds the sign-off in their tasks and signs it off; the officer publishes; an anonymous visitor reads the
measures and the pinned evidence on the public page. axe on each new kind of page. The clicks are counted and
printed (`pytest -s`), so the journey's length can be compared from run to run."""

from pathlib import Path

import pytest

from inclusive_cities.core.factories import CohortFactory, MembershipFactory, ProgrammeFactory, user_with_role
from inclusive_cities.data import services as data_services
from inclusive_cities.evidence import services as evidence_services

pytestmark = pytest.mark.e2e

MYE = "ons_mye_mid2022_population_uk_la.csv"  # Bristol (E06000023), mid-2022: 479,024
PRIORITIES = [
    ("Welcome and belonging", "T1 ", ["Welcome campaign", "Neighbourhood welcome packs"]),
    ("Work and skills", "T2 ", ["Employer pledge", "Recognising qualifications"]),
    ("Language and learning", "T3 ", ["English conversation clubs", "ESOL places for parents"]),
]


class Clicks:
    def __init__(self, page):
        self.page, self.n = page, 0

    def click(self, selector=None, *, link=None, text=None):
        self.n += 1
        if link:
            self.page.get_by_role("link", name=link).first.click()
        elif text:
            self.page.get_by_text(text).first.click()
        else:
            self.page.click(selector)


def test_a_new_officer_from_sign_in_to_a_published_plan(
    page, browser, live_server, place, framework, sign_in, axe_violations
):
    MembershipFactory(cohort=CohortFactory(programme=ProgrammeFactory(end_year=None)), place=place)
    officer = user_with_role("officer", place, email="new.officer@example.org")
    sponsor = user_with_role("sponsor", place, email="sponsor@example.org")
    files = Path(data_services.__file__).resolve().parent / "files"
    assert (
        data_services.import_file(content=(files / MYE).read_bytes(), file_name=MYE, period="mid-2022").status
        == "applied"
    )
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

    sign_in(page, officer.email)
    me = Clicks(page)
    page.goto("/")
    step = page.locator("[data-step=plan_drafted]")
    assert step.get_attribute("data-state") == "not_started"
    me.n += 1
    step.locator("a").first.click()
    me.click(link="Start a new plan")
    page.fill("#id_title", "Bristol welcome plan")
    page.fill("#id_period_start", "2027-01-01")
    page.fill("#id_period_end", "2029-12-31")
    me.click("button:has-text('Save')")
    assert "Draft plan created" in page.content()
    plan_url = page.url
    for title, theme, actions in PRIORITIES:
        page.goto(plan_url)
        me.click(link="Add a priority")
        page.fill("#id_title", title)
        page.check(f"label:has-text('{theme}') >> xpath=../input")
        me.click("button:has-text('Save')")
        priority_url = page.url
        for n, action in enumerate(actions):
            page.goto(priority_url)
            me.click(link="Add an action")
            page.fill("#id_title", action)
            page.fill("#id_lead_organisation_name", "Bristol City Council")
            page.check("#id_timescale_0")
            page.select_option("#id_status", "not_started")
            me.click("button:has-text('Save action')")
            assert "Action added." in page.content()
            if n == 0:  # the first action of each priority is measured on the place's own figures
                me.click(text="Add a measure")  # opens the form in place
                page.select_option("#id_indicator", "population-mid-year|")
                page.fill("#id_target", "490000")
                page.fill("#id_target_date", "2029-06-30")
                me.click("button:has-text('Add measure')")
                assert "Measure added" in page.content()
                assert "479024.00" in page.locator("table.ic-measures").inner_text()
            if action == "English conversation clubs":
                me.click(text="Search the evidence base and pin case studies")
                page.fill("#pin-q", "conversation library")
                me.click("button:has-text('Search')")
                page.fill(f"#note-{case_study.slug}", "Volunteers, not paid tutors: cheap to start.")
                me.click("button:has-text('Pin Library conversation cafe')")
                assert "“Library conversation cafe” pinned." in page.content()
                assert axe_violations(page) == []
    page.goto(plan_url)
    text = page.locator("main").inner_text()
    assert all(a in text for _t, _th, actions in PRIORITIES for a in actions)
    assert axe_violations(page) == []
    me.click(link="Submit for review")
    me.click("main form button:has-text('Submit')")
    assert "Plan submitted for review." in page.content()
    page.goto("/")
    assert page.locator("[data-step=in_review]").get_attribute("data-state") == "in_progress"

    signer = browser.new_context(base_url=live_server.url).new_page()
    sign_in(signer, sponsor.email)
    them = Clicks(signer)
    signer.goto("/")
    task = signer.locator("[data-task-kind=plan_signoff] a")
    assert "Bristol welcome plan" in task.inner_text()
    them.n += 1
    task.click()
    assert axe_violations(signer) == []
    them.click("main form button:has-text('Sign off')")
    assert "Plan signed off." in signer.content()

    page.goto(plan_url)
    me.click(link="Publish")
    me.click("main form button:has-text('Publish')")
    assert "Plan published." in page.content()

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(plan_url)
    public = visitor.locator("main").inner_text()
    assert "Library conversation cafe" in public and "Volunteers, not paid tutors: cheap to start." in public
    assert public.count("479024") >= 3 or public.count("479,024") >= 3  # each measured action's baseline
    assert "Review comments" not in public
    assert axe_violations(visitor) == []
    print(f"\nclicks: officer {me.n} (3 priorities, 6 actions, 3 measures, 1 pin, submit, publish); sponsor {them.n}")
