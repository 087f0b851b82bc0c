"""`make bench` figures for place profiles and the map at a million observations and more.

Called by inclusive_cities.core.bench as `run_profiles(report)` after the data app's own `run`. It tops the
benchmark database up to at least 1,000,000 observations with the indicators the profile reads (asylum support
by quarter and breakdown, country of birth, Census percentages, LAMIS series, population, deprivation) plus
synthetic filler series, for every current district-level authority, and small-area counts for eight cities.
Values are synthetic: this runs only against the benchmark database, never the demo.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time

TARGET = 1_000_000
CITIES = ["E06000023", "E08000012", "E08000019", "W06000015", "E08000003", "E08000025", "E06000016", "E08000032"]


def _indicator(code: str, unit: str = "count", disaggregation: str = ""):
    from .models import Indicator

    return Indicator.objects.get_or_create(
        code=code,
        defaults={
            "name": code.replace("-", " ").capitalize() + " (benchmark)",
            "unit": unit,
            "disaggregation": disaggregation,
            "source": "Synthetic benchmark data",
            "publisher": "Benchmark",
        },
    )[0]


def _specs():
    """(indicator code, unit, [(period label, start date)], [(disaggregation, category)]) per place."""
    from .profiles import CANNOT_SPEAK, IMD, RECENT_ARRIVALS

    quarters = [(f"{y} Q{q}", dt.date(y, 3 * q - 2, 1)) for y in range(2014, 2025) for q in range(1, 5)][:43]
    years = [(str(y), dt.date(y, 1, 1)) for y in range(2011, 2021)]
    census = [("2021", dt.date(2021, 3, 21))]
    asylum_cats = (
        [("", "")]
        + [("support_type", c) for c in ("Section 95", "Section 4", "Section 98")]
        + [
            ("accommodation_type", c)
            for c in (
                "Dispersal Accommodation",
                "Subsistence Only",
                "Contingency Accommodation - Hotel",
                "Initial Accommodation",
                "Other",
            )
        ]
    )
    cob = [("country_of_birth", f"region_{r}_country_{c}") for r in range(6) for c in range(10)]
    specs = [
        ("asylum-support", "count", quarters, asylum_cats),
        ("census21-country-of-birth", "count", census, cob),
        (
            "census21-born-outside-uk-pct",
            "percent",
            census,
            [("country_of_birth", "Born in the UK"), ("country_of_birth", "Born outside the UK")],
        ),
        (
            "census21-english-proficiency-pct",
            "percent",
            census,
            [
                ("english_proficiency", "Main language is English (English or Welsh in Wales)"),
                ("english_proficiency", CANNOT_SPEAK),
            ],
        ),
        (
            "census21-length-of-residence-pct",
            "percent",
            census,
            [("length_of_residence", c) for c in ("Born in the UK", "10 years or more", *RECENT_ARRIVALS)],
        ),
        (
            "census21-passports-pct",
            "percent",
            census,
            [("passports_held", c) for c in ("UK passport", "Non-UK passport", "No passport held")],
        ),
        ("population-mid-year", "count", [(str(y), dt.date(y, 6, 30)) for y in range(2011, 2024)], [("", "")]),
        (
            "iod-rank-of-average-score",
            "rank",
            [("2019", dt.date(2019, 9, 1)), ("2025", dt.date(2025, 9, 1))],
            [("index_domain", IMD)] + [("index_domain", f"Domain {d}") for d in range(9)],
        ),
    ]
    for code in (
        "lamis-non-uk-born-population",
        "lamis-non-british-population",
        "lamis-long-term-international-inflow",
        "lamis-long-term-international-outflow",
        "lamis-mid-year-population",
        "lamis-nino-registrations",
        "lamis-gp-registrations-new-migrants",
        "lamis-births-non-uk-born-mothers-pct",
    ):
        specs.append((code, "percent" if code.endswith("pct") else "count", years, [("", "")]))
    return specs


def _generate(report) -> int:
    from django.db import transaction

    from inclusive_cities.network.models import Place

    from .models import Observation

    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True).values_list("pk", "code"))
    existing = Observation.objects.count()
    specs = _specs()
    have = set(
        Observation.objects.filter(indicator__code__in=[s[0] for s in specs])
        .values_list("indicator__code", flat=True)
        .distinct()
    )
    todo = [s for s in specs if s[0] not in have]
    per_place = sum(len(periods) * len(cats) for _c, _u, periods, cats in todo)
    filler_needed = max(0, TARGET - existing - per_place * len(places))
    filler_per_place = -(-filler_needed // max(len(places), 1))
    filler_years = [(str(y), dt.date(y, 1, 1)) for y in range(2000, 2024)]
    filler_cats = [("bench_category", f"Group {g}") for g in range(12)]
    n_filler = -(-filler_per_place // (len(filler_years) * len(filler_cats))) if filler_per_place else 0
    todo += [(f"bench-synthetic-{k}", "count", filler_years, filler_cats) for k in range(n_filler)]
    rng = random.Random(4)
    created = 0
    start = time.perf_counter()
    for code, unit, periods, cats in todo:
        indicator = _indicator(code, unit, cats[-1][0])
        batch = []
        for pk, area in places:
            base = rng.uniform(5, 40) if unit == "percent" else rng.uniform(100, 300_000)
            for period, begin in periods:
                for disaggregation, category in cats:
                    batch.append(
                        Observation(
                            indicator=indicator,
                            area_code=area,
                            place_id=pk,
                            period=period,
                            period_start=begin,
                            disaggregation=disaggregation,
                            category=category,
                            value=round(base * rng.uniform(0.8, 1.2), 1),
                        )
                    )
        with transaction.atomic():
            Observation.objects.bulk_create(batch, batch_size=5000)
        created += len(batch)
    elapsed = time.perf_counter() - start
    if created:
        report("profile data: observations generated (bulk_create)", created, "rows")
        report("profile data: generation rate", created / elapsed, "rows/s")
    return Observation.objects.count()


def _small_areas() -> None:
    from .models import SmallAreaCount

    if SmallAreaCount.objects.filter(la_code__in=CITIES, variable="country_of_birth_3a").exists():
        return
    rng = random.Random(8)
    rows = []
    # Codes shaped as the ONS's (E02/E01/E00 and six digits, nine characters as the column allows), numbered from
    # 900000 so they never meet a real area's code.
    numbers = itertools.count(900000)
    for la in CITIES:
        for _m in range(60):
            msoa = f"E02{next(numbers)}"
            totals = [0, 0]
            for _lsoa_i in range(5):
                lsoa = f"E01{next(numbers)}"
                for _oa_i in range(5):
                    oa = f"E00{next(numbers)}"
                    outside = rng.randint(0, 200)
                    uk = rng.randint(50, 300)
                    totals[0] += outside
                    totals[1] += uk
                    for level, code, parent in (("oa", oa, lsoa),):
                        rows += [
                            SmallAreaCount(
                                area_code=code,
                                level=level,
                                parent_code=parent,
                                la_code=la,
                                variable="country_of_birth_3a",
                                category=c,
                                count=n,
                            )
                            for c, n in (("born_outside_uk", outside), ("born_uk", uk), ("total", outside + uk))
                        ]
            rows += [
                SmallAreaCount(
                    area_code=msoa,
                    level="msoa",
                    parent_code=la,
                    la_code=la,
                    variable="country_of_birth_3a",
                    category=c,
                    count=n,
                )
                for c, n in (("born_outside_uk", totals[0]), ("born_uk", totals[1]), ("total", sum(totals)))
            ]
    SmallAreaCount.objects.bulk_create(rows, batch_size=5000)


def run_profiles(report) -> None:
    from django.test import Client

    from inclusive_cities.core.bench import summary, timed
    from inclusive_cities.network.models import Place

    total = _generate(report)
    _small_areas()
    report("profile data: observations in the database", total, "rows")
    client = Client()
    codes = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True).values_list("code", flat=True))
    rng = random.Random(15)
    sample = CITIES + rng.sample(codes, 32)
    client.get(f"/places/{sample[0]}/data/")  # warm-up: first request loads templates
    samples = []
    for code in sample:
        samples += timed(lambda code=code: client.get(f"/places/{code}/data/"), 1)
    stats = summary(samples)
    report(f"profile page /places/<code>/data/ p50 ({len(sample)} places)", stats["p50"], "ms")
    report(f"profile page /places/<code>/data/ p95 ({len(sample)} places)", stats["p95"], "ms")
    first = timed(lambda: client.get("/data/map/?indicator=census21-born-outside-uk-pct"), 1)
    report("map page, first request in a fresh process", first[0], "ms")
    stats = summary(timed(lambda: client.get("/data/map/?indicator=census21-born-outside-uk-pct"), 15))
    report("map page /data/map/ p50", stats["p50"], "ms")
    report("map page /data/map/ p95", stats["p95"], "ms")
