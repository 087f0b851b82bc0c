"""Benchmarks for the home pages at UK scale: every current council a member of a running programme, each with a
published plan of 48 actions (the plans benchmark's volume, over 17,000 actions; generated here when that
benchmark has not run), the facilitator's home and network dashboard, and an officer's home."""

from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Cohort, Membership, Place, Programme
from inclusive_cities.plans.models import Action, ActionPlan


def run(report) -> None:
    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True))
    if ActionPlan.objects.count() < len(places):
        from inclusive_cities.plans.bench import _generate

        _generate(places, framework_current())
    programme = Programme.objects.create(code="bench-home", name="Bench programme", start_year=2025)
    cohort = Cohort.objects.create(programme=programme, code="bench-home-cohort", name="Everyone", start_year=2025)
    Membership.objects.bulk_create(
        [Membership(cohort=cohort, place=p, sponsor_role="Leader", operational_leads="Officer") for p in places],
        ignore_conflicts=True,
    )
    report("member places", len(places), "")
    report("actions", Action.objects.count(), "")
    bristol = Place.objects.get(code="E06000023")
    officer_user = user_with_role("officer", bristol, email="bench.home.officer@example.org")
    Action.objects.filter(priority__plan__place=bristol).update(lead_user=officer_user)
    facilitator, officer = Client(), Client()
    facilitator.force_login(user_with_role("facilitator", email="bench.home.fac@example.org"))
    officer.force_login(officer_user)
    for label, client, url, repeat in [
        ("facilitator's home, 361 places (ms)", facilitator, "/", 10),
        ("network dashboard, 361 places (ms)", facilitator, "/network/dashboard/", 10),
        ("officer's home (ms)", officer, "/", 20),
        ("notifications page (ms)", officer, "/notifications/", 20),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        report(f"{label} queries", len(queries), "")
        stats = summary(timed(lambda client=client, url=url: client.get(url), repeat))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
    # The network rows are kept until the next write to what they show; each app's column until a write to that app
    # (core.pagecache.memoized_on). The first view after a plan edit works out the plans column again; after writes
    # to every app (or to places and roles, which every column reads), all of them.
    from inclusive_cities.core import pagecache
    from inclusive_cities.home.selectors import STEP_SHARED_TABLES, STEP_SOURCES

    edited = Action.objects.filter(priority__plan__place=bristol).values_list("pk", flat=True).first()

    def plan_edit():
        Action.objects.filter(pk=edited).update(title=F("title"))  # a real UPDATE of plans_action

    def every_app():
        for label in (*STEP_SOURCES, *STEP_SHARED_TABLES):
            pagecache.bump_app(label)

    for label, url in [("facilitator's home", "/"), ("network dashboard", "/network/dashboard/")]:
        for write_label, write in [("a plan edit", plan_edit), ("writes to every app", every_app)]:
            stats = summary(timed(lambda url=url, write=write: (write(), facilitator.get(url)), 10))
            report(f"{label}, first view after {write_label} p50", stats["p50"], "ms")
            report(f"{label}, first view after {write_label} p95", stats["p95"], "ms")
