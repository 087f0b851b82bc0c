"""Diversity and segregation indices against small examples worked out by hand."""

import math

import pytest

from inclusive_cities.data.indices import dissimilarity, fractionalisation, isolation


def test_fractionalisation_hand_computed():
    # shares 0.5, 0.3, 0.2: 1 - (0.25 + 0.09 + 0.04) = 0.62
    assert fractionalisation([50, 30, 20]) == pytest.approx(0.62)


def test_fractionalisation_single_group_is_zero_and_equal_groups_reach_one_minus_one_over_k():
    assert fractionalisation([100, 0, 0]) == 0
    assert fractionalisation([10, 10, 10, 10]) == pytest.approx(0.75)
    assert math.isnan(fractionalisation([0, 0]))


def test_dissimilarity_hand_computed():
    # a = (10, 20, 70), A = 100; b = (40, 40, 20), B = 100
    # |0.1-0.4| + |0.2-0.4| + |0.7-0.2| = 0.3 + 0.2 + 0.5 = 1.0; D = 0.5
    assert dissimilarity([10, 20, 70], [40, 40, 20]) == pytest.approx(0.5)


def test_dissimilarity_extremes():
    assert dissimilarity([10, 20], [30, 60]) == pytest.approx(0.0)
    assert dissimilarity([10, 0], [0, 30]) == pytest.approx(1.0)


def test_isolation_hand_computed():
    # a = (10, 20, 70), t = (50, 60, 90), A = 100
    # 0.1*10/50 + 0.2*20/60 + 0.7*70/90 = 0.02 + 0.0666... + 0.5444... = 0.6311...
    expected = 0.1 * 10 / 50 + 0.2 * 20 / 60 + 0.7 * 70 / 90
    assert expected == pytest.approx(0.631111, abs=1e-6)
    assert isolation([10, 20, 70], [40, 40, 20]) == pytest.approx(expected)


def test_isolation_even_spread_equals_overall_share():
    # the group is 25% everywhere, so the average member lives in an area that is 25% the group
    assert isolation([5, 25], [15, 75]) == pytest.approx(0.25)


def test_empty_areas_are_dropped_and_bad_input_is_refused():
    assert dissimilarity([10, 0, 70], [40, 0, 20]) == pytest.approx(dissimilarity([10, 70], [40, 20]))
    assert isolation([10, 0], [40, 0]) == pytest.approx(0.2)
    with pytest.raises(ValueError, match="one count per area"):
        dissimilarity([1, 2], [1])
    with pytest.raises(ValueError, match="negative"):
        isolation([1, -2], [1, 1])


def test_similarity_ranks_by_euclidean_distance_over_z_scores():
    from inclusive_cities.data.similarity import nearest, zscores

    # column 1: mean 2, sd sqrt(2/3); column 2: mean 20, sd sqrt(200/3)
    matrix = [[1, 10], [2, 20], [3, 30], [1.1, float("nan")]]
    z = zscores(matrix)
    assert z[0][0] == pytest.approx(
        (1 - (1 + 2 + 3 + 1.1) / 4) / math.sqrt(sum((x - 1.775) ** 2 for x in (1, 2, 3, 1.1)) / 4)
    )
    result = nearest(matrix, 0, k=5)
    # the row with a missing value is left out; row 1 is nearer than row 2
    assert [row for row, _ in result] == [1, 2]
    assert result[0][1] < result[1][1]
    assert nearest(matrix, 3) == []
