"""Benchmarks for self-assessments: two confirmed, network-shared assessments (a year apart) for every current UK
council, every goal and principle-in-theme answered; then a place's results page (with network median, quartiles
and peer groups computed over every place) and the facilitator's network view."""

import datetime
import random

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from .models import Answer, Assessment, Sharing, Status


def _generate(places, framework) -> int:
    rng = random.Random(2026)
    themes = list(framework.themes.prefetch_related("goals"))
    principles = list(framework.principles.all())
    Assessment.objects.bulk_create(
        [
            Assessment(
                place=p,
                framework=framework,
                title=f"Assessment {year}",
                status=Status.CONFIRMED,
                sharing=Sharing.NETWORK,
                confirmed_at=datetime.date(year, 3, 1),
            )
            for p in places
            for year in (2025, 2026)
        ],
        batch_size=1000,
    )
    answers = []
    for assessment in Assessment.objects.filter(place__in=places):
        for theme in themes:
            for goal in theme.goals.all():
                answers.append(Answer(assessment=assessment, goal=goal, level=rng.randint(0, 4)))
            for principle in principles:
                answers.append(Answer(assessment=assessment, principle=principle, theme=theme, level=rng.randint(0, 4)))
    Answer.objects.bulk_create(answers, batch_size=5000)
    return len(answers)


def run(report) -> None:
    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True))
    answers = _generate(places, framework_current())
    report("confirmed assessments", 2 * len(places), "")
    report("answers", answers, "")
    bristol = Place.objects.get(code="E06000023")
    latest = Assessment.objects.filter(place=bristol).order_by("-confirmed_at").first()
    facilitator, officer = Client(), Client()
    facilitator.force_login(user_with_role("facilitator", email="bench.assess.fac@example.org"))
    officer.force_login(user_with_role("officer", bristol, email="bench.assess.officer@example.org"))
    base = f"/places/{bristol.code}/assessments/"
    for label, client, url, repeat in [
        ("results with network comparison and peers (ms)", officer, f"{base}{latest.pk}/", 20),
        ("a place's assessments list (ms)", officer, base, 20),
        ("network view, coverage and trends (ms)", facilitator, "/network/assessments/", 10),
        ("assessment CSV (ms)", officer, f"{base}{latest.pk}/assessment.csv", 20),
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        stats = summary(timed(lambda client=client, url=url: client.get(url), repeat))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
