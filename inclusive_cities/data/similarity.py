"""Most similar places: Euclidean distance between places over z-scores of a stated set of indicators.

Measure (stated on the profile page): for each indicator in the set, every place's value is turned into a
z-score, z = (x − mean) / standard deviation, over all places that have a value; the distance between two
places is d = √ Σₖ (z_k(place) − z_k(other))², summed over the indicators in the set. The most similar places
are those with the smallest d. Places missing any indicator in the set are left out of the comparison, so
every distance is over the same indicators. Population is compared on a log scale, so that the largest
cities do not dominate the distance.
"""

from __future__ import annotations

import numpy as np


def zscores(matrix) -> np.ndarray:
    """Column-wise z-scores of a places × indicators matrix (NaN stays NaN; a constant column gives 0)."""
    m = np.asarray(matrix, dtype=float)
    mean = np.nanmean(m, axis=0)
    std = np.nanstd(m, axis=0)
    std[~np.isfinite(std) | (std == 0)] = 1.0
    return (m - mean) / std


def nearest(matrix, target: int, k: int = 5) -> list[tuple[int, float]]:
    """The k rows closest to row `target` by Euclidean distance over z-scores, as (row, distance), nearest first.

    Rows with any missing value are left out (and so is the target itself). Returns [] when the target row
    has a missing value.
    """
    z = zscores(matrix)
    complete = ~np.isnan(z).any(axis=1)
    if not complete[target]:
        return []
    distances = np.sqrt(((z - z[target]) ** 2).sum(axis=1))
    candidates = [i for i in np.flatnonzero(complete) if i != target]
    candidates.sort(key=lambda i: (distances[i], i))
    return [(int(i), float(distances[i])) for i in candidates[:k]]
