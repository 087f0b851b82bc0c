"""Suggested learning partnerships: every pair of places scored on four reasons, each stated in numbers.

- complementary strengths: themes where one place's confirmed self-assessment scores at least STRONG and the
  other's at most WEAK (0-100 theme scores, the assessments app's formula);
- shared priorities: framework themes that both places' published action plans have a priority under;
- similar context: the data profile's similarity distance (Euclidean over z-scores of the similarity set);
- founder and newer member: one place is in a programme's first cohort and the other joined a later one.

Only assessments a place shares with the network or the public are used (a place's latest confirmed one; if its
latest is private, it is left out, never replaced by an older one), so a suggestion never shows a score that a
signed-in network member could not open themselves.

score = 2 × complementary themes + 1 × shared themes + max(0, 3 − distance) + 1 if founder and newer member.
"""

from dataclasses import dataclass, field

import numpy as np

from inclusive_cities.network.models import Membership, Place

STRONG = 75.0
WEAK = 50.0


@dataclass
class Suggestion:
    a: Place
    b: Place
    score: float
    complementary: list[str] = field(default_factory=list)
    shared: list[str] = field(default_factory=list)
    distance: float | None = None
    founder_newer: bool = False


def _theme_scores(places: list[Place]):
    """(theme names, places × themes matrix of shared theme scores, NaN where not shared)."""
    from inclusive_cities.assessments.models import Sharing
    from inclusive_cities.assessments.selectors import group_scores, shared_latest, structure
    from inclusive_cities.framework.selectors import framework_current

    framework = framework_current()
    if framework is None:
        return [], [], np.full((len(places), 0), np.nan)
    themes, principles = structure(framework)
    index = {p.pk: i for i, p in enumerate(places)}
    matrix = np.full((len(places), len(themes)), np.nan)
    shared = shared_latest(framework, levels=(Sharing.NETWORK, Sharing.PUBLIC)).filter(place_id__in=index)
    for assessment, scores in group_scores(shared, themes, principles):
        for t, theme in enumerate(themes):
            line = scores.theme(theme.code)
            if line and line.score is not None:
                matrix[index[assessment.place_id], t] = line.score
    return [t.code for t in themes], [t.name.rstrip(".") for t in themes], matrix


def _plan_themes(places: list[Place], codes: list[str]) -> np.ndarray:
    from inclusive_cities.plans.models import PlanStatus, Priority

    index = {p.pk: i for i, p in enumerate(places)}
    col = {c: j for j, c in enumerate(codes)}
    matrix = np.zeros((len(places), len(codes)), dtype=np.int32)
    rows = (
        Priority.objects.filter(plan__place_id__in=index, plan__status=PlanStatus.PUBLISHED)
        .values_list("plan__place_id", "themes__code")
        .distinct()
    )
    for place_id, code in rows:
        if code in col:
            matrix[index[place_id], col[code]] = 1
    return matrix


def _distances(places: list[Place]) -> np.ndarray:
    from inclusive_cities.data.profiles import similarity_matrix
    from inclusive_cities.data.similarity import zscores

    n = len(places)
    out = np.full((n, n), np.nan)
    areas, used, matrix = similarity_matrix()
    if not len(used):
        return out
    z = zscores(matrix)
    row_of = {code: i for i, code in enumerate(areas)}
    rows = np.full((n, z.shape[1]), np.nan)
    for i, place in enumerate(places):
        if place.code in row_of:
            rows[i] = z[row_of[place.code]]
    diff = rows[:, None, :] - rows[None, :, :]
    return np.sqrt((diff**2).sum(axis=2))  # NaN where either place lacks a figure


def _founder_newer(places: list[Place]) -> np.ndarray:
    """Pairs where, within one programme, one place is in its first cohort and the other only in a later one."""
    index = {p.pk: i for i, p in enumerate(places)}
    first_year: dict[int, int] = {}
    for programme, year in Membership.objects.filter(cohort__start_year__isnull=False).values_list(
        "cohort__programme_id", "cohort__start_year"
    ):
        first_year[programme] = min(year, first_year.get(programme, year))
    founder: dict[int, set[int]] = {}
    later: dict[int, set[int]] = {}
    for place_id, programme, year in Membership.objects.filter(
        place_id__in=index, cohort__start_year__isnull=False
    ).values_list("place_id", "cohort__programme_id", "cohort__start_year"):
        (founder if year == first_year[programme] else later).setdefault(programme, set()).add(index[place_id])
    pairs = np.zeros((len(places), len(places)), dtype=bool)
    for programme, founders in founder.items():
        newer = later.get(programme, set()) - founders
        if newer:
            f = np.zeros(len(places), dtype=bool)
            f[list(founders)] = True
            n = np.zeros(len(places), dtype=bool)
            n[list(newer)] = True
            pairs |= np.outer(f, n)
    return pairs | pairs.T


def suggest(places, *, limit: int = 20, involving: Place | None = None) -> list[Suggestion]:
    places = list(places)
    n = len(places)
    if n < 2:
        return []
    codes, names, scores = _theme_scores(places)
    strong = np.nan_to_num(scores, nan=-1) >= STRONG
    weak = np.nan_to_num(scores, nan=999) <= WEAK
    comp = strong.astype(np.int32) @ weak.T.astype(np.int32)
    comp = comp + comp.T
    plans = _plan_themes(places, codes) if codes else np.zeros((n, 0), dtype=np.int32)
    shared = plans @ plans.T
    dist = _distances(places)
    closeness = np.nan_to_num(np.clip(3 - dist, 0, None), nan=0.0)
    fn = _founder_newer(places)
    total = 2 * comp + shared + closeness + fn
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    if involving is not None:
        k = next((i for i, p in enumerate(places) if p.pk == involving.pk), None)
        if k is None:
            return []
        mask = np.zeros((n, n), dtype=bool)
        mask[k, :] = True
        mask[:, k] = True
        upper &= mask
    candidates = np.argwhere(upper & (total > 0))
    order = np.lexsort((candidates[:, 1], candidates[:, 0], -total[candidates[:, 0], candidates[:, 1]]))
    out = []
    for i, j in candidates[order][:limit]:
        s = Suggestion(a=places[i], b=places[j], score=round(float(total[i, j]), 2))
        for t, name in enumerate(names):
            if strong[i, t] and weak[j, t]:
                s.complementary.append(
                    f"{name}: {places[i].name} {scores[i, t]:.0f}, {places[j].name} {scores[j, t]:.0f}"
                )
            elif strong[j, t] and weak[i, t]:
                s.complementary.append(
                    f"{name}: {places[j].name} {scores[j, t]:.0f}, {places[i].name} {scores[i, t]:.0f}"
                )
            if plans[i, t] and plans[j, t]:
                s.shared.append(name)
        s.distance = None if np.isnan(dist[i, j]) else round(float(dist[i, j]), 2)
        s.founder_newer = bool(fn[i, j])
        out.append(s)
    return out


def all_pair_scores(places) -> np.ndarray:
    """The score matrix for every pair (used by the benchmark and by tests of the formula)."""
    places = list(places)
    codes, _names, scores = _theme_scores(places)
    strong = (np.nan_to_num(scores, nan=-1) >= STRONG).astype(np.int32)
    weak = (np.nan_to_num(scores, nan=999) <= WEAK).astype(np.int32)
    comp = strong @ weak.T
    plans = _plan_themes(places, codes) if codes else np.zeros((len(places), 0), dtype=np.int32)
    fn = _founder_newer(places)
    dist = _distances(places)
    return 2 * (comp + comp.T) + plans @ plans.T + np.nan_to_num(np.clip(3 - dist, 0, None), nan=0.0) + fn
