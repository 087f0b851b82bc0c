"""Benchmarks for the network: the place directory over every UK local authority."""

from django.test import Client

from inclusive_cities.core.bench import summary, timed


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
