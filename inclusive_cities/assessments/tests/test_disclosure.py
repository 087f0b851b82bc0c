"""Complementary suppression as a plain function: for random tables with their margins, every small cell is hidden,
no relation has a lone hidden cell, and no hidden cell can be worked out from what is shown (checked with numpy's
rank, a separate computation from the function's own)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from inclusive_cities.assessments.disclosure import suppress, table_relations

MIN = 5


def derivable(cell, hidden, relations) -> bool:
    unknowns = sorted(hidden, key=repr)
    index = {c: i for i, c in enumerate(unknowns)}
    rows = []
    for total, parts in relations:
        row = np.zeros(len(unknowns))
        for c, sign in [(total, 1), *((p, -1) for p in parts)]:
            if c in index:
                row[index[c]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return False
    unit = np.zeros(len(unknowns))
    unit[index[cell]] = 1
    a = np.array(rows)
    return np.linalg.matrix_rank(a) == np.linalg.matrix_rank(np.vstack([a, unit]))


def check(counts, relations, hidden):
    for cell, n in counts.items():
        if 0 < n < MIN:
            assert cell in hidden, cell
    for total, parts in relations:
        assert sum(1 for c in [total, *parts] if c in hidden) != 1, (total, parts)
    for cell in hidden:
        assert not derivable(cell, hidden, relations), cell


tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 5).flatmap(
        lambda cols: st.lists(
            st.lists(st.one_of(st.integers(0, 6), st.integers(0, 40)), min_size=cols, max_size=cols),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_hidden_cell_of_a_random_table_can_be_worked_out(table):
    counts, relations = table_relations(table)
    hidden = suppress(counts, relations, minimum=MIN)
    check(counts, relations, hidden)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=6), st.data())
def test_nested_groups_of_places(sizes, data):
    """The benchmarks' shape: a network total, groups inside it, and groups inside groups (region in nation)."""
    network = sum(sizes) + data.draw(st.integers(0, 10))
    counts = {"network": network}
    relations = []
    for i, n in enumerate(sizes):
        counts[f"g{i}"], counts[f"rest{i}"] = n, network - n
        relations.append(("network", [f"g{i}", f"rest{i}"]))
    inner = data.draw(st.integers(0, sizes[0]))
    counts["inner"], counts["g0-inner"] = inner, sizes[0] - inner
    relations += [("g0", ["inner", "g0-inner"]), ("network", ["inner", "rest-inner"])]
    counts["rest-inner"] = network - inner
    hidden = suppress(counts, relations, minimum=MIN)
    check(counts, relations, hidden)


def test_a_table_without_small_cells_hides_nothing():
    counts, relations = table_relations([[10, 20], [30, 5]])
    assert suppress(counts, relations, minimum=MIN) == set()


def test_the_next_smallest_cell_of_the_row_is_hidden_too():
    counts, relations = table_relations([[3, 20, 30], [12, 40, 50], [25, 4, 60]])
    hidden = suppress(counts, relations, minimum=MIN)
    # 3 and 4 are small; row 0's next smallest is 20, row 2's is 25: the four make a rectangle, two hidden cells
    # in every row and column they touch, which no subtraction undoes
    assert hidden == {("cell", 0, 0), ("cell", 0, 1), ("cell", 2, 0), ("cell", 2, 1)}
    check(counts, relations, hidden)


def test_a_group_whose_complement_is_small_is_hidden():
    """12 places shared; 9 of them in the same nation: the nation's figure would give away the other 3."""
    counts = {"network": 12, "nation": 9, "rest": 3}
    assert suppress(counts, [("network", ["nation", "rest"])], minimum=MIN) == {"nation", "rest"}


def test_a_bridge_between_two_hidden_blocks_is_closed():
    """Two blocks of hidden cells linked by one hidden cell: every row and column has two hidden cells, yet the
    linking cell is the difference of the blocks' margins. The rank check hides more."""
    table = [
        [1, 1, 2, 50, 60],
        [1, 1, 50, 60, 70],
        [50, 60, 1, 1, 80],
        [60, 70, 1, 1, 90],
    ]
    counts, relations = table_relations(table)
    hidden = suppress(counts, relations, minimum=MIN)
    check(counts, relations, hidden)
