"""Diversity and residential segregation indices: small, pure numpy functions with the formulas they compute.

Conventions: `a` is the count of the group of interest in each small area (people born outside the UK), `b`
the count of the reference group (people born in the UK) and `t = a + b` each area's total. Areas with a zero
total carry no one and are dropped before computing, so they never divide by zero.
"""

from __future__ import annotations

import numpy as np

FRACTIONALISATION_FORMULA = "F = 1 − Σᵢ pᵢ²"
DISSIMILARITY_FORMULA = "D = ½ Σᵢ |aᵢ/A − bᵢ/B|"
ISOLATION_FORMULA = "xPx = Σᵢ (aᵢ/A)(aᵢ/tᵢ)"


def fractionalisation(counts) -> float:
    """Fractionalisation (Herfindahl-based diversity) of a population split into groups.

    F = 1 − Σᵢ pᵢ², where pᵢ = nᵢ / Σ n is the share of group i. F is the chance that two people drawn at
    random (with replacement) belong to different groups: 0 when everyone is in one group, approaching
    1 − 1/k for k equal groups. Returns NaN for an empty population.
    """
    n = np.asarray(counts, dtype=float)
    total = n.sum()
    if total <= 0:
        return float("nan")
    p = n / total
    return float(1.0 - np.sum(p * p))


def _clean(a, b) -> tuple[np.ndarray, np.ndarray]:
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError("the two groups need one count per area each")
    if np.any(a < 0) or np.any(b < 0):
        raise ValueError("counts cannot be negative")
    keep = (a + b) > 0
    return a[keep], b[keep]


def dissimilarity(a, b) -> float:
    """Index of dissimilarity between group a and group b over small areas.

    D = ½ Σᵢ |aᵢ/A − bᵢ/B|, with A = Σ aᵢ and B = Σ bᵢ. D is the share of either group that would have to
    move to another area for both to be spread in the same proportions everywhere: 0 = even, 1 = complete
    separation. Returns NaN when either group is empty.
    """
    a, b = _clean(a, b)
    big_a, big_b = a.sum(), b.sum()
    if big_a <= 0 or big_b <= 0:
        return float("nan")
    return float(0.5 * np.abs(a / big_a - b / big_b).sum())


def isolation(a, b) -> float:
    """Isolation index of group a (its exposure to itself).

    xPx = Σᵢ (aᵢ/A)(aᵢ/tᵢ), with A = Σ aᵢ and tᵢ = aᵢ + bᵢ. It is the share of group a in the area of the
    average member of group a: it equals the group's overall share A/T when the group is spread evenly and
    rises to 1 when the group lives only among itself. Returns NaN when group a is empty.
    """
    a, b = _clean(a, b)
    big_a = a.sum()
    if big_a <= 0:
        return float("nan")
    t = a + b
    return float(np.sum((a / big_a) * (a / t)))
