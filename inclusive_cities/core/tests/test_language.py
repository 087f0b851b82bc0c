"""Welsh or English (issue 14): by URL for sharing, by the switch on every page (remembered), by the browser's
language on a first visit; `<html lang>` and `hreflang` follow, and the page cache never mixes the two."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import ROLES

COOKIE = settings.LANGUAGE_COOKIE_NAME
PUBLIC_PAGES = ["/", "/about/", "/accessibility/", "/privacy/", "/framework/", "/places/"]


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def test_welsh_pages_live_under_cy_and_english_at_the_plain_address(client, place):
    english = client.get("/accessibility/")
    welsh = Client().get("/cy/accessibility/")
    assert english.status_code == welsh.status_code == 200
    assert html_lang(english.content.decode()) == "en-gb"
    assert html_lang(welsh.content.decode()) == "cy"
    assert '<h1 class="govuk-heading-l">Accessibility statement</h1>' in english.content.decode()
    assert '<h1 class="govuk-heading-l">Datganiad hygyrchedd</h1>' in welsh.content.decode()
    # the interface around the page is Welsh too, and its links stay in Welsh
    assert "Neidio i’r prif gynnwys" in welsh.content.decode()
    assert 'href="/cy/places/"' in welsh.content.decode()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_public_page_has_both_alternates_and_a_switch(client, place, url):
    html = client.get(url).content.decode()
    assert f'<link rel="alternate" hreflang="en-GB" href="http://testserver{url}">' in html
    assert f'<link rel="alternate" hreflang="cy" href="http://testserver/cy{url}">' in html
    switch = reverse("switch_language", args=["cy"])
    assert f'href="{switch}?next={url.replace("/", "%2F")}"' in html
    assert '<span aria-current="true" lang="en-gb">English</span>' in html
    welsh = Client().get(f"/cy{url}").content.decode()
    assert html_lang(welsh) == "cy"
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in welsh


def test_the_switch_remembers_the_choice_and_keeps_the_page_and_its_query(place, framework):
    client = Client()
    response = client.get(reverse("switch_language", args=["cy"]), {"next": "/places/?q=bristol&page=1"})
    assert response.status_code == 302
    assert response["Location"] == "/cy/places/?q=bristol&page=1"
    assert response.cookies[COOKIE].value == "cy"
    # remembered: a plain address now goes to its Welsh page
    again = client.get("/framework/")
    assert (again.status_code, again["Location"]) == (302, "/cy/framework/")
    # and back to English, remembered too
    back = client.get(reverse("switch_language", args=["en-gb"]), {"next": "/cy/framework/"})
    assert back["Location"] == "/framework/"
    assert client.get("/framework/").status_code == 200


def test_the_browsers_language_decides_a_first_visit_only(place):
    welsh_browser = Client(HTTP_ACCEPT_LANGUAGE="cy-GB,cy;q=0.9,en;q=0.5")
    response = welsh_browser.get("/places/?q=car")
    assert (response.status_code, response["Location"]) == (302, "/cy/places/?q=car")
    assert "Accept-Language" in response["Vary"]
    assert Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get("/places/").status_code == 200
    # a person who chose English is not sent to Welsh by their browser
    chose_english = Client(HTTP_ACCEPT_LANGUAGE="cy")
    chose_english.cookies[COOKIE] = "en-gb"
    assert chose_english.get("/places/").status_code == 200


def test_arriving_by_a_welsh_link_remembers_welsh(place):
    client = Client()
    response = client.get("/cy/places/")
    assert response.status_code == 200 and response.cookies[COOKIE].value == "cy"
    assert client.get("/places/")["Location"] == "/cy/places/"


def test_the_switch_refuses_other_sites_and_unknown_languages(place):
    client = Client()
    away = client.get(reverse("switch_language", args=["cy"]), {"next": "https://evil.example/phish"})
    assert away["Location"] == "/cy/"
    assert client.get(reverse("switch_language", args=["fr"]), {"next": "/"}).status_code == 404
    slashes = client.get(reverse("switch_language", args=["en-gb"]), {"next": "//evil.example/"})
    assert slashes["Location"] == "/"


def test_the_api_admin_and_health_are_never_sent_to_a_language(place, framework):
    client = Client(HTTP_ACCEPT_LANGUAGE="cy")
    client.cookies[COOKIE] = "cy"
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/places/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_a_post_is_never_redirected_to_another_language(place):
    client = Client()
    client.cookies[COOKIE] = "cy"
    response = client.post("/account/sign-in/", {"username": "nobody@example.org", "password": "wrong"})
    assert response.status_code == 200  # the form again, with its error, at the address it was posted to
    assert html_lang(response.content.decode()) == "en-gb"


def test_errors_speak_the_language_of_the_address(place):
    english = Client().get("/places/X99999999/")
    welsh = Client().get("/cy/places/X99999999/")
    assert english.status_code == welsh.status_code == 404
    assert "Page not found" in english.content.decode()
    assert "Heb ddod o hyd i’r dudalen" in welsh.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_welsh_pages_for_every_role(as_role, role, place):
    """The switch and the Welsh address work signed in or not; a signed-in page is never cached."""
    client = as_role(role)
    response = client.get("/cy/")
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "cy"
    assert client.get("/cy/accessibility/").status_code == 200
    assert client.get(reverse("switch_language", args=["en-gb"]), {"next": "/cy/"})["Location"] == "/"


def test_the_page_cache_keeps_the_languages_apart(settings, place):
    settings.PAGE_CACHE = True
    cache.clear()
    try:
        english = [Client().get("/accessibility/") for _ in range(2)]
        welsh = [Client().get("/cy/accessibility/") for _ in range(2)]
        # the first Welsh view sets the cookie that remembers Welsh, so it is not stored; the next views are
        assert [r["X-Page-Cache"] for r in english] == ["miss", "hit"]
        assert html_lang(english[1].content.decode()) == "en-gb"
        assert html_lang(welsh[1].content.decode()) == "cy"
        remembered = Client()
        remembered.cookies[COOKIE] = "cy"
        assert remembered.get("/accessibility/")["Location"] == "/cy/accessibility/"
    finally:
        cache.clear()


def test_the_catalogue_covers_the_interface_around_every_page():
    """Every string of the base layout and the standards pages has a Welsh translation in the compiled catalogue."""
    from django.template.loader import get_template

    sources = [
        get_template(name).template.source
        for name in ("base.html", "core/accessibility.html", "core/privacy.html", "core/404.html", "core/home.html")
    ]
    msgids = set()
    for source in sources:
        msgids |= set(re.findall(r'{% translate "([^"]+)" %}', source))
        msgids |= set(re.findall(r"{% translate '([^']+)' %}", source))
    assert len(msgids) > 30
    with translation.override("cy"):
        # the translate tag looks a literal up with its % doubled, as makemessages wrote it
        missing = [m for m in msgids if translation.gettext(m.replace("%", "%%")) == m.replace("%", "%%")]
    assert [m for m in missing if m not in {"Beta", "Inclusive Cities"}] == []
