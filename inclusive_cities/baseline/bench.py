"""Benchmarks for the baseline: a place with 500 mapped activities, its grid page and CSV."""

import random

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.framework.models import TargetGroup
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from .models import Activity


def run(report) -> None:
    rng = random.Random(3)
    place = Place.objects.get(code="E06000023")
    framework = framework_current()
    themes, principles = list(framework.themes.all()), list(framework.principles.all())
    groups = list(TargetGroup.objects.all())
    activities = Activity.objects.bulk_create(
        [Activity(place=place, what=f"Activity {i}", lead_text="Someone") for i in range(500)]
    )
    for a in activities:
        a.themes.set(rng.sample(themes, 2))
        a.principles.set(rng.sample(principles, 2))
        a.target_groups.set(rng.sample(groups, 2))
    officer = Client()
    officer.force_login(user_with_role("officer", place, email="bench.baseline@example.org"))
    for label, url in [
        ("baseline grid and list, 500 activities (ms)", "/places/E06000023/baseline/"),
        ("baseline grid filtered to one cell (ms)", "/places/E06000023/baseline/?theme=T3&principle=P2"),
        ("baseline CSV, 500 activities (ms)", "/places/E06000023/baseline/export.csv"),
    ]:
        assert officer.get(url).status_code == 200, url
        stats = summary(timed(lambda url=url: officer.get(url), 20))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
