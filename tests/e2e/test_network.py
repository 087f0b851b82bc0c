"""Running the network in a real browser: a facilitator creates a cohort, adds Leeds, invites its officer (who
accepts and shows on the membership), reads the network dashboard, publishes a framework version, reads the network
assessments (still compared) and downloads the report for funders as a PDF."""

import re
from importlib import import_module

import pytest
from django.core import mail

from inclusive_cities.core.factories import user_with_role

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(framework):
    for app in ["network", "plans", "assessments"]:
        import_module(f"inclusive_cities.{app}.demodata").load()


def test_facilitator_runs_the_network(page, browser, live_server, demo, sign_in, axe_violations, tmp_path, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    facilitator = user_with_role("facilitator", email="facilitator@example.org")
    sign_in(page, facilitator.email)

    # a new cohort, from the menu
    page.goto("/")
    page.locator("#navigation").get_by_role("link", name="Network", exact=True).click()
    assert axe_violations(page) == []
    page.locator("main").get_by_role("link", name="Inclusive Cities", exact=True).click()
    page.get_by_role("link", name="Create a cohort").click()
    page.fill("#id_name", "Phase three")
    page.fill("#id_start_year", "2026")
    page.fill("#id_end_year", "2028")
    page.fill("#id_description", "Bring northern cities into the method.")
    assert axe_violations(page) == []
    page.click("button:has-text('Create cohort')")
    assert "Cohort “Phase three” created" in page.content()

    # add Leeds
    page.click("#add-member")
    page.select_option("#id_place", "E08000035")
    page.check("input[name=kind][value=full]")
    page.fill("#id_joined_year", "2026")
    page.fill("#id_hosting_department", "Communities, Housing and Environment")
    assert axe_violations(page) == []
    page.click("button:has-text('Add place')")
    assert "Leeds added to Phase three." in page.content()
    assert "Leeds" in page.locator("#members").inner_text()
    assert axe_violations(page) == []

    # invite Leeds's officer from the cohort page; once they accept, the membership shows them
    cohort_url = page.url
    page.get_by_role("link", name="Invite an officer Leeds").click()
    assert page.locator("#id_place").input_value() == "E08000035"
    page.fill("#id_email", "officer@leeds.example.org")
    page.check("input[name=role][value=officer]")
    page.click("button:has-text('Send invitation')")
    assert page.get_by_text("Invitation sent to officer@leeds.example.org").is_visible()
    link = re.search(r"http://\S+/invitations/accept/\S+/", mail.outbox[-1].body).group(0)
    invitee = browser.new_context(base_url=live_server.url).new_page()
    invitee.goto(link)
    invitee.fill("#id_full_name", "Leeds Officer")
    invitee.fill("#id_password1", "correct-horse-battery-staple")
    invitee.fill("#id_password2", "correct-horse-battery-staple")
    invitee.click("button:has-text('Create account')")
    assert "Leeds" in invitee.locator("#roles").inner_text()
    page.goto(cohort_url)
    assert "Leeds Officer" in page.locator("#members").inner_text()

    # the network dashboard lists Leeds with its stage of the method
    page.locator("#navigation").get_by_role("link", name="Network dashboard").click()
    assert "Leeds" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    # the network assessments before
    page.goto("/network/assessments/")
    shared_before = page.locator("#coverage .govuk-summary-list__row").nth(3).locator("dd").inner_text()
    assert "Leeds" in page.locator("#places").inner_text()

    # publish 1.1 with one goal reworded, after reading it side by side
    page.goto("/framework/versions/")
    page.click("button:has-text('Start a new draft from version 1.0')")
    page.goto("/framework/versions/1.1/goals/T2.1/edit/")
    title = page.locator("#id_title")
    title.fill(title.input_value() + " (reworded)")
    page.click("main button:has-text('Save')")
    page.goto("/framework/versions/1.1/publish/")
    assert "Changed" in page.locator("#diff-T2").inner_text()
    assert axe_violations(page) == []
    page.fill("#id_change_note", "Goal T2.1 reworded.")
    page.click("button:has-text('Publish')")
    assert "Version 1.1 is published." in page.content()

    # the network comparison keeps its places
    page.goto("/network/assessments/")
    shared_after = page.locator("#coverage .govuk-summary-list__row").nth(3).locator("dd").inner_text()
    assert shared_after.split()[0] == shared_before.split()[0] and int(shared_after.split()[0]) >= 5
    assert "T1" in page.locator("#trend thead").inner_text()
    assert axe_violations(page) == []

    # the funder report, and its PDF
    page.goto("/network/")
    page.get_by_role("link", name="Report for funders and boards").click()
    assert "Leeds" in page.locator("#by-place").inner_text()
    assert axe_violations(page) == []
    page.click("#prepare-pdf")  # prepared in the background: at once with the inline task backend of the tests
    assert "Download the PDF (prepared on" in page.locator("#download-pdf").inner_text()
    assert axe_violations(page) == []
    with page.expect_download() as info:
        page.click("#download-pdf")
    path = tmp_path / "report.pdf"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
