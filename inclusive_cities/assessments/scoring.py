"""The scoring formula, in one place, as pure functions (the page states the same formula in words).

- A goal's or a principle-in-theme answer's level is 0 (not started) to 4 (leading); "not answered" is None.
- Theme score = mean of the answered goal levels in the theme / 4 x 100.
- Principle score = mean of the answered levels for that principle across the themes / 4 x 100.
- Heat map cell (theme x principle) = that principle's level within that theme / 4 x 100.
- Unanswered questions are left out of the mean and counted ("3 of 4 answered"); with nothing answered the
  score is None ("no score"), never 0.
- Network figures: median and quartiles (inclusive method) of the places' scores, shown only when at least
  MIN_GROUP places shared.
"""

import statistics
from dataclasses import dataclass, field

MAX_LEVEL = 4
MIN_GROUP = 5


def score(levels) -> float | None:
    """Mean of the answered levels (None skipped) on a 0-100 scale, to one decimal place."""
    answered = [level for level in levels if level is not None]
    if not answered:
        return None
    return round(sum(answered) / len(answered) / MAX_LEVEL * 100, 1)


@dataclass
class Line:
    code: str
    name: str
    score: float | None
    answered: int
    total: int
    change: float | None = None
    network: "Spread | None" = None

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


@dataclass
class Spread:
    count: int
    lower_quartile: float
    median: float
    upper_quartile: float


@dataclass
class Scores:
    themes: list[Line] = field(default_factory=list)
    principles: list[Line] = field(default_factory=list)
    # heat[theme_code][principle_code] = score or None
    heat: dict[str, dict[str, float | None]] = field(default_factory=dict)
    overall: float | None = None
    answered: int = 0
    total: int = 0

    def theme(self, code: str) -> Line | None:
        return next((line for line in self.themes if line.code == code), None)

    def principle(self, code: str) -> Line | None:
        return next((line for line in self.principles if line.code == code), None)


def compute(*, themes, principles, goal_levels: dict[str, int | None], cell_levels: dict[tuple[str, str], int | None]):
    """themes: [(code, name, [goal codes])]; principles: [(code, name)];
    goal_levels: {goal code: level}; cell_levels: {(principle code, theme code): level}."""
    result = Scores()
    all_levels = []
    for code, name, goal_codes in themes:
        levels = [goal_levels.get(g) for g in goal_codes]
        all_levels += levels
        result.themes.append(Line(code, name, score(levels), sum(v is not None for v in levels), len(levels)))
        result.heat[code] = {p: _cell(cell_levels.get((p, code))) for p, _n in principles}
    for code, name in principles:
        levels = [cell_levels.get((code, t)) for t, _n, _g in themes]
        all_levels += levels
        result.principles.append(Line(code, name, score(levels), sum(v is not None for v in levels), len(levels)))
    result.overall = score(all_levels)
    result.answered = sum(v is not None for v in all_levels)
    result.total = len(all_levels)
    return result


def _cell(level):
    return None if level is None else round(level / MAX_LEVEL * 100, 1)


def spread(values, *, minimum: int = MIN_GROUP) -> Spread | None:
    """Median and quartiles of the non-missing values, or None when fewer than `minimum` values remain."""
    values = sorted(v for v in values if v is not None)
    if len(values) < minimum:
        return None
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Spread(len(values), round(q1, 1), round(q2, 1), round(q3, 1))


def change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None:
        return None
    return round(now - before, 1)


def band(value: float | None) -> str:
    """A colour band for the heat map; the number is always shown beside the colour."""
    if value is None:
        return "none"
    if value < 25:
        return "0"
    if value < 50:
        return "1"
    if value < 75:
        return "2"
    if value < 100:
        return "3"
    return "4"
