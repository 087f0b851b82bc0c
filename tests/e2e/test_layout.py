"""Layout on a small screen, in a real browser on the demo network: at 320 px wide the header menu folds behind a
"Menu" button (with JavaScript) or wraps as a list (without), no page scrolls sideways, and axe finds no serious
problem, for a visitor and for a council officer."""

import pytest

from inclusive_cities.accounts.models import User
from inclusive_cities.core.tests.test_crawl import load_demo_without_data

pytestmark = pytest.mark.e2e

DEMO = "@demo.inclusive-cities.test"
WIDTH = 320


@pytest.fixture
def demo(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_without_data()
    from inclusive_cities.data import services
    from inclusive_cities.data.tests.conftest import read_file

    services.import_file(content=read_file("asylum_support_by_la_2014_2024.csv.gz"), file_name="asy.csv.gz")
    officer = User.objects.get(email=f"officer.bristol{DEMO}")
    officer.set_password("a-long-test-password")
    officer.save()
    return officer


def narrow_page(browser, live_server, **options):
    context = browser.new_context(base_url=live_server.url, viewport={"width": WIDTH, "height": 800}, **options)
    context.set_default_timeout(15_000)
    return context.new_page()


def fits(page) -> bool:
    return page.evaluate(f"document.documentElement.scrollWidth <= {WIDTH}")


def check_pages(page, paths, axe_violations):
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        assert fits(page), (path, page.evaluate("document.documentElement.scrollWidth"))
        assert page.locator(".govuk-service-navigation__toggle").is_visible(), path
        assert not page.locator("#navigation").is_visible(), path
        assert axe_violations(page) == [], path


def _plan_paths():
    from inclusive_cities.plans.models import ActionPlan

    published = ActionPlan.objects.get(place__code="E06000023", status="published")
    draft = ActionPlan.objects.get(place__code="E06000023", status="draft")
    action = published.priorities.first().actions.first()
    return published, draft, action


def test_at_320px_the_menu_folds_and_no_page_scrolls_sideways(browser, live_server, demo, sign_in, axe_violations):
    published, draft, action = _plan_paths()
    page = narrow_page(browser, live_server)

    # The menu folds behind a button that opens and closes it.
    page.goto("/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#navigation").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#navigation").get_by_role("link", name="Framework").is_visible()
    assert fits(page)
    page.screenshot(path="var/e2e-menu-open-320.png", full_page=True)
    toggle.click()
    assert not page.locator("#navigation").is_visible()

    # A visitor.
    check_pages(
        page,
        [
            "/",
            "/framework/",
            "/places/",
            "/places/E06000023/",
            "/network/",
            published.get_absolute_url(),
            "/evidence/",
            "/evidence/brighton-hove-migrant-needs-assessment/",
            "/places/E06000023/data/",
            "/data/indicators/asylum-support/",
        ],
        axe_violations,
    )

    # The council's officer, on their own work (with an invitation waiting, whose buttons must stay in view).
    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.accounts.services import invitation_create

    invitation_create(
        email="a.very.long.address.for.a.new.partner@community-organisation.example.org",
        role=PlaceRole.PARTNER,
        place=published.place,
        invited_by=demo,
        accept_url=lambda token: f"/invitations/accept/{token}/",
    )
    sign_in(page, demo.email)
    check_pages(
        page,
        [
            "/home/",
            "/places/E06000023/plans/",
            draft.get_absolute_url(),
            f"{draft.get_absolute_url()}priorities/add/",
            f"{published.get_absolute_url()}actions/{action.pk}/",
            "/places/E06000023/taskforce/",
            "/places/E06000023/baseline/",
            "/notifications/",
            "/invitations/",
        ],
        axe_violations,
    )
    assert "{#" not in page.content() and "{%" not in page.content()  # the card's comment is not printed
    withdraw = page.get_by_role("button", name="Withdraw")
    assert withdraw.is_visible() and withdraw.bounding_box()["x"] + withdraw.bounding_box()["width"] <= WIDTH
    page.screenshot(path="var/e2e-invitations-320.png", full_page=True)
    page.goto("/places/E06000023/baseline/")
    page.screenshot(path="var/e2e-officer-320.png", full_page=True)


def test_without_javascript_the_menu_wraps_as_a_list(browser, live_server, demo):
    page = narrow_page(browser, live_server, java_script_enabled=False)
    page.goto("/")
    assert not page.locator(".govuk-service-navigation__toggle").is_visible()
    for name in ["Framework", "Places", "Evidence"]:
        assert page.locator("#navigation").get_by_role("link", name=name, exact=True).is_visible(), name
    assert fits(page)


def test_on_a_wide_screen_the_menu_shows_without_a_button(page, demo):
    page.goto("/")
    assert not page.locator(".govuk-service-navigation__toggle").is_visible()
    assert page.locator("#navigation").is_visible()
