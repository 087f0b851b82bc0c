"""The scoring formula on hand-computed cases, pure and through the database."""

import datetime

import pytest

from inclusive_cities.assessments import scoring
from inclusive_cities.assessments.models import Sharing, Status
from inclusive_cities.assessments.selectors import assessment_scores, report


def test_score_is_mean_of_answered_levels_over_four_times_100():
    # (3 + 2 + 4) / 3 = 3.0 -> 3 / 4 * 100 = 75.0; the None is left out, not counted as 0
    assert scoring.score([3, 2, 4, None]) == 75.0
    # (0 + 1) / 2 = 0.5 -> 12.5
    assert scoring.score([0, 1]) == 12.5
    # 1 / 3 levels: (1 + 1 + 2) / 3 = 1.333.. -> 33.333.. -> 33.3
    assert scoring.score([1, 1, 2]) == 33.3


def test_nothing_answered_has_no_score_not_zero():
    assert scoring.score([None, None]) is None
    assert scoring.score([]) is None
    assert scoring.score([0]) == 0.0


def test_compute_counts_unanswered_and_builds_heat_map():
    result = scoring.compute(
        themes=[("T1", "One", ["T1.1", "T1.2", "T1.3"]), ("T2", "Two", ["T2.1"])],
        principles=[("P1", "Lead"), ("P2", "Share")],
        goal_levels={"T1.1": 4, "T1.2": 1, "T1.3": None},
        cell_levels={("P1", "T1"): 2, ("P1", "T2"): 3, ("P2", "T1"): None},
    )
    t1, t2 = result.themes
    assert (t1.score, t1.answered, t1.total, t1.unanswered) == (62.5, 2, 3, 1)  # (4+1)/2=2.5 -> 62.5
    assert (t2.score, t2.answered, t2.total) == (None, 0, 1)
    p1, p2 = result.principles
    assert (p1.score, p1.answered, p1.total) == (62.5, 2, 2)  # (2+3)/2=2.5 -> 62.5
    assert (p2.score, p2.answered, p2.total) == (None, 0, 2)
    assert result.heat == {"T1": {"P1": 50.0, "P2": None}, "T2": {"P1": 75.0, "P2": None}}
    # overall: answered levels 4, 1, 2, 3 -> 10/4 = 2.5 -> 62.5; 4 of 8 answered
    assert (result.overall, result.answered, result.total) == (62.5, 4, 8)


def test_spread_uses_inclusive_quartiles_and_the_minimum_group():
    # five values 10, 20, 30, 40, 50: inclusive quartiles 20, 30, 40
    spread = scoring.spread([50, 10, None, 30, 20, 40])
    assert (spread.count, spread.lower_quartile, spread.median, spread.upper_quartile) == (5, 20.0, 30.0, 40.0)
    assert scoring.spread([10, 20, 30, 40]) is None
    assert scoring.spread([10, 20, 30, 40, None]) is None  # missing values do not count towards the five


def test_change_and_bands():
    assert scoring.change(62.5, 50.0) == 12.5
    assert scoring.change(None, 50.0) is None
    assert [scoring.band(v) for v in (None, 0, 24.9, 25, 50, 75, 100)] == ["none", "0", "0", "1", "2", "3", "4"]


@pytest.mark.django_db
def test_scores_from_the_database_match_the_hand_computation(place, make_assessment):
    assessment = make_assessment(
        place,
        goals={"T1.1": 4, "T1.2": 2, "T1.3": None, "T2.1": 0},
        cells={("P1", "T1"): 3, ("P1", "T2"): 1, ("P3", "T5"): 4},
    )
    scores = assessment_scores(assessment)
    t1 = scores.theme("T1")
    assert (t1.score, t1.answered, t1.total) == (75.0, 2, 4)  # (4+2)/2 = 3 -> 75; T1 has four goals
    assert scores.theme("T2").score == 0.0
    assert scores.theme("T3").score is None
    assert scores.principle("P1").score == 50.0  # (3+1)/2 = 2 -> 50
    assert scores.principle("P3").score == 100.0
    assert scores.heat["T1"]["P1"] == 75.0
    assert scores.total == 23 + 25  # 23 goals and 5 principles x 5 themes


@pytest.mark.django_db
def test_change_since_the_previous_confirmed_assessment(place, make_assessment):
    make_assessment(
        place, status=Status.CONFIRMED, title="2025", confirmed_at=datetime.date(2025, 3, 1), goals={"T1.1": 1}
    )
    make_assessment(place, status=Status.DRAFT, title="draft in between", goals={"T1.1": 4})
    latest = make_assessment(
        place, status=Status.CONFIRMED, title="2026", confirmed_at=datetime.date(2026, 3, 1), goals={"T1.1": 3}
    )
    data = report(latest)
    assert data["previous"].title == "2025"
    assert data["scores"].theme("T1").change == 50.0  # 75 - 25
    assert data["overall_change"] == 50.0


@pytest.mark.django_db
def test_first_assessment_shows_no_change(place, make_assessment):
    only = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PUBLIC, goals={"T1.1": 3})
    data = report(only)
    assert data["previous"] is None
    assert data["scores"].theme("T1").change is None
