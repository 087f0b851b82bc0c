"""`make bench` figures for the data layer: import speed on real files, 1,000,000+ observations, API latency.

1. Imports real publisher files (Census TS012, the LAMIS workbook, Home Office asylum support) into the fresh
   benchmark database and reports rows read per second and observations written per second, then the time of
   a re-import (a no-op found by checksum).
2. Tops the observations up to at least 1,000,000 with bulk_create: every current district-level UK authority
   x every indicator in the catalogue (the importers' real definitions) x many periods x up to 12 categories.
   These values are synthetic and exist only in the benchmark database, never in the demo.
3. Times the open data API (`/api/v1/observations/?place=<code>`: first page as JSON and CSV, all pages, one
   indicator) and the catalogue pages with django.test.Client, p50/p95 over repeated runs.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

TARGET = 1_000_000
FILES = Path(__file__).resolve().parent / "files"
REAL = [
    ("ons_lamis_2021lamistables.xlsx", "lamis_workbook"),
    ("asylum_support_by_la_2014_2024.csv.gz", "homeoffice_asylum_support"),
]


def _import_real(report) -> None:
    from . import services

    for file_name, importer in REAL:
        content = (FILES / file_name).read_bytes()
        start = time.perf_counter()
        record = services.import_file(content=content, file_name=file_name, importer_name=importer)
        seconds = time.perf_counter() - start
        assert record.status == "applied", record.problems[:3]
        report(
            f"import {importer}: rows read per second ({record.rows_read} rows)", record.rows_read / seconds, "rows/s"
        )
        report(f"import {importer}: observations written per second", record.rows_created / seconds, "obs/s")
        start = time.perf_counter()
        again = services.import_file(content=content, file_name=file_name, importer_name=importer)
        assert again.status == "unchanged"
        report(f"re-import {importer} (no-op by checksum)", (time.perf_counter() - start) * 1000, "ms")


RATIO_FILE = ("census2021_ts012_country_of_birth_detailed_ltla.csv.gz", "census2021_ts012")
COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "place_id",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "category",
    "value",
    "status",
    "flag",
    "source_area_code",
    "source_import_id",
    "source_row",
    "first_import_id",
    "category_label",
    "is_subtotal",
]


def _raw_insert(rows: list[tuple]) -> float:
    """Seconds to insert these rows into data_observation with the DB-API's executemany, in one transaction
    (the raw driver: sqlite3 on SQLite, psycopg on PostgreSQL)."""
    from django.db import connection, transaction

    from .models import Observation

    table = Observation._meta.db_table
    marks = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608 - fixed names
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite":
        sql = sql.replace("%s", "?")
    start = time.perf_counter()
    with transaction.atomic():  # one transaction, as the import uses (the driver's cursor, not Django's)
        cursor = raw.cursor()
        cursor.executemany(sql, rows)
        cursor.close()
    return time.perf_counter() - start


def import_ratio(report) -> float:
    """Import throughput with provenance (the whole pipeline: read, validate, diff, write with the import, row
    and history) against a raw executemany of the same rows into the same table, measured in one run."""
    from . import services
    from .models import Import, Observation

    file_name, importer = RATIO_FILE
    content = (FILES / file_name).read_bytes()
    Import.objects.filter(importer=importer).delete()
    Observation.objects.filter(indicator__code__in=["census21-country-of-birth", "census21-usual-residents"]).delete()
    start = time.perf_counter()
    record = services.import_file(content=content, file_name=file_name, importer_name=importer)
    pipeline = time.perf_counter() - start
    assert record.status == "applied", record.problems[:3]
    written = Observation.objects.filter(source_import=record)
    rows = list(written.order_by("pk").values_list(*COLUMNS))
    n = len(rows)
    written.delete()
    seconds = _raw_insert(rows)
    Observation.objects.filter(source_import=record).delete()
    record.delete()
    # and the import again, so the benchmark database holds the figures with their provenance
    services.import_file(content=content, file_name=file_name, importer_name=importer)
    ours, raw = n / pipeline, n / seconds
    report(f"import with provenance ({importer}, {n} figures), observations per second", ours, "obs/s")
    report("raw executemany of the same rows into the same table, rows per second", raw, "rows/s")
    report("import throughput as a share of the raw executemany (target at least 25%)", 100 * ours / raw, "%")
    return ours / raw


def _generate(report) -> int:
    from inclusive_cities.network.models import Place

    from .importers import all_indicator_definitions
    from .models import Observation
    from .services import ensure_indicators

    existing = Observation.objects.count()
    if existing >= TARGET:
        return existing
    indicators = ensure_indicators(list(all_indicator_definitions()))
    places = list(
        Place.objects.filter(is_current=True, is_uk_local_authority=True, is_lower_tier_or_unitary=True).values_list(
            "pk", "code", "name"
        )
    )
    rng = random.Random(4)
    periods = [(f"bench-{y}", dt.date(y, 6, 30)) for y in range(1950, 2025)]
    combos_of = {}
    for indicator in indicators.values():
        categories = [("", "")]
        if indicator.disaggregation:
            categories += [(indicator.disaggregation.split(" ")[0], f"Group {i}") for i in range(1, 12)]
        combos_of[indicator.code] = [(p, c) for p in periods for c in categories]
    # The smallest number k of (period, category) rows per place and indicator that reaches the target.
    needed = TARGET - existing + 1000
    k = 1
    while sum(min(k, len(c)) for c in combos_of.values()) * len(places) < needed:
        k += 1
    batch, created, start = [], 0, time.perf_counter()
    for indicator in indicators.values():
        combos = combos_of[indicator.code][:k]
        for pk, code, name in places:
            for (period, start_date), (disagg, category) in combos:
                batch.append(
                    Observation(
                        indicator=indicator,
                        area_code=code,
                        area_name=name,
                        place_id=pk,
                        period=period,
                        period_start=start_date,
                        disaggregation=disagg,
                        category=category,
                        value=round(rng.uniform(0, 100_000), 1),
                    )
                )
            if len(batch) >= 20_000:
                Observation.objects.bulk_create(batch, batch_size=5000, ignore_conflicts=True)
                created += len(batch)
                batch = []
    Observation.objects.bulk_create(batch, batch_size=5000, ignore_conflicts=True)
    created += len(batch)
    seconds = time.perf_counter() - start
    report("bulk_create synthetic observations per second", created / seconds, "obs/s")
    total = Observation.objects.count()
    report("observations in the benchmark database", total, "rows")
    return total


def run(report) -> None:
    from django.test import Client

    from inclusive_cities.core.bench import summary, timed

    import_ratio(report)
    _import_real(report)
    _generate(report)
    client = Client()
    codes = ["E06000023", "S12000049", "W06000015", "E09000030", "E08000012", "N09000003"]
    rng = random.Random(7)

    def by_place(fmt: str, extra: str = ""):
        code = rng.choice(codes)
        response = client.get(f"/api/v1/observations/?place={code}&format={fmt}{extra}")
        assert response.status_code == 200, response.content[:200]

    for label, func in [
        ("API observations by place, first page of 500, JSON", lambda: by_place("json")),
        ("API observations by place, first page of 500, CSV", lambda: by_place("csv")),
        ("API observations by place and indicator, JSON", lambda: by_place("json", "&indicator=asylum-support")),
        ("API observations by place, page of 5000, JSON", lambda: by_place("json", "&page_size=5000")),
    ]:
        func()
        stats = summary(timed(func, 40))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")

    def every_page():
        url, pages = "/api/v1/observations/?place=E06000023&format=json&page_size=5000", 0
        while url:
            url = client.get(url).json()["next"]
            pages += 1
        return pages

    stats = summary(timed(every_page, 5))
    report("API every observation of Bristol, all pages of 5000 p50", stats["p50"], "ms")
    for label, url in [
        ("catalogue page /data/", "/data/"),
        ("indicator page (coverage over all its observations)", "/data/indicators/asylum-support/"),
    ]:
        assert client.get(url).status_code == 200, url
        stats = summary(timed(lambda url=url: client.get(url), 20))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
