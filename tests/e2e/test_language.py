"""Welsh in a real browser (issue 14): the switch on every page, the Welsh address, the choice remembered, a browser
set to Welsh on a first visit; axe on the Welsh pages, and at 320 px wide no Welsh page scrolls sideways."""

import pytest

from .test_layout import WIDTH, demo, fits, narrow_page  # noqa: F401 - `demo` is a fixture

pytestmark = pytest.mark.e2e


def test_a_visitor_switches_to_welsh_and_it_is_remembered(page, demo, axe_violations):  # noqa: F811
    page.goto("/places/?q=cardiff")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_url("**/cy/places/?q=cardiff")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("link", name="Neidio i’r prif gynnwys").count() == 1
    assert axe_violations(page) == []
    # remembered: a plain address opens in Welsh, and the menu's links stay in Welsh
    page.goto("/framework/")
    assert page.url.endswith("/cy/framework/")
    page.get_by_role("link", name="Datganiad hygyrchedd").click()
    assert page.url.endswith("/cy/accessibility/")
    assert page.get_by_role("heading", level=1).inner_text() == "Datganiad hygyrchedd"
    assert axe_violations(page) == []
    # and back to English on the same page (the switch is labelled in the page's language)
    page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
    page.wait_for_url("**/accessibility/")
    assert "/cy/" not in page.url
    assert page.locator("html").get_attribute("lang") == "en-gb"


def test_a_browser_set_to_welsh_opens_welsh_pages_that_fit_a_phone(browser, live_server, demo, axe_violations):  # noqa: F811
    page = narrow_page(browser, live_server, locale="cy-GB")
    for path in ("/", "/privacy/", "/places/W06000015/", "/framework/"):
        response = page.goto(path)
        assert response.status == 200, path
        assert page.url.endswith(f"/cy{path}"), (path, page.url)
        assert page.locator("html").get_attribute("lang") == "cy"
        assert fits(page), (path, page.evaluate("document.documentElement.scrollWidth"), WIDTH)
        assert axe_violations(page) == [], path
    page.screenshot(path="var/e2e-welsh-home-320.png", full_page=False)
    page.context.close()
