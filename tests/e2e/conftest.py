"""End-to-end fixtures: a real headless Debian chromium driven by Playwright, against pytest-django's live server.

Never `playwright install`: the browser is Debian's /usr/bin/chromium (installed by `make test`).
"""

import functools
import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
AXE_JS_EXPR = "() => { " + AXE_JS + "\n; return true; }"
PASSWORD = "a-long-test-password"  # the factories' password


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


def _after_load(method):
    """`page.content()` and `page.evaluate()` once the page a click navigated to has loaded. A click returns when the
    new document starts loading; reading it then can catch a half-parsed body (a flaky "message not on the page") or
    no document element at all ("Cannot read properties of null (reading 'scrollWidth')")."""

    @functools.wraps(method)
    def settled(self, *args, **kwargs):
        self.wait_for_load_state("load")
        return method(self, *args, **kwargs)

    return settled


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Page, sync_playwright

    for name in ("content", "evaluate"):
        if not hasattr(getattr(Page, name), "__wrapped__"):
            setattr(Page, name, _after_load(getattr(Page, name)))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def close_browser_contexts(request):
    """Close every browser context a test opened before the live server stops, so no keep-alive request
    thread outlives the server and touches the shared in-memory database afterwards."""
    if "live_server" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    request.getfixturevalue("live_server")
    yield
    for context in list(browser.contexts):
        context.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_violations():
    """Run axe-core's WCAG 2.2 A/AA rules on the current page; return the serious and critical violations."""

    def run(page) -> list[dict]:
        # a click on a link may still be navigating: axe must run on the settled page, not on a document that is
        # being replaced (which fails with "document is null" or a destroyed execution context), so on such an
        # error it waits for the new page to load and runs again
        for attempt in range(3):
            page.wait_for_load_state("load")
            try:
                # evaluated through the browser's DevTools protocol, so the page's Content-Security-Policy (which
                # refuses inline scripts without the page's nonce) does not block the checker itself
                page.evaluate(AXE_JS_EXPR)
                result = page.evaluate(
                    """async () => await axe.run(document, {runOnly: {type: 'tag',
                         values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"""
                )
                break
            except PlaywrightError as error:
                navigating = "context was destroyed" in str(error) or "document is null" in str(error)
                if not navigating or attempt == 2:
                    raise
        return [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return run


@pytest.fixture
def sign_in():
    def run(page, email: str, password: str = PASSWORD):
        page.goto("/account/sign-in/")
        page.fill("#id_username", email)
        page.fill("#id_password", password)
        page.click("button[type=submit]")

    return run
