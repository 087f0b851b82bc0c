"""Selectors that build a place's data profile: headlines, time series, composition, comparisons, indices.

Everything public, so no user scoping. A profile costs a fixed handful of indexed queries whatever the number
of places or observations (the place's own observations by (place, indicator); the region's and nation's by
(area_code, indicator, period_start); the similarity set by (indicator, period); the small-area counts by
(la_code, variable, level)). The page is built from what the database holds, so an import shows up at once.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inclusive_cities.core.charts import Chart, bar_chart, format_number, line_chart
from inclusive_cities.network.models import Place

from . import indices, similarity
from .models import AreaLevel, Indicator, Observation, SmallAreaCount, Unit

REGION_CODES = {
    "North East": "E12000001",
    "North West": "E12000002",
    "Yorkshire and The Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "London": "E12000007",
    "South East": "E12000008",
    "South West": "E12000009",
}
NATION_CODES = {
    "England": "E92000001",
    "Wales": "W92000004",
    "Scotland": "S92000003",
    "Northern Ireland": "N92000002",
}
WIDER_CODES = [("K04000001", _lazy("England and Wales")), ("K02000001", _lazy("United Kingdom"))]

CANNOT_SPEAK = (
    "Main language is not English (English or Welsh in Wales): Cannot speak English or cannot speak English well"
)
IMD = "Index of Multiple Deprivation"
RECENT_ARRIVALS = (
    "Less than 2 years",
    "2 years or more, but less than 5 years",
    "5 years or more, but less than 10 years",
)

# Headline figures, in order: (indicator code, category or "" for the total).
HEADLINES = [
    ("population-mid-year", "", _lazy("Population (mid-year estimate)")),
    ("census21-born-outside-uk-pct", "Born outside the UK", _lazy("Residents born outside the UK")),
    ("census21-english-proficiency-pct", CANNOT_SPEAK, _lazy("Residents who cannot speak English well or at all")),
    ("census21-passports-pct", "Non-UK passport", _lazy("Residents holding a non-UK passport")),
    ("asylum-support", "", _lazy("People seeking asylum in receipt of support")),
    (
        "iod-rank-of-average-score",
        IMD,
        _lazy("Index of Multiple Deprivation: rank among English districts (1 = most deprived)"),
    ),
]
# Time series charts: (chart id, title, [(indicator code, series label)]); totals only.
TIME_SERIES = [
    ("asylum-support", _lazy("People seeking asylum in receipt of support (end of quarter)"), [("asylum-support", "")]),
    ("resettlement", _lazy("Refugees resettled (arrivals per quarter)"), [("resettlement-arrivals", "")]),
    (
        "born-abroad",
        _lazy("Residents born outside the UK, and residents without British nationality (APS estimates)"),
        [
            ("lamis-non-uk-born-population", _lazy("Born outside the UK")),
            ("lamis-non-british-population", _lazy("Not British nationals")),
        ],
    ),
    (
        "international-migration",
        _lazy("Long-term international migration"),
        [
            ("lamis-long-term-international-inflow", _lazy("Inflow")),
            ("lamis-long-term-international-outflow", _lazy("Outflow")),
        ],
    ),
    ("population", _lazy("Mid-year population (as published with LAMIS)"), [("lamis-mid-year-population", "")]),
    (
        "nino",
        _lazy("National Insurance number registrations of adult overseas nationals"),
        [("lamis-nino-registrations", "")],
    ),
    ("gp", _lazy("New GP registrations of migrants"), [("lamis-gp-registrations-new-migrants", "")]),
    (
        "births",
        _lazy("Share of live births to mothers born outside the UK"),
        [("lamis-births-non-uk-born-mothers-pct", "")],
    ),
]
# Composition charts at the latest period: (indicator code, disaggregation).
COMPOSITION = [
    ("census21-country-of-birth", "country_of_birth"),
    ("census21-passports-pct", "passports_held"),
    ("census21-length-of-residence-pct", "length_of_residence"),
    ("census21-english-proficiency-pct", "english_proficiency"),
    ("census21-national-identity-pct", "national_identity"),
    ("census21-migrant-indicator-pct", "migrant_indicator"),
    ("census21-household-language-pct", "household_language"),
    ("asylum-support", "support_type"),
    ("asylum-support", "accommodation_type"),
]
# The similarity set: (indicator code, categories summed ("" = total), label, log scale?). Stated on the page.
SIMILARITY_SET = [
    ("population-mid-year", ("",), _lazy("population (log scale)"), True),
    ("census21-born-outside-uk-pct", ("Born outside the UK",), _lazy("% born outside the UK"), False),
    ("census21-english-proficiency-pct", (CANNOT_SPEAK,), _lazy("% who cannot speak English well or at all"), False),
    (
        "census21-length-of-residence-pct",
        RECENT_ARRIVALS,
        _lazy("% who arrived in the UK less than 10 years ago"),
        False,
    ),
    ("iod-rank-of-average-score", (IMD,), _lazy("Index of Multiple Deprivation, rank of average score"), False),
]
# Country-of-birth groups for the diversity measure (the detailed Census table's categories).
DIVERSITY_INDICATOR = "census21-country-of-birth"
# Small-area counts of people born in / outside the UK (Census TS004, 3 categories).
SEGREGATION_VARIABLE = "country_of_birth_3a"
MAX_BARS = 15


@dataclass
class Headline:
    label: str
    value: str
    period: str
    source: str
    url: str = ""
    figure: Observation | None = None  # the latest figure shown (its source is one click away)


@dataclass
class Segregation:
    level: str
    level_label: str
    areas: int
    born_outside: int
    total: int
    dissimilarity: float
    isolation: float

    @property
    def share(self) -> float:
        return self.born_outside / self.total if self.total else float("nan")


@dataclass
class Profile:
    place: Place
    headlines: list[Headline] = field(default_factory=list)
    time_series: list[Chart] = field(default_factory=list)
    composition: list[Chart] = field(default_factory=list)
    comparison_columns: list[str] = field(default_factory=list)
    comparison_rows: list[dict] = field(default_factory=list)
    similar: list[dict] = field(default_factory=list)
    similarity_labels: list[str] = field(default_factory=list)
    similarity_columns: list[str] = field(default_factory=list)
    diversity: dict | None = None
    segregation: list[Segregation] = field(default_factory=list)
    segregation_note: str = ""
    segregation_census: str = "2021"  # "2022" where the counts are Scotland's Census 2022 output areas
    observation_count: int = 0

    @property
    def charts(self) -> list[Chart]:
        return [*self.time_series, *self.composition]

    def chart(self, chart_id: str) -> Chart | None:
        return next((c for c in self.charts if c.chart_id == chart_id), None)


def indicator_url(code: str) -> str:
    try:
        return reverse("data:indicator_detail", args=[code])
    except NoReverseMatch:
        return ""


def chart_csv_url(place_code: str, chart_id: str) -> str:
    try:
        return reverse("data:profile_chart_csv", args=[place_code, chart_id])
    except NoReverseMatch:
        return ""


# Kept as written when a publisher's label is tidied: abbreviations people read as such.
ACRONYMS = {"UK", "EU", "USA", "US", "NHS", "OA", "MSOA", "LSOA", "LAD", "IMD", "IOD", "ESOL", "NRPF", "UASC", "GP"}
# Words publishers capitalise inside a label ("Subsistence Only", "Portugal Including Madeira"); in sentence case
# they are lower case. Proper names ("UK Resettlement Scheme", "Northern Ireland") are left as they are.
_MID_LABEL_WORDS = {
    "Accommodation",
    "All",
    "And",
    "Countries",
    "Hotel",
    "Including",
    "Member",
    "Of",
    "Only",
    "Other",
    "The",
}


def tidy_label(text: str) -> str:
    """A publisher's label for display, in sentence case: underscores become spaces, ALL CAPS words (not
    abbreviations) and capitalised common words inside the label are lowered, " - " reads as ": ".
    "Contingency Accommodation - Hotel" -> "Contingency accommodation: hotel"; stored values are not changed."""
    text = (text or "").strip()
    if not text:
        return text
    if "_" in text and " " not in text:
        text = text.replace("_", " ")
    text = text.replace(" - ", ": ")
    words = []
    for position, word in enumerate(text.split(" ")):
        core = word.strip("(),:;")
        if core.isalpha() and core.isupper() and len(core) > 1 and core not in ACRONYMS:
            word = word.replace(core, core.lower())
        elif position > 0 and core in _MID_LABEL_WORDS:
            word = word.replace(core, core.lower())
        words.append(word)
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def category_label(category: str) -> str:
    """Readable label for a category, whether stored as a snake-case path (e.g. `europe_united_kingdom`) or as
    the publisher wrote it ("Subsistence Only")."""
    return tidy_label(category)


def leaf_label(category: str, categories) -> str:
    """A detailed category's own name without its parents' path: `europe_united_kingdom_wales` -> "Wales"."""
    parents = [c for c in categories if c != category and category.startswith(c + "_")]
    if not parents:
        return category_label(category)
    return tidy_label(category[len(max(parents, key=len)) + 1 :].replace("_", " "))


def leaf_categories(categories) -> set[str]:
    """Categories that are not a subtotal of another one (the detailed tables include subtotals).

    A subtotal is recognised by another category starting with its name followed by a separator
    ("europe" -> "europe_united_kingdom"; "Europe" -> "Europe: EU countries"); totals are dropped.
    """
    names = sorted(set(categories))
    leaves = set()
    for name in names:
        if re.match(r"(?i)^(total|all\b)", name):
            continue
        prefixes = tuple(name + sep for sep in ("_", ":", "-", " ", ","))
        if any(other.startswith(prefixes) for other in names):
            continue
        leaves.add(name)
    return leaves


def source_text(indicator: Indicator) -> str:
    parts = [p for p in (indicator.publisher, indicator.source) if p]
    return ", ".join(parts)


def _value_text(value, unit: str) -> str:
    return format_number(value, "%" if unit == Unit.PERCENT else "")


def _by_indicator(observations) -> dict[int, list[Observation]]:
    grouped: dict[int, list[Observation]] = defaultdict(list)
    for obs in observations:
        grouped[obs.indicator_id].append(obs)
    return grouped


def _latest(rows: list[Observation]) -> list[Observation]:
    latest = max(r.period_start for r in rows)
    return [r for r in rows if r.period_start == latest]


def profile_codes() -> set[str]:
    codes = {code for code, _c, _l in HEADLINES} | {DIVERSITY_INDICATOR}
    codes |= {code for _id, _t, specs in TIME_SERIES for code, _l in specs}
    codes |= {code for code, _d in COMPOSITION}
    return codes


# What a figure's source link shows of its import (data/templatetags/data_sources.py).
SOURCE_FIELDS = ("source_import__release", "source_import__publisher", "source_import__file_name")


def build_profile(place: Place) -> Profile:
    profile = Profile(place=place)
    # only what the page shows: the indicators named above, and every percentage (for the comparisons)
    shown = Indicator.objects.filter(Q(code__in=profile_codes()) | Q(unit=Unit.PERCENT)).defer("theme_codes")
    indicators = {i.pk: i for i in shown}
    observations = list(
        Observation.objects.filter(place=place, indicator_id__in=indicators)
        .only(
            "indicator_id",
            "period",
            "period_start",
            "disaggregation",
            "category",
            "value",
            "source_import_id",
            "source_row",
            "area_code",
            *SOURCE_FIELDS,
        )
        .select_related("source_import")  # each headline links its source: not one query per figure
        .order_by("indicator_id", "period_start")
    )
    profile.observation_count = len(observations)
    indicators = {o.indicator_id: indicators[o.indicator_id] for o in observations}
    grouped = _by_indicator(observations)
    _headlines(profile, grouped, indicators)
    _charts(profile, grouped, indicators)
    _comparisons(profile, grouped, indicators)
    _similar(profile)
    _diversity(profile, grouped, indicators)
    _segregation(profile)
    return profile


def _find(grouped, indicators, code: str) -> tuple[Indicator | None, list[Observation]]:
    for indicator_id, indicator in indicators.items():
        if indicator.code == code:
            return indicator, grouped[indicator_id]
    return None, []


def _headlines(profile: Profile, grouped, indicators) -> None:
    for code, category, label in HEADLINES:
        indicator, rows = _find(grouped, indicators, code)
        if indicator is None:
            continue
        rows = [r for r in rows if r.value is not None]
        if category:
            rows = [r for r in rows if r.category == category]
        elif any(not r.disaggregation for r in rows):
            rows = [r for r in rows if not r.disaggregation]
        elif indicator.unit != Unit.COUNT:
            continue  # percentages of categories do not add up to a headline
        if not rows:
            continue
        latest = _latest(rows)
        value = sum(r.value for r in latest)
        profile.headlines.append(
            Headline(
                str(label),
                _value_text(value, indicator.unit),
                latest[0].period,
                source_text(indicator),
                indicator_url(code),
                latest[0],
            )
        )


def _charts(profile: Profile, grouped, indicators) -> None:
    code = profile.place.code
    for chart_id, title, specs in TIME_SERIES:
        series: dict[str, dict[str, float | None]] = {}
        periods: set[tuple] = set()
        used: list[Indicator] = []
        for indicator_code, label in specs:
            indicator, rows = _find(grouped, indicators, indicator_code)
            rows = [r for r in rows if not r.disaggregation]
            if indicator is None or not rows:
                continue
            used.append(indicator)
            series[str(label) or profile.place.name] = {r.period: r.value for r in rows}
            periods |= {(r.period_start, r.period) for r in rows}
        if len(periods) < 3:
            continue
        ordered = [p for _start, p in sorted(periods)]
        unit = "%" if used[0].unit == Unit.PERCENT else ""
        profile.time_series.append(
            line_chart(
                chart_id=chart_id,
                title=str(title),
                x_labels=ordered,
                series={name: [values.get(p) for p in ordered] for name, values in series.items()},
                unit=unit,
                csv_url=chart_csv_url(code, chart_id),
                source="; ".join(dict.fromkeys(source_text(i) for i in used)),
                period=f"{ordered[0]} – {ordered[-1]}",
            )
        )
    for indicator_code, disaggregation in COMPOSITION:
        indicator, rows = _find(grouped, indicators, indicator_code)
        rows = [r for r in rows if r.disaggregation == disaggregation and r.value is not None]
        if indicator is None or not rows:
            continue
        unit = "%" if indicator.unit == Unit.PERCENT else ""
        latest = _latest(rows)
        categories = {r.category for r in latest}
        leaves = leaf_categories(categories) or categories
        shown = sorted((r for r in latest if r.category in leaves), key=lambda r: -(r.value or 0))
        chart_id = f"{indicator.code}-{disaggregation}".replace("_", "-")
        title = indicator.name
        if indicator.disaggregation != disaggregation:
            title = f"{indicator.name}, {_('by')} {category_label(disaggregation).lower()}"
        chart = bar_chart(
            chart_id=chart_id,
            title=title,
            labels=[leaf_label(r.category, categories) for r in shown[:MAX_BARS]],
            values=[r.value for r in shown[:MAX_BARS]],
            unit=unit,
            label_header=category_label(disaggregation),
            value_label=_("Percentage") if unit == "%" else _("People"),
            csv_url=chart_csv_url(code, chart_id),
            source=source_text(indicator),
            period=latest[0].period,
        )
        if len(shown) > MAX_BARS:
            chart.notes.append(
                _("The %(shown)d largest of %(n)d groups; the open data API gives every group.")
                % {"shown": MAX_BARS, "n": len(shown)}
            )
        if len(leaves) < len(categories):
            chart.notes.append(_("Subtotals are left out so that the groups do not overlap."))
        profile.composition.append(chart)


def _comparisons(profile: Profile, grouped, indicators) -> None:
    """The place beside its region, its nation and the wider area, for every percentage at its latest period."""
    place = profile.place
    areas = []
    if place.region in REGION_CODES:
        areas.append((REGION_CODES[place.region], place.region))
    if place.nation in NATION_CODES:
        areas.append((NATION_CODES[place.nation], place.nation))
    areas.extend(WIDER_CODES)
    wanted = {}
    for indicator_id, rows in grouped.items():
        if indicators[indicator_id].unit != Unit.PERCENT:
            continue
        latest = _latest(rows)
        wanted[indicator_id] = latest[0].period
    if not wanted:
        return
    query = Q()
    for indicator_id, period in wanted.items():
        query |= Q(indicator_id=indicator_id, period=period)
    others = Observation.objects.filter(query, area_code__in=[code for code, _n in areas]).values_list(
        "indicator_id", "category", "area_code", "value"
    )
    table = {(i, c, a): v for i, c, a, v in others}
    present = [(code, name) for code, name in areas if any(key[2] == code for key in table)]
    profile.comparison_columns = [place.name, *[name for _c, name in present]]
    for indicator_id, period in wanted.items():
        indicator = indicators[indicator_id]
        for row in sorted(
            (r for r in grouped[indicator_id] if r.period == period), key=lambda r: (r.disaggregation, r.category)
        ):
            if not any((indicator_id, row.category, code) in table for code, _n in present):
                continue
            profile.comparison_rows.append(
                {
                    "indicator": indicator.name,
                    "category": category_label(row.category),
                    "period": period,
                    "values": [
                        _value_text(row.value, indicator.unit),
                        *[
                            _value_text(table.get((indicator_id, row.category, code)), indicator.unit)
                            for code, _n in present
                        ],
                    ],
                }
            )


def period_sort_key(period: str) -> tuple:
    """Orders period labels of one indicator ("mid-2022", "2021", "2024-09-30", "2019/20") by their last year."""
    years = re.findall(r"\d{4}", period)
    return (int(years[-1]) if years else 0, period)


def similarity_matrix() -> tuple[list[str], list[dict], np.ndarray]:
    """(area codes, the indicators used, places × indicators matrix) for the similarity set.

    A fixed number of indexed queries: the indicators, their periods with coverage, then each indicator at its
    newest well-covered period for every place.
    Population-like indicators are compared on a log10 scale.
    """
    codes = [code for code, _c, _l, _log in SIMILARITY_SET]
    ids = dict(Indicator.objects.filter(code__in=codes).values_list("code", "pk"))
    coverage = defaultdict(list)
    # counted from the (indicator, period) index alone, so this stays fast at millions of observations
    for indicator_id, period, n in (
        Observation.objects.filter(indicator_id__in=ids.values())
        .values_list("indicator_id", "period")
        .annotate(n=Count("id"))
        .order_by()
    ):
        coverage[indicator_id].append((period, n))
    # the newest period covering at least 90% as many areas as the best one (mid-2023 population is
    # published for England and Wales only; mid-2022 covers the UK)
    latest = {}
    for code, indicator_id in ids.items():
        periods = sorted(coverage.get(indicator_id, []), key=lambda pn: period_sort_key(pn[0]), reverse=True)
        if periods:
            most = max(n for _p, n in periods)
            latest[code] = next(p for p, n in periods if n >= 0.9 * most)
    used = [
        {"code": code, "categories": cats, "label": str(label), "log": log, "period": latest[code]}
        for code, cats, label, log in SIMILARITY_SET
        if code in latest
    ]
    if not used:
        return [], [], np.zeros((0, 0))
    sums: dict[str, dict[int, list]] = defaultdict(dict)
    for column, spec in enumerate(used):
        for area, value in Observation.objects.filter(
            indicator_id=ids[spec["code"]], period=spec["period"], category__in=spec["categories"], place__isnull=False
        ).values_list("area_code", "value"):
            cell = sums[area].setdefault(column, [0.0, 0])
            if value is not None:
                cell[0] += value
                cell[1] += 1
    values: dict[str, dict[int, float]] = defaultdict(dict)
    for area, cells in sums.items():
        for column, (total, n) in cells.items():
            complete = n == len(used[column]["categories"])
            if complete and (not used[column]["log"] or total > 0):
                values[area][column] = math.log10(total) if used[column]["log"] else total
    areas = sorted(values)
    matrix = np.full((len(areas), len(used)), np.nan)
    for row, area in enumerate(areas):
        for column, value in values[area].items():
            matrix[row, column] = value
    return areas, used, matrix


def _similarity_text(value: float, spec: dict) -> str:
    if spec["log"]:
        return f"{round(10**value):,}"
    return format_number(value, "%" if spec["code"].endswith("-pct") else "")


def _similar(profile: Profile, k: int = 5) -> None:
    areas, used, matrix = similarity_matrix()
    profile.similarity_labels = [f"{spec['label']} ({spec['period']})" for spec in used]
    if profile.place.code not in areas or len(used) < 2:
        return
    # compare only over the indicators the place itself has a value for
    target = areas.index(profile.place.code)
    columns = [i for i in range(matrix.shape[1]) if not np.isnan(matrix[target, i])]
    if len(columns) < 2:
        return
    sub = matrix[:, columns]
    profile.similarity_columns = [used[i]["label"] for i in columns]
    nearest = similarity.nearest(sub, target, k=k)
    names = dict(Place.objects.filter(code__in=[areas[i] for i, _d in nearest]).values_list("code", "name"))
    names[profile.place.code] = profile.place.name
    for row, distance in [(target, 0.0), *nearest]:
        profile.similar.append(
            {
                "code": areas[row],
                "name": names.get(areas[row], areas[row]),
                "distance": f"{distance:.2f}",
                "is_self": row == target,
                "values": [_similarity_text(sub[row, j], used[columns[j]]) for j in range(len(columns))],
            }
        )


def _diversity(profile: Profile, grouped, indicators) -> None:
    indicator, rows = _find(grouped, indicators, DIVERSITY_INDICATOR)
    if indicator is None:
        return
    latest = [r for r in _latest(rows) if r.value is not None and r.disaggregation]
    leaves = leaf_categories({r.category for r in latest})
    counts = [r.value for r in latest if r.category in leaves]
    if len(counts) < 2:
        return
    profile.diversity = {
        "value": indices.fractionalisation(counts),
        "groups": len(counts),
        "people": int(sum(counts)),
        "indicator": indicator,
        "period": latest[0].period,
        "formula": indices.FRACTIONALISATION_FORMULA,
    }


LEVEL_ORDER = [AreaLevel.OA, AreaLevel.LSOA, AreaLevel.MSOA]


def _is_outside(category: str) -> bool:
    return "outside" in category.lower()


def _is_uk(category: str) -> bool:
    text = category.lower().replace("_", " ")
    return not _is_outside(text) and ("uk" in text.split() or "united kingdom" in text) and "total" not in text


def _segregation(profile: Profile) -> None:
    rows = (
        SmallAreaCount.objects.filter(la_code=profile.place.code, variable=SEGREGATION_VARIABLE)
        .exclude(category__in=["total", "Total"])
        .values_list("level", "area_code", "category", "count", "period")
    )
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for level, area, category, count, period in rows:
        if period == "2022":
            profile.segregation_census = "2022"
        if _is_outside(category):
            counts[level][area][0] += count
        elif _is_uk(category):
            counts[level][area][1] += count
    labels = dict(AreaLevel.choices)
    for level in LEVEL_ORDER:
        if level not in counts:
            continue
        pairs = list(counts[level].values())
        a = [p[0] for p in pairs]
        b = [p[1] for p in pairs]
        profile.segregation.append(
            Segregation(
                level=level,
                level_label=str(labels[level]),
                areas=len(pairs),
                born_outside=sum(a),
                total=sum(a) + sum(b),
                dissimilarity=indices.dissimilarity(a, b),
                isolation=indices.isolation(a, b),
            )
        )
    if len(profile.segregation) > 1:
        finest, coarsest = profile.segregation[0], profile.segregation[-1]
        profile.segregation_note = _(
            "Measured over %(fine)d %(fine_label)s areas, dissimilarity is %(d_fine).2f; over %(coarse)d "
            "%(coarse_label)s areas it is %(d_coarse).2f. Smaller areas show more unevenness, because large areas "
            "average out the differences between their streets: the answer depends on the scale."
        ) % {
            "fine": finest.areas,
            "fine_label": finest.level.upper(),
            "d_fine": finest.dissimilarity,
            "coarse": coarsest.areas,
            "coarse_label": coarsest.level.upper(),
            "d_coarse": coarsest.dissimilarity,
        }


def place_headlines(place: Place, limit: int = 3) -> list[Headline]:
    """The first few headline figures for the place page's data section (two queries)."""
    codes = [code for code, _c, _l in HEADLINES]
    indicators = Indicator.objects.filter(code__in=codes).defer("theme_codes").in_bulk()
    rows = list(
        Observation.objects.filter(place=place, indicator_id__in=indicators)
        .select_related("source_import")
        .only(
            "indicator_id",
            "period",
            "period_start",
            "disaggregation",
            "category",
            "value",
            "source_import_id",
            "source_row",
            *SOURCE_FIELDS,
        )
    )
    grouped = _by_indicator(rows)
    profile = Profile(place=place)
    _headlines(profile, grouped, indicators)
    return profile.headlines[:limit]


def map_periods(indicator: Indicator, category: str = "") -> list[tuple[str, int]]:
    """(period, number of local authorities with a figure), newest first."""
    rows = (
        Observation.objects.filter(indicator=indicator, place__isnull=False, category=category)
        .values("period", "period_start")
        .annotate(n=Count("id"))
        .order_by("-period_start", "period")
    )
    return [(r["period"], r["n"]) for r in rows]


def default_map_period(periods: list[tuple[str, int]]) -> str:
    """The newest period that covers at least 90% as many authorities as the best-covered one (so a year
    published for England and Wales only does not leave Scotland and Northern Ireland blank by default)."""
    if not periods:
        return ""
    most = max(n for _p, n in periods)
    return next(p for p, n in periods if n >= 0.9 * most)


def map_values(indicator: Indicator, category: str = "", period: str = "") -> dict[str, float | None]:
    """Area code -> value for every local authority with a figure in that period."""
    rows = Observation.objects.filter(indicator=indicator, place__isnull=False, category=category, period=period)
    return dict(rows.values_list("area_code", "value"))
