"""Statistical disclosure control for the benchmarks beside an assessment: primary and complementary suppression.

A figure about a group of fewer than `minimum` places is hidden (primary suppression). That is not enough when other
figures shown add up to it: the network's figure minus a peer group's gives the places outside the group, a nation's
minus a region's gives the rest of the nation. Each such identity is a *relation* `total = part + part + ...`
between cells. The standard rule: a relation must never have exactly one hidden cell (it would be the total minus
the others), so the next smallest cell of that relation is hidden too (complementary suppression), and so on until
no relation has one. Relations can still combine to give a hidden cell away (two relations sharing two hidden cells
differenced against a third), so the rule is then checked exactly: a hidden cell is derivable when its unit vector
lies in the row space of the relations restricted to the hidden cells (a rank test over fractions), and while one
is, the smallest visible cell of a relation it belongs to is hidden as well.

Cells that nobody is shown (such as "the network outside this group") still count: they are published implicitly
by subtraction, so they are hidden when small like any other.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction

Relation = tuple[Hashable, list[Hashable]]  # (total cell, its parts): counts[total] == sum(counts[parts])


def suppress(counts: Mapping[Hashable, int], relations: Iterable[Relation], *, minimum: int) -> set[Hashable]:
    """The cells to hide: those counting 1 to `minimum - 1` (0 is no one and is shown), and enough others that no
    hidden cell can be worked out from the visible cells and the relations."""
    relations = [(total, list(parts)) for total, parts in relations]
    hidden = {cell for cell, n in counts.items() if 0 < n < minimum}
    if not hidden:
        return hidden
    while True:
        lone = next((r for r in relations if len(_hidden_in(r, hidden)) == 1), None)
        if lone is not None:
            _hide_next_smallest([lone], counts, hidden)
            continue
        exposed = next((cell for cell in sorted(hidden, key=repr) if _derivable(cell, hidden, relations)), None)
        if exposed is None:
            return hidden
        if not _hide_next_smallest([r for r in relations if exposed in _members(r)], counts, hidden):
            return hidden  # nothing left to hide beside it (cannot happen with relations that hold)


def _members(relation: Relation) -> list[Hashable]:
    total, parts = relation
    return [total, *parts]


def _hidden_in(relation: Relation, hidden: set) -> list[Hashable]:
    return [cell for cell in _members(relation) if cell in hidden]


def _hide_next_smallest(relations: list[Relation], counts: Mapping[Hashable, int], hidden: set) -> bool:
    """Hide the smallest visible cell of these relations: a part counting someone first, then an empty part, then
    a total. False when every cell is hidden already."""
    candidates = []
    for total, parts in relations:
        candidates += [(0 if counts[c] > 0 else 1, counts[c], repr(c), c) for c in parts if c not in hidden]
        if total not in hidden:
            candidates.append((2, counts[total], repr(total), total))
    if not candidates:
        return False
    hidden.add(min(candidates)[3])
    return True


def _derivable(cell: Hashable, hidden: set, relations: list[Relation]) -> bool:
    """Whether the visible cells and the relations fix this hidden cell's value: e_cell in the row space of the
    relations' coefficients on the hidden cells."""
    unknowns = sorted(hidden, key=repr)
    index = {c: i for i, c in enumerate(unknowns)}
    rows = []
    for total, parts in relations:
        row = [Fraction(0)] * len(unknowns)
        for c, sign in [(total, 1), *((p, -1) for p in parts)]:
            if c in index:
                row[index[c]] += sign
        if any(row):
            rows.append(row)
    unit = [Fraction(int(i == index[cell])) for i in range(len(unknowns))]
    return _rank(rows) == _rank([*rows, unit])


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def table_relations(table: list[list[int]]) -> tuple[dict, list[Relation]]:
    """A table of counts with its margins as cells and relations: ("cell", r, c), ("row", r), ("col", c) and
    ("all",); each row and column sums to its margin, and the margins to the grand total."""
    counts: dict = {}
    relations: list[Relation] = []
    n_rows, n_cols = len(table), len(table[0])
    for r in range(n_rows):
        for c in range(n_cols):
            counts[("cell", r, c)] = table[r][c]
    for r in range(n_rows):
        counts[("row", r)] = sum(table[r])
        relations.append((("row", r), [("cell", r, c) for c in range(n_cols)]))
    for c in range(n_cols):
        counts[("col", c)] = sum(table[r][c] for r in range(n_rows))
        relations.append((("col", c), [("cell", r, c) for r in range(n_rows)]))
    counts[("all",)] = sum(map(sum, table))
    relations.append((("all",), [("row", r) for r in range(n_rows)]))
    relations.append((("all",), [("col", c) for c in range(n_cols)]))
    return counts, relations
