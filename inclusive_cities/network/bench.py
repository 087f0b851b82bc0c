"""Benchmarks for the network: the place directory over every UK local authority, and the report for funders
and boards with every current council (361 places) a member of one cohort: its page and CSV, and its PDF, which the
background worker renders (timed apart from the requests that ask for it and download it)."""

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
    ]:
        response = facilitator.get(url)
        assert response.status_code == 200, (url, response.status_code)
        stats = summary(timed(lambda url=url: facilitator.get(url), repeat))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
    _funder_report_pdf(report, facilitator, query)


def _funder_report_pdf(report, facilitator: Client, query: str) -> None:
    """The PDF is prepared in the background (`services.report_pdf_render`): the worker's render time is timed by
    calling the task; what a person waits for is the request that asks for it (the task queued, not run: the dummy
    task backend) and the download of the prepared file."""
    from django.test import override_settings

    from inclusive_cities.core import pagecache

    from . import services
    from .models import ReportFile

    programme = Programme.objects.get(code="inclusive-cities")

    def render_in_worker():
        record = ReportFile.objects.create(programme=programme, start_year=2017, end_year=2026, language="en-gb")
        assert services.report_pdf_render.call(record.pk) == "ready"

    stats = summary(timed(render_in_worker, 3))
    report("funder report PDF, 361 places, rendered by the worker p50", stats["p50"], "ms")
    report("funder report PDF, 361 places, rendered by the worker p95", stats["p95"], "ms")

    form = {"programme": "inclusive-cities", "start_year": "2017", "end_year": "2026"}

    def ask():
        pagecache.bump()  # as after a write: the prepared file is out of date, a new one is queued
        ReportFile.objects.filter(state__in=ReportFile.PENDING).delete()
        response = facilitator.post("/network/report/prepare/", form)
        assert response.status_code == 302, response.status_code

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        stats = summary(timed(ask, 10))
    ReportFile.objects.filter(state__in=ReportFile.PENDING).delete()
    report("funder report PDF, asking for it (the task queued) p50", stats["p50"], "ms")
    report("funder report PDF, asking for it (the task queued) p95", stats["p95"], "ms")

    url = f"/network/report/report.pdf{query}"

    def download():
        response = facilitator.get(url)
        assert response.status_code == 200, response.status_code
        b"".join(response.streaming_content)

    stats = summary(timed(download, 10))
    report("funder report PDF, download of the prepared file p50", stats["p50"], "ms")
    report("funder report PDF, download of the prepared file p95", stats["p95"], "ms")
