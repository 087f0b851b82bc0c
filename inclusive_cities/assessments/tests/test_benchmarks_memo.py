"""The network and peer figures beside an assessment are kept in the shared cache (the same for every viewer):
any change to what they read shows on the next report, never a stale figure."""

import datetime

import pytest
from django.core.cache import cache

from inclusive_cities.assessments.models import Answer, Assessment, Sharing, Status
from inclusive_cities.assessments.selectors import report
from inclusive_cities.core.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _share(make_assessment, level, sharing=Sharing.NETWORK):
    return make_assessment(
        PlaceFactory(region="South West"),
        status=Status.CONFIRMED,
        sharing=sharing,
        confirmed_at=datetime.date(2026, 1, 1),
        goals={"T1.1": level},
    )


def _t1(mine):
    spread = report(mine)["scores"].theme("T1").network
    return None if spread is None else (spread.count, spread.lower_quartile, spread.median, spread.upper_quartile)


def test_figures_follow_every_change_to_what_was_shared(place, make_assessment):
    others = [_share(make_assessment, level) for level in (0, 1, 2, 3, 4)]
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK, goals={"T1.1": 2})
    assert _t1(mine) == (5, 25.0, 50.0, 75.0)
    assert _t1(mine) == (5, 25.0, 50.0, 75.0)  # from the cache
    # Another place shares: counted on the next report.
    _share(make_assessment, 4)
    assert report(mine)["network"]["count"] == 6
    # A place's answer changes (a bulk update, no signals): the figures move.
    Answer.objects.filter(assessment=others[0]).update(level=4)
    first = _t1(mine)
    assert first[0] == 6 and first[2] == 87.5
    # A place stops sharing: no longer counted.
    Assessment.objects.filter(pk=others[1].pk).update(sharing=Sharing.PRIVATE)
    assert report(mine)["network"]["count"] == 5


def test_a_public_assessment_never_gets_the_network_shared_figures(place, make_assessment):
    for level in (0, 1, 2, 3, 4):
        _share(make_assessment, level, sharing=Sharing.NETWORK)
    shared = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK, goals={"T1.1": 2})
    assert report(shared)["network"]["count"] == 5
    Assessment.objects.filter(pk=shared.pk).update(sharing=Sharing.PUBLIC)
    shared.refresh_from_db()
    assert report(shared)["network"]["count"] == 0
