"""Every view, as every role, on the real demo network: follow the links each person is shown.

A link a page shows must work for the person it is shown to (no 403, 404 or server error behind a button), no
page may fail for anyone, and the crawl must reach every view the apps define, except the few listed below with
the reason they cannot be reached by following a link. Whether each role may do each thing is asserted per app in
the permission matrices; this test checks that the pages, menus and buttons agree with those rules.
"""

import html
import re
from collections import Counter, deque
from importlib import import_module
from importlib.util import find_spec

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import translation

from inclusive_cities.accounts.models import User

DEMO = "@demo.inclusive-cities.test"
ROLES = {
    "anonymous": None,
    "user": "no-role@example.org",
    "partner": f"partner.bristol{DEMO}",
    "officer": f"officer.bristol{DEMO}",
    "sponsor": f"sponsor.bristol{DEMO}",
    "other_officer": f"officer.liverpool{DEMO}",
    "facilitator": f"facilitator{DEMO}",
    "researcher": f"researcher{DEMO}",
    "admin": f"admin{DEMO}",
}
SEEDS = [
    "/",
    "/places/",
    "/places/E06000023/",
    "/places/E08000012/",
    "/network/",
    "/framework/",
    "/plans/",
    "/evidence/",
    "/evidence/?q=helping+new+parents+learn+the+language",
    "/data/",
    "/account/",
]
# Views no page links to, with the reason. Everything else must be reached by the crawl.
UNLINKED = {
    "core:healthz": "for load balancers",
    "core:readyz": "for load balancers: database and task queue lag",
    "accounts:logout": "a POST form (sign-out button), not a link",
    "accounts:password_reset_confirm": "reached from the emailed link only",
    "accounts:password_reset_done": "shown after the reset form is posted",
    "accounts:password_reset_complete": "shown after a new password is set",
    "accounts:accept": "reached from the emailed invitation only",
    "accounts:invitation_withdraw": "a POST form on each invitation not yet accepted",
    "accounts:invitation_resend": "a POST form on each invitation not yet accepted",
    "evidence:pin_add": "a POST form on each search result of the pin page",
    "evidence:pin_remove": "a POST form on each pinned case study",
    "framework:draft_create": "a POST form on the versions page",
    "framework:discard": "a POST form on the draft",
    "plans:comment_add": "a POST form on the plan",
    "plans:comment_resolve": "a POST form on each comment",
    "plans:milestone_done": "a POST form on each milestone",
    "plans:measure_add": "a POST form on the action page",
    "plans:milestone_add": "a POST form on the action page",
    "plans:evidence_file": "only where an update carries a file (the demo's updates carry links)",
    "evidence:submit": "a POST form on a draft",
    "narrative:publish": "a POST form on the narrative",
    "notifications:mark": "a POST form on each notification (and mark all as read)",
    "assessments:check": "only on a draft assessment (the demo's assessments are all confirmed)",
    "assessments:send": "a POST form on the check-answers page of a draft (see above)",
    "assessments:file": "only where an answer carries a file (the demo's answers carry text)",
    "assessments:decide": "only where a partner's contribution awaits a decision",
    "assessments:contribute": "only for a partner asked to contribute",
    "data:import_detail": "only after an import (the crawl runs without the data import, for speed)",
    "data:profile_chart_csv": "only with imported figures (see above)",
    "data:indicator_detail": "indicators come with the imported files (see above)",
    "data:source": "linked from imported figures (see above)",
    "data:import_confirm": "a POST form on an import waiting for its revisions to be confirmed",
    "data:import_rollback": "linked from an applied import's page (see above)",
    "data:import_retry": "a POST form on a failed import (the demo's imports all apply)",
    "api-schema": "read by the API docs page and by clients",
    "exchange:convening_add_item": "a POST form on the convening page",
    "exchange:partnership_detail": "the demo has no partnerships: no seed names the pairs",
    "exchange:thread_detail": "the demo has no discussion threads (members write them)",
    "exchange:post_action": "on a post in a thread (none in the demo)",
    "exchange:survey_answer": "only while a survey is open (the demo survey closed in January 2019)",
    "exchange:survey_results_csv": "only from 5 answers (the demo survey has none: seed 004 gives no counts)",
    "exchange:report_section_edit": "only on a draft report (the demo's report is published)",
    "exchange:barrier_detail": "the demo records no national barriers: no seed says which place raised which",
    "exchange:barrier_edit": "on a barrier (none in the demo, see above)",
    "exchange:position_add": "offered beside recorded barriers (none in the demo)",
    "exchange:position_detail": "positions are drafted from barriers (none in the demo)",
    "exchange:position_edit": "on a draft position (none in the demo)",
    "exchange:position_pdf": "on a published position (none in the demo)",
    "evaluation:detail": "the demo's evaluation is built on imported figures (see above)",
    "evaluation:edit": "on an evaluation's page (see above)",
    "evaluation:register": "on an evaluation's page (see above)",
    "evaluation:replication": "on a finished result (see above)",
    "evaluation:run": "a POST form on an evaluation's page",
    "evaluation:visibility": "a POST form on an evaluation's page",
    "evaluation:cite": "a POST form on an evaluation's page",
    "evaluation:status": "JSON for pages that poll a running estimate",
    # Linked from every page, but following it would turn the rest of the crawl to Welsh (the cookie it sets
    # redirects plain addresses to /cy/): test_language follows it.
    "switch_language": "the language switch in the header",
    "network:funder_report_prepare": "a POST form on the report for funders",
    "consultation:thanks": "shown after an answer is posted",
    "consultation:create": "offered on a plan in review without a consultation (the demo's one has its consultation)",
    "network:funder_report_pdf": "linked once the PDF is prepared (a POST form on the report for funders)",
}
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/account/sign-out/", "/language/")
PER_VIEW = 2  # pages visited per view and role (a view's other objects behave alike)
HREF = re.compile(r'href="([^"]+)"')
# A multi-line {# comment #} or a broken tag is printed as text instead of failing: no page may show one.
# (CSS such as "width:50%}" is not a tag: a closing "%}" counts only after a space, as tags are written.)
# The Content-Security-Policy refuses inline style attributes: a page that has one is drawn wrongly in browsers.
STYLE_ATTRIBUTE = re.compile(r'<[a-z][^>]*\sstyle="[^"]*"')
TEMPLATE_LEAK = re.compile(r"\{#|#\}|\{%| %\}|\{\{")


def our_view_names() -> set[str]:
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                module = getattr(pattern.callback, "__module__", "")
                if module.startswith(("inclusive_cities", "drf_spectacular")):
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def load_demo_without_data() -> None:
    """Every app's demo content except the statistics import (25 s; its pages are crawled with empty states)."""
    first = ["inclusive_cities.network", "inclusive_cities.framework", "inclusive_cities.accounts"]
    for app in first + [a for a in settings.DOMAIN_APPS if a not in first and a != "inclusive_cities.data"]:
        if find_spec(f"{app}.demodata") is not None:
            import_module(f"{app}.demodata").load()


def view_name(path: str) -> str | None:
    path = path.split("?")[0]
    try:
        # a /cy/ address resolves while Welsh is active, as it does in a request
        with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, seeds=SEEDS, per_view: int = PER_VIEW) -> tuple[Counter, list[str]]:
    seen_views: Counter = Counter()
    visited: set[str] = set()
    problems: list[str] = []
    queue = deque((url, "(start)") for url in seeds)
    while queue:
        url, source = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        name = view_name(url)
        if name is None or seen_views[name] >= per_view:
            continue
        seen_views[name] += 1
        response = client.get(url)
        if response.status_code not in (200, 302):
            problems.append(f"{url} -> {response.status_code} (linked from {source})")
            continue
        if response.status_code == 302 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        if TEMPLATE_LEAK.search(body):
            problems.append(f"{url} shows template syntax: {TEMPLATE_LEAK.search(body).group(0)!r}")
        if STYLE_ATTRIBUTE.search(body):
            problems.append(f"{url} has a style attribute the CSP refuses: {STYLE_ATTRIBUTE.search(body).group(0)!r}")
        for href in HREF.findall(body):
            href = html.unescape(href).split("#")[0]
            if href.startswith("/") and not href.startswith("//") and not href.startswith(SKIP_PREFIXES):
                queue.append((href, url))
    return seen_views, problems


@pytest.mark.django_db
def test_every_link_works_for_every_role_and_every_view_is_reached(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_without_data()
    User.objects.create_user(email=ROLES["user"], password="x", full_name="No role")
    reached: set[str] = set()
    problems: list[str] = []
    for role, email in ROLES.items():
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        views, found = crawl(client)
        reached |= set(views)
        problems += [f"{role}: {p}" for p in found]
    assert problems == [], "\n".join(problems)
    missing = our_view_names() - reached - set(UNLINKED)
    assert missing == set(), f"views no role reached by following links: {sorted(missing)}"
    assert set(UNLINKED) & reached == set(), "these are linked now: remove them from UNLINKED"


@pytest.mark.django_db
def test_the_welsh_site_links_to_itself_and_every_page_works(settings):
    """From /cy/, a visitor and a facilitator reach pages that all answer, in Welsh, and stay in Welsh."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo_without_data()
    for role in ("anonymous", "facilitator"):
        client = Client()
        if ROLES[role]:
            client.force_login(User.objects.get(email=ROLES[role]))
        views, problems = crawl(client, seeds=[f"/cy{url}" for url in SEEDS], per_view=1)
        assert problems == [], "\n".join(problems)
        assert len(views) > 40, role
        html = client.get("/cy/plans/").content.decode()
        assert '<html lang="cy"' in html and 'href="/cy/places/"' in html
