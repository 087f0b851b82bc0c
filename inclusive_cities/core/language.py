"""The language of a page: Welsh or English (issue 14), by Django's own machinery.

- By URL, for sharing: pages live under `i18n_patterns` with English unprefixed (`/plans/`) and Welsh under
  `/cy/` (`/cy/plans/`); Django's LocaleMiddleware activates the URL's language.
- By choice, remembered: the switch on every page (`switch_language`) sets Django's language cookie and goes to
  the same page in the chosen language. Arriving by a `/cy/` link remembers Welsh the same way.
- By the browser, on a first visit: with no cookie yet, an unprefixed page asked for by a browser that prefers
  Welsh (Accept-Language) is redirected to its `/cy/` address, as is one asked for with the Welsh cookie.

The redirect runs before the anonymous page cache, so a cached English page is never served to someone who chose
Welsh; pages themselves never vary by cookie or header, only by URL.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import lazy
from django.utils.http import url_has_allowed_host_and_scheme

# Paths that are not pages of the interface: never redirected to a language.
NOT_PAGES = ("/api/", "/admin/", "/static/", "/media/", "/healthz", "/readyz", "/language/", "/favicon")
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
HREFLANG = {"en-gb": "en-GB", "cy": "cy"}
# Each language's name in itself, as the switch shows it (Django's own says "British English").
NAMES = {"en-gb": "English", "cy": "Cymraeg"}


def default_language() -> str:
    return settings.LANGUAGE_CODE


def supported(code: str | None) -> str | None:
    """The language code if the platform offers it, else None."""
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else None


def language_of(person, fallback: str | None = None) -> str:
    """The language to write to this person in (an email, a notification): the one they chose, else `fallback` (if
    offered), else the default."""
    return supported(getattr(person, "language", "") or "") or supported(fallback) or default_language()


def in_language_of(person, fallback: str | None = None):
    """`with in_language_of(user):` what is written inside is in that person's language (`language_of`)."""
    return translation.override(language_of(person, fallback))


def chosen_language(request) -> str | None:
    """The language the person chose before (the cookie), or, on a first visit, the one their browser prefers
    among those offered (Django's own order: cookie, then Accept-Language); None when that is the default."""
    code = translation.get_language_from_request(request)
    return code if code != default_language() else None


def remember(response, code: str, *, secure: bool) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=secure,
        httponly=False,
    )


def translated_path(path: str, code: str) -> str:
    """The same page in another language ("/plans/?page=2" -> "/cy/plans/?page=2"); unchanged if it is no page.

    The path is resolved in its own language (a /cy/ path resolves only while Welsh is active)."""
    with translation.override(translation.get_language_from_path(path.split("?")[0]) or default_language()):
        return translate_url(path, code)


class LanguageChoiceMiddleware:
    """After LocaleMiddleware, before the page cache: send an unprefixed page to the chosen language's address,
    and remember the language of a prefixed address that was not chosen yet."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        from_path = translation.get_language_from_path(path)
        is_page = not path.startswith(NOT_PAGES)
        if is_page and from_path is None and request.method in ("GET", "HEAD"):
            chosen = chosen_language(request)
            if chosen:
                target = translated_path(request.get_full_path(), chosen)
                if target != request.get_full_path():
                    response = HttpResponseRedirect(target)
                    response["Vary"] = "Accept-Language, Cookie"
                    response["Cache-Control"] = "private"
                    return response
        response = self.get_response(request)
        if (
            from_path
            and from_path != default_language()
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != from_path
            and response.status_code == 200
        ):
            remember(response, from_path, secure=request.is_secure())
        return response


def safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value if value.startswith("/") else "/"
    return "/"


def lazy_format(message, **values):
    """`message % values`, formatted when it is shown, so in the language of the page that shows it. A lazy string
    formatted where a form or a table is defined (`_("...%(mb)s...") % {...}`) is turned into English at import."""
    return lazy(lambda: str(message) % values, str)()
