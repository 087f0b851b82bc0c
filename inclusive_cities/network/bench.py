"""Benchmarks for the network: the place directory over every UK local authority, and the report for funders
and boards with every current council (361 places) a member of one cohort."""

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role

from .models import Cohort, Membership, Place, Programme


def _every_council_a_member() -> int:
    programme = Programme.objects.get(code="inclusive-cities")
    cohort, _created = Cohort.objects.get_or_create(
        code="bench-every-council",
        defaults={"programme": programme, "name": "Benchmark: every council", "start_year": 2017},
    )
    places = Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True, is_uk_local_authority=True)
    have = set(Membership.objects.filter(cohort=cohort).values_list("place_id", flat=True))
    Membership.objects.bulk_create(
        [Membership(cohort=cohort, place=p, joined_year=2020) for p in places if p.pk not in have], batch_size=500
    )
    return places.count()


def run(report) -> None:
    client = Client()
    for label, url in [
        ("place directory, first page (ms)", "/places/"),
        ("place directory, search 'bri' sorted by region (ms)", "/places/?q=bri&sort=-region"),
        ("place page (ms)", "/places/E06000023/"),
    ]:
        assert client.get(url).status_code == 200, url
        stats = summary(timed(lambda url=url: client.get(url), 30))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")

    report("funder report: member places", _every_council_a_member(), "")
    facilitator = Client()
    facilitator.force_login(user_with_role("facilitator", email="bench.network.fac@example.org"))
    query = "?programme=inclusive-cities&start_year=2017&end_year=2026"
    for label, url, repeat in [
        ("funder report page, 361 places (ms)", f"/network/report/{query}", 10),
        ("funder report CSV, 361 places (ms)", f"/network/report/report.csv{query}", 10),
        ("funder report PDF, 361 places (ms)", f"/network/report/report.pdf{query}", 3),
    ]:
        response = facilitator.get(url)
        assert response.status_code == 200, (url, response.status_code)
        stats = summary(timed(lambda url=url: facilitator.get(url), repeat))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
