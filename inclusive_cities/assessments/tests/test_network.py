"""Comparison with the network: only places that shared, only their latest confirmed assessment, and only when
at least five places shared (the minimum-group rule)."""

import datetime

import pytest

from inclusive_cities.assessments.models import Sharing, Status
from inclusive_cities.assessments.selectors import network_overview, report
from inclusive_cities.core.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def _shared(make_assessment, n, levels=(0, 1, 2, 3, 4, 4, 4), sharing=Sharing.NETWORK, region="South West"):
    made = []
    for i in range(n):
        other = PlaceFactory(region=region)
        made.append(
            make_assessment(
                other,
                status=Status.CONFIRMED,
                sharing=sharing,
                confirmed_at=datetime.date(2026, 1, 1),
                goals={"T1.1": levels[i]},
            )
        )
    return made


def test_four_sharing_places_hide_the_network_figures(place, make_assessment):
    _shared(make_assessment, 4)
    mine = make_assessment(place, goals={"T1.1": 2})  # a draft: never counted
    data = report(mine)
    assert data["network"]["count"] == 4
    assert data["network"]["shown"] is False
    assert data["scores"].theme("T1").network is None


def test_five_sharing_places_show_median_and_quartiles(place, make_assessment, client):
    _shared(make_assessment, 5, sharing=Sharing.PUBLIC)  # T1 scores 0, 25, 50, 75, 100
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PUBLIC, goals={"T1.1": 2})
    data = report(mine)
    # the five other places; the place itself is never part of its own comparison
    assert data["network"]["count"] == 5
    spread = data["scores"].theme("T1").network
    assert (spread.count, spread.lower_quartile, spread.median, spread.upper_quartile) == (5, 25.0, 50.0, 75.0)
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "50.0 (25.0–75.0)" in page


def test_a_public_assessment_is_compared_with_public_ones_only(place, make_assessment, client):
    """Its readers may be anyone, so scores shared with the network alone must not shape what they see."""
    _shared(make_assessment, 5, sharing=Sharing.NETWORK)
    public = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PUBLIC, goals={"T1.1": 2})
    assert report(public)["network"]["count"] == 0
    network = make_assessment(
        place, status=Status.CONFIRMED, sharing=Sharing.NETWORK, title="Shared", confirmed_at=datetime.date(2026, 6, 1)
    )
    assert report(network)["network"]["count"] == 5 and report(network)["network"]["shown"] is True


def test_change_is_shown_only_against_an_assessment_shared_as_widely(place, make_assessment, client):
    """A private baseline must not be readable as "score minus change" on a later public assessment."""
    make_assessment(
        place,
        status=Status.CONFIRMED,
        sharing=Sharing.PRIVATE,
        title="Private baseline",
        confirmed_at=datetime.date(2025, 1, 1),
        goals={"T1.1": 0},
    )
    public = make_assessment(
        place,
        status=Status.CONFIRMED,
        sharing=Sharing.PUBLIC,
        confirmed_at=datetime.date(2026, 1, 1),
        goals={"T1.1": 4},
    )
    data = report(public)
    assert data["previous"] is None and data["overall_change"] is None
    assert "Private baseline" not in client.get(public.get_absolute_url()).content.decode()
    public_before = make_assessment(
        place,
        status=Status.CONFIRMED,
        sharing=Sharing.PUBLIC,
        title="Public baseline",
        confirmed_at=datetime.date(2025, 6, 1),
        goals={"T1.1": 2},
    )
    data = report(public)
    assert data["previous"] == public_before and data["scores"].theme("T1").change == 50.0


def test_exactly_five_shown_on_the_page_and_four_hidden_with_the_reason(place, make_assessment, client):
    five = _shared(make_assessment, 5, sharing=Sharing.PUBLIC)
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PRIVATE, goals={"T1.1": 2})
    page = client.get(mine.get_absolute_url())
    assert page.status_code == 404  # private: anonymous may not see it
    public = make_assessment(
        place,
        status=Status.CONFIRMED,
        sharing=Sharing.PUBLIC,
        title="Public",
        confirmed_at=datetime.date(2026, 6, 1),
        goals={"T1.1": 2},
    )
    text = client.get(public.get_absolute_url()).content.decode()
    assert "5 other places shared their latest confirmed assessment publicly" in text
    five[0].sharing = Sharing.PRIVATE
    five[0].save()
    text = client.get(public.get_absolute_url()).content.decode()
    assert "The network figures are hidden: 4 places have shared" in text
    assert "at least 5 places" in text


def test_private_drafts_and_superseded_assessments_are_not_counted(place, make_assessment):
    _shared(make_assessment, 4)
    other = PlaceFactory()
    make_assessment(other, status=Status.CONFIRMED, sharing=Sharing.PRIVATE, confirmed_at=datetime.date(2026, 1, 1))
    make_assessment(other, status=Status.DRAFT, sharing=Sharing.PUBLIC)
    # a place whose older assessment was shared but whose latest confirmed one is private does not count
    third = PlaceFactory()
    make_assessment(third, status=Status.CONFIRMED, sharing=Sharing.NETWORK, confirmed_at=datetime.date(2025, 1, 1))
    make_assessment(third, status=Status.CONFIRMED, sharing=Sharing.PRIVATE, confirmed_at=datetime.date(2026, 1, 1))
    mine = make_assessment(place)
    assert report(mine)["network"]["count"] == 4


def test_peer_groups_by_nation_and_region_follow_the_same_minimum(place, make_assessment):
    _shared(make_assessment, 5, region="North West")
    mine = make_assessment(place, goals={"T1.1": 1})
    peers = {g["kind"]: g for g in report(mine)["peers"]}
    assert peers["nation"]["count"] == 5 and peers["nation"]["shown"] is True
    assert peers["region"]["count"] == 0 and peers["region"]["shown"] is False


def test_network_overview_counts_coverage_and_trend(place, make_assessment):
    from inclusive_cities.core.factories import MembershipFactory

    shared = _shared(make_assessment, 2)
    for p in [place] + [a.place for a in shared]:
        MembershipFactory(place=p)
    outsider = PlaceFactory(code="E08000026", name="Coventry")  # in no programme: never counted
    make_assessment(outsider, status=Status.CONFIRMED, sharing=Sharing.NETWORK, goals={"T1.1": 4})
    make_assessment(
        place,
        status=Status.CONFIRMED,
        sharing=Sharing.PRIVATE,
        confirmed_at=datetime.date(2025, 5, 1),
        goals={"T1.1": 4},
    )
    make_assessment(place, title="Next")
    overview = network_overview(place.assessments.first().framework)
    assert overview["places"] == 3
    assert overview["confirmed_places"] == 3
    assert overview["shared_places"] == 2
    # 2025: this place's 100.0; 2026: the two shared places, 0 and 25 -> mean 12.5
    assert [(t["year"], t["count"], t["mean"]) for t in overview["trend"]] == [(2025, 1, 100.0), (2026, 2, 12.5)]
    assert overview["theme_codes"] == ["T1", "T2", "T3", "T4", "T5"]
    assert overview["trend"][1]["themes"] == [12.5, None, None, None, None]
    assert "Coventry" not in {r["place"].name for r in overview["rows"]}


def test_network_overview_lists_programme_places_that_have_not_started(place, make_assessment, client):
    from inclusive_cities.core.factories import MembershipFactory, user_with_role

    make_assessment(place)
    MembershipFactory(place=place)
    newport = PlaceFactory(code="W06000022", name="Newport")
    MembershipFactory(place=newport)
    overview = network_overview(place.assessments.first().framework)
    assert [(r["place"].code, r["count"]) for r in overview["rows"]] == [("E06000023", 1), ("W06000022", 0)]
    assert overview["places"] == 1 and overview["not_started"] == 1
    client.force_login(user_with_role("facilitator"))
    html = client.get("/network/assessments/").content.decode()
    assert "Newport" in html and "Not started" in html


def _figures(place, population, born):
    from inclusive_cities.data.models import Indicator, Observation

    pop, _c = Indicator.objects.get_or_create(code="population-mid-year", defaults={"name": "Population"})
    pct, _c = Indicator.objects.get_or_create(code="census21-born-outside-uk-pct", defaults={"name": "Born abroad"})
    day = datetime.date(2021, 3, 21)
    Observation.objects.create(
        indicator=pop, area_code=place.code, place=place, period="2021", period_start=day, value=population
    )
    Observation.objects.create(
        indicator=pct,
        area_code=place.code,
        place=place,
        period="2021",
        period_start=day,
        value=born,
        category="Born outside the UK",
    )


def test_peer_groups_by_size_and_share_born_abroad(place, make_assessment):
    others = _shared(make_assessment, 6)
    _figures(place, 400_000, 20.0)
    # size peers: 200,000 to 800,000; born-abroad peers: 15% to 25%
    for other, (population, born) in zip(
        [a.place for a in others],
        [(200_000, 15.0), (800_000, 25.0), (450_000, 18.0), (500_000, 22.0), (199_999, 25.1), (1_000_000, 14.9)],
        strict=True,
    ):
        _figures(other, population, born)
    mine = make_assessment(place, goals={"T1.1": 1})
    peers = {g["kind"]: g for g in report(mine)["peers"]}
    assert peers["size"]["available"] and peers["size"]["count"] == 4 and peers["size"]["shown"] is False
    assert peers["born_abroad"]["count"] == 4 and peers["born_abroad"]["shown"] is False
    # a sharing place with no figures is in no figure-based group
    make_assessment(PlaceFactory(), status=Status.CONFIRMED, sharing=Sharing.PUBLIC)
    extra = make_assessment(
        PlaceFactory(),
        status=Status.CONFIRMED,
        sharing=Sharing.NETWORK,
        title="x",
        confirmed_at=datetime.date(2026, 1, 1),
        goals={"T1.1": 2},
    )
    _figures(extra.place, 300_000, 19.0)
    peers = {g["kind"]: g for g in report(mine)["peers"]}
    # five peers, but only three other places shared: the network beside the group would give those three away
    assert peers["size"]["count"] == 5 and peers["size"]["shown"] is False and peers["size"]["protected"]
    _shared(make_assessment, 2)  # two more places without figures: five outside each group
    peers = {g["kind"]: g for g in report(mine)["peers"]}
    assert peers["size"]["count"] == 5 and peers["size"]["shown"] is True
    assert peers["born_abroad"]["count"] == 5 and peers["born_abroad"]["shown"] is True


def test_each_place_is_compared_at_its_own_latest_figure(place, make_assessment):
    """A newer figure for one place (mid-2023 covers England and Wales only) must not blank everyone else's."""
    from inclusive_cities.assessments.selectors import place_figures
    from inclusive_cities.data.models import Indicator, Observation

    glasgow = PlaceFactory(code="S12000049", name="Glasgow City")
    _figures(place, 400_000, 20.0)
    _figures(glasgow, 620_000, 16.0)
    pop = Indicator.objects.get(code="population-mid-year")
    Observation.objects.create(
        indicator=pop,
        area_code=place.code,
        place=place,
        period="2023",
        period_start=datetime.date(2023, 6, 30),
        value=480_000,
    )
    figures = place_figures()
    assert figures["E06000023"]["population"] == 480_000  # Bristol's newest
    assert figures["S12000049"]["population"] == 620_000  # Glasgow's own latest, though older


def test_figure_peer_groups_unavailable_without_the_places_figures(place, make_assessment, client):
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PUBLIC, goals={"T1.1": 1})
    peers = {g["kind"]: g for g in report(mine)["peers"]}
    assert peers["size"]["available"] is False and peers["born_abroad"]["available"] is False
    assert "no figure for this place" in client.get(mine.get_absolute_url()).content.decode()


def _shown_sets(result) -> dict:
    """The groups whose figures a reader of the results page is shown, as sets of assessments."""
    shown = {}
    if result["network"]["shown"]:
        shown["network"] = frozenset(result["network"]["members"])
    for group in result["peers"]:
        if group["shown"]:
            shown[group["kind"]] = frozenset(group["members"])
    return shown


def _no_small_group_by_subtraction(shown: dict) -> None:
    """No shown group, and no difference of a shown group and a shown group inside it, has 1 to 4 places: no
    figure of fewer than five places can be worked out from what is shown."""
    for name, ids in shown.items():
        assert len(ids) >= 5, name
        for other, inner in shown.items():
            if other != name and inner < ids:
                assert len(ids - inner) >= 5, f"{name} minus {other} leaves {len(ids - inner)} places"


def test_a_peer_group_that_would_give_away_the_rest_of_the_network_is_hidden(place, make_assessment, client):
    """Eight places shared: six in Bristol's region, two elsewhere in England. The region's figures beside the
    network's would let the two others' be worked out, so the region is hidden (complementary suppression)."""
    _shared(make_assessment, 6, region="South West")
    _shared(make_assessment, 2, region="North West")
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK)
    result = report(mine)
    peers = {g["kind"]: g for g in result["peers"]}
    assert result["network"]["shown"] and result["network"]["count"] == 8
    assert peers["nation"]["shown"] and peers["nation"]["count"] == 8  # the same places as the network: no gap
    assert peers["region"]["count"] == 6 and not peers["region"]["shown"] and peers["region"]["protected"]
    assert peers["region"]["overall"] is None
    _no_small_group_by_subtraction(_shown_sets(result))
    from inclusive_cities.core.factories import user_with_role

    client.force_login(user_with_role("officer", place))
    page = client.get(mine.get_absolute_url()).content.decode()
    assert "hidden although 6 places shared" in page


def test_the_network_is_hidden_when_its_only_group_would_give_away_the_rest(place, make_assessment):
    """Six places shared, all in England, one outside Bristol's region but five inside it: showing both the network
    and the region would give away the one; the region is hidden (the smaller part), the network stays."""
    _shared(make_assessment, 5, region="South West")
    _shared(make_assessment, 1, region="North West")
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK)
    result = report(mine)
    shown = _shown_sets(result)
    assert "network" in shown and "region" not in shown
    _no_small_group_by_subtraction(shown)


@pytest.mark.parametrize("layout", [(5, 0), (5, 3), (7, 4), (9, 1), (4, 4), (10, 6)])
def test_no_hidden_group_can_be_worked_out_from_what_is_shown(place, make_assessment, layout):
    inside, outside = layout
    _shared(make_assessment, inside, levels=(0, 1, 2, 3, 4) * 2, region="South West")
    _shared(make_assessment, outside, levels=(0, 1, 2, 3, 4) * 2, region="North West")
    mine = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK)
    _no_small_group_by_subtraction(_shown_sets(report(mine)))
