"""Welsh throughout (issue 14): the catalogue is complete, and no page, email or PDF shows in English an interface
string that has a Welsh translation.

The page test crawls the Welsh site (`/cy/`) as every role, on the demo network, following the links each person is
shown (the crawl of `test_crawl`), and reads every page's visible text. A piece of text that is exactly one of the
catalogue's English strings (several words, or one left untranslated) means the page showed the interface in English:
a translation missing from the compiled catalogue, a string built outside gettext's reach (an f-string, a lazy
string evaluated at import), or a language lost on the way (a background task, a cached fragment).
"""

import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from inclusive_cities.accounts.models import User
from inclusive_cities.core.tests.test_crawl import ROLES, SEEDS, crawl, load_demo_without_data
from scripts.welsh_catalogue import is_empty, problems_of

CATALOGUE = Path(settings.BASE_DIR) / "locale/cy/LC_MESSAGES/django.po"
# Entries allowed to stay without Welsh, one msgid a line with its reason after a tab (see the file's header).
ALLOWED_EMPTY = Path(settings.BASE_DIR) / "locale/cy/untranslated-allowed.txt"
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_][\w.]*\}|\{\}")
TAG = re.compile(r"<[^>]+>")
# Catalogue strings that the platform writes into stored content (a plan's title, a rating's reason, a drafted
# report), which is then shown as written: like all content, it is given in Welsh by its authors, not the catalogue.
CONTENT_COLLISIONS = {
    "Draft action plan": "the title given to a plan started from an assessment gap: the place's own title after that",
}
CONTENT_SOURCES = {
    "inclusive_cities/exchange/drafting.py": "drafts a learning report's text once, for facilitators to edit",
}


def content_strings() -> set[str]:
    """Strings stored as content when written: a case study's rating reason, a report's section headings, the names
    of the framework's target groups (translated with the framework's other content)."""
    from inclusive_cities.evidence.services import default_reason
    from inclusive_cities.exchange.models import REPORT_SECTIONS

    with translation.override(settings.LANGUAGE_CODE):
        reasons = {str(default_reason(level)) for level in range(6)}
        headings = {str(label) for _, label in REPORT_SECTIONS}
    return reasons | headings | {"Children and young people", "International students", "Longer-standing residents"}


# Attributes whose value a person reads or hears.
READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder"}


def catalogue():
    return read_po(CATALOGUE.open("rb"))


def allowed_empty() -> dict[str, str]:
    allowed = {}
    for line in ALLOWED_EMPTY.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            msgid, _, reason = line.partition("\t")
            allowed[msgid.replace("\\n", "\n")] = reason.strip()
    return allowed


def normalise(text: str) -> str:
    return " ".join(html.unescape(text).split())


def english_patterns() -> tuple[set[str], re.Pattern]:
    """The English strings a Welsh page must not show: every msgid of two words or more whose Welsh differs from it
    (names kept as they are, such as a publisher's, are written the same in both), and every msgid left without
    Welsh. Exact strings in a set; strings with placeholders as one pattern, a placeholder standing for any text."""
    exact, patterns = set(), []
    content = content_strings() | set(CONTENT_COLLISIONS)
    for message in catalogue():
        if not message.id or all(path in CONTENT_SOURCES for path, _ in message.locations):
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for msgid in ids:
            text = normalise(TAG.sub("", msgid.replace("%%", "%")))
            words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", text))
            if not words or text in content or text in strings:
                continue
            if len(words) < 2 and not is_empty(message):
                continue
            parts = PLACEHOLDER.split(text)
            if len(parts) == 1:
                exact.add(text)
            else:
                patterns.append(".+?".join(re.escape(p) for p in parts))
    return exact, re.compile("|".join(f"(?:{p})" for p in patterns))


class VisibleText(HTMLParser):
    """The runs of text a person sees or hears, split at tags: a whole interface string is one run. Text marked as
    in another language (`lang="en"` on English content shown on a Welsh page) is left out."""

    SKIP = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipped)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = (attrs.get("lang") or "cy").lower()
        skipped = tag in self.SKIP or (tag != "html" and not lang.startswith("cy"))
        if tag not in self.VOID:
            self._open.append((tag, skipped))
        if not skipped and not self._skipping():
            self.runs += [normalise(attrs[name]) for name in READ_ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def _skipping(self) -> bool:
        return any(skipped for _, skipped in self._open)

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.runs.append(normalise(data))


def english_in(texts, exact: set[str], pattern: re.Pattern) -> set[str]:
    return {t for t in texts if t in exact or pattern.fullmatch(t)}


class RecordingClient(Client):
    """A test client that keeps each HTML page it fetched, for reading after the crawl."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages: dict[str, str] = {}

    def get(self, path, *args, **kwargs):
        response = super().get(path, *args, **kwargs)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            self.pages[path] = response.content.decode()
        return response


# The catalogue ----------------------------------------------------------------------------------------------------


def test_no_catalogue_entry_is_left_without_welsh():
    allowed = allowed_empty()
    empty = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue() if m.id and is_empty(m)}
    assert empty - set(allowed) == set(), "translate these (scripts/welsh_catalogue.py todo), or allow them"
    assert set(allowed) - empty == set(), "these are translated now: take them off untranslated-allowed.txt"
    assert all(allowed.values()), "every entry allowed to stay in English says why"


def test_every_translation_keeps_the_placeholders_tags_and_spacing_of_its_english():
    problems = [f"{m.id!r}: {p}" for m in catalogue() if m.id and not is_empty(m) for p in problems_of(m.id, m.string)]
    assert problems == []


def test_unchecked_translations_are_marked_and_none_is_fuzzy():
    """Fuzzy entries are left out of the compiled catalogue: ours carry the review comment instead."""
    messages = [m for m in catalogue() if m.id]
    assert not [m.id for m in messages if "fuzzy" in m.flags]
    unmarked = [m.id for m in messages if m.string and not any("Not yet checked" in c for c in m.user_comments)]
    assert unmarked == [], "mark new Welsh as not yet checked (docs/translation.md), or record who checked it"


def test_the_scanner_finds_english_left_in_a_welsh_page():
    """The pieces of the page test, on a page made for it: it must catch English interface text, with or without
    placeholders, in text and in read attributes, and leave Welsh and names alone."""
    exact, pattern = english_patterns()
    parser = VisibleText()
    parser.feed(
        '<h1>Datganiad hygyrchedd</h1><p>Inclusive Cities</p><a aria-label="Download the file">x</a>'
        "<p>Showing 1 to 20 of 35</p><script>var s = 'Reset your password';</script><p>Reset your password</p>"
        "<p>A sentence a council wrote that mentions Reset your password in passing.</p>"
        '<div lang="en"><p>Download the file</p></div><img alt="Map of local authorities"><p>Baseline 2025 (x)</p>'
    )
    assert english_in(parser.runs, exact, pattern) == {
        "Download the file",
        "Showing 1 to 20 of 35",
        "Reset your password",
        "Map of local authorities",
    }


# Pages, emails and PDFs -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_page_in_welsh_shows_no_english_interface_string(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_without_data()
    User.objects.create_user(email=ROLES["user"], password="x", full_name="No role")
    exact, pattern = english_patterns()
    found: dict[str, set[str]] = {}
    pages = 0
    for role, email in ROLES.items():
        client = RecordingClient()
        if email:
            client.force_login(User.objects.get(email=email))
        crawl(client, seeds=[f"/cy{url}" for url in SEEDS] + ["/cy/accessibility/", "/cy/privacy/"], per_view=1)
        client.get("/cy/no-such-page/")  # the 404 page
        for url, body in client.pages.items():
            if not url.startswith("/cy/"):
                continue  # one address in every language: the API's docs
            assert '<html lang="cy"' in body, f"{role}: {url} is not a Welsh page"
            parser = VisibleText()
            parser.feed(body)
            for text in english_in(parser.runs, exact, pattern):
                found.setdefault(text, set()).add(f"{role} {url}")
        pages += len(client.pages)
    assert pages > 300
    report = "\n".join(f"{text!r} on {sorted(where)[:3]}" for text, where in sorted(found.items()))
    assert found == {}, f"English interface text on Welsh pages:\n{report}"


def _email_texts(rendered: str) -> list[str]:
    return [normalise(line) for line in rendered.splitlines() if line.strip()]


@pytest.mark.django_db
def test_emails_render_in_welsh(place):
    """Each email template, rendered with Welsh active, has no English interface line. (Which language an email
    goes out in is another matter: accounts hold no language preference yet, see docs/translation.md.)"""
    from inclusive_cities.accounts.models import Invitation
    from inclusive_cities.notifications.models import Notification

    exact, pattern = english_patterns()
    recipient = User.objects.create_user(email="reader@example.org", password="x", full_name="Reader")
    invitation = Invitation(email="new@example.org", role="officer", place=place, invited_by=recipient)
    with translation.override("cy"):
        notification = Notification(recipient=recipient, kind="plan_published", message="Neges", url="/cy/plans/")
        emails = {
            "notification": render_to_string("notifications/email.txt", {"notification": notification, "link": "x"}),
            "digest": render_to_string(
                "notifications/digest.txt", {"items": [(notification, "x")], "settings_link": "x"}
            ),
            "invitation": render_to_string(
                "accounts/email/invitation.txt", {"invitation": invitation, "link": "x", "days": 14}
            ),
        }
    for name, text in emails.items():
        assert english_in(_email_texts(text), exact, pattern) == set(), name
    assert "Agorwch ef yma:" in emails["notification"]
    assert "Rydych chi wedi cael gwahoddiad" in emails["invitation"]


@pytest.mark.django_db
def test_a_plan_pdf_under_cy_is_in_welsh(settings):
    from inclusive_cities.plans.models import ActionPlan, PlanStatus

    load_demo_without_data()
    plan = ActionPlan.objects.filter(status=PlanStatus.PUBLISHED).order_by("pk").first()
    exact, pattern = english_patterns()
    texts = {}
    for language, prefix in (("en", ""), ("cy", "/cy")):
        response = Client().get(f"{prefix}/places/{plan.place.code}/plans/{plan.pk}/pdf/plan/")
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        out = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True)
        texts[language] = out.stdout.decode()
    lines = [normalise(line) for line in texts["cy"].splitlines() if line.strip()]
    assert english_in(lines, exact, pattern) == set()
    with translation.override("cy"):
        for english in ("Action plan", "Vision", "Period"):
            welsh = translation.gettext(english)
            assert welsh != english and welsh in texts["cy"] and english in texts["en"]


@pytest.mark.django_db
def test_a_password_reset_asked_for_in_welsh_is_emailed_in_welsh(mailoutbox):
    User.objects.create_user(email="reader@example.org", password="x", full_name="Reader")
    for prefix in ("", "/cy"):
        response = Client().post(f"{prefix}/account/password-reset/", {"email": "reader@example.org"})
        assert response.status_code == 302
    english, welsh = mailoutbox
    assert english.subject == "Reset your Inclusive Cities platform password"
    assert welsh.subject == "Ailosod eich cyfrinair ar blatfform Inclusive Cities"
    assert "Gofynnodd rhywun am ailosod y cyfrinair" in welsh.body and "Someone asked" in english.body
    exact, pattern = english_patterns()
    assert english_in(_email_texts(welsh.body), exact, pattern) == set()
