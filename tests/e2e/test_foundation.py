"""Journeys of the foundation in a real browser: browse framework and places, sign in, invite, accept."""

import re

import pytest
from django.core import mail

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.network.services import network_load, places_load

pytestmark = pytest.mark.e2e


@pytest.fixture
def world(framework):
    places_load()
    network_load()
    return framework


def test_public_pages_pass_axe_and_work_without_signing_in(page, world, axe_violations):
    for path in [
        "/",
        "/framework/",
        "/framework/versions/1.0/themes/T3/",
        "/places/",
        "/places/E06000023/",
        "/network/",
        "/network/cohorts/ic-phase-one/",
        "/account/sign-in/",
        "/about/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert axe_violations(page) == [], path


def test_browse_framework_and_find_a_place(page, world):
    page.goto("/framework/")
    assert page.locator("h1").inner_text() == "Inclusive Cities Framework"
    assert page.get_by_text("Provide local leadership to create change.").is_visible()
    page.get_by_role("link", name="Connecting communities.").click()
    assert page.locator("h2", has_text="What good looks like").is_visible()

    page.goto("/places/")
    page.fill("#id_q", "Glasgow")
    page.click("button:has-text('Apply filters')")
    page.get_by_role("link", name="Glasgow City").click()
    assert "S12000049" in page.locator("#place-facts").inner_text()
    assert "Economic Regeneration" in page.locator("#memberships").inner_text()


def test_facilitator_invites_an_officer_who_accepts(page, world, sign_in, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    facilitator = user_with_role("facilitator", email="fac@example.org")
    sign_in(page, facilitator.email)
    page.goto("/invitations/new/")
    page.fill("#id_email", "new.officer@example.org")
    page.fill("#id_full_name", "New Officer")
    page.check("input[name=role][value=officer]")
    page.fill("#id_place", "E06000023")
    page.click("button:has-text('Send invitation')")
    assert page.get_by_text("Invitation sent to new.officer@example.org").is_visible()
    page.click("button:has-text('Sign out')")

    link = re.search(r"http://\S+/invitations/accept/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.fill("#id_full_name", "New Officer")
    page.fill("#id_password1", "correct-horse-battery-staple")
    page.fill("#id_password2", "correct-horse-battery-staple")
    page.click("button:has-text('Create account')")
    assert page.get_by_text("Welcome. Your account is ready.").is_visible()
    assert "Local authority officer" in page.locator("#roles").inner_text()
    assert "Bristol" in page.locator("#roles").inner_text()


def test_invitation_form_shows_errors_in_a_summary(page, world, sign_in, axe_violations):
    facilitator = user_with_role("facilitator", email="fac2@example.org")
    sign_in(page, facilitator.email)
    page.goto("/invitations/new/")
    page.fill("#id_email", "not-an-email")
    page.check("input[name=role][value=officer]")
    page.fill("#id_place", "X99999999")
    page.click("button:has-text('Send invitation')")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter a valid email address." in summary
    assert "No place has the ONS code “X99999999”" in summary
    assert axe_violations(page) == []
