"""Benchmarks for the taskforce: every current UK council with a 15-organisation, 20-member taskforce."""

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.network.models import Place

from .models import Organisation, Sector, TaskforceMember

SECTORS = list(Sector)


def run(report) -> None:
    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True))
    orgs = [
        Organisation(place=p, name=f"Organisation {i}", sector=SECTORS[(i + p.pk) % len(SECTORS)])
        for p in places
        for i in range(15)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=2000)
    by_place: dict[int, list[Organisation]] = {}
    for org in Organisation.objects.all():
        by_place.setdefault(org.place_id, []).append(org)
    TaskforceMember.objects.bulk_create(
        [
            TaskforceMember(place=p, organisation=by_place[p.pk][i % 15], person_name=f"Person {i}")
            for p in places
            for i in range(20)
        ],
        batch_size=2000,
    )
    report("places with a taskforce", len(places), "")
    bristol = Place.objects.get(code="E06000023")
    facilitator, officer = Client(), Client()
    facilitator.force_login(user_with_role("facilitator", email="bench.fac@example.org"))
    officer.force_login(user_with_role("officer", bristol, email="bench.officer@example.org"))
    for label, client, url in [
        ("network coverage, every place (ms)", facilitator, "/network/taskforce-coverage/"),
        ("a place's taskforce page (ms)", officer, "/places/E06000023/taskforce/"),
        ("a place's coverage page (ms)", officer, "/places/E06000023/taskforce/coverage/"),
        ("a place's taskforce CSV (ms)", officer, "/places/E06000023/taskforce/export.csv"),
    ]:
        assert client.get(url).status_code == 200, url
        stats = summary(timed(lambda client=client, url=url: client.get(url), 20))
        report(f"{label} p50", stats["p50"], "ms")
        report(f"{label} p95", stats["p95"], "ms")
