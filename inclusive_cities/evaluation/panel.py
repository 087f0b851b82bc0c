"""Build an estimation panel from the platform's own observations (place x year), and describe its inputs.

The panel has the columns the estimators expect (unit, time, y, cohort). Time is the calendar year in which each
observation's period starts. Comparison places with a gap in the periods are left out (and counted); a treated place
with a gap is an error naming it, since dropping it would change the question.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from inclusive_cities.data.models import Indicator, Observation
from inclusive_cities.network.models import Place

from .estimators import PanelError

POOLS = ("all", "nation", "region", "similar")
SIMILAR_PER_TREATED = 25


@dataclass
class PanelInputs:
    indicator: Indicator
    category: str
    treated: dict[str, int]
    pool: str = "all"
    first_year: int | None = None
    last_year: int | None = None
    dropped: list[str] = field(default_factory=list)


def parse_treated(text: str) -> dict[str, int]:
    """'E06000023:2017,E08000035:2018' -> {code: year}; raises PanelError naming a malformed item."""
    treated = {}
    for item in filter(None, (part.strip() for part in text.replace("\n", ",").split(","))):
        code, sep, year = item.partition(":")
        if not sep or not year.strip().isdigit():
            raise PanelError(f'"{item}" is not CODE:YEAR (for example E06000023:2017).')
        treated[code.strip().upper()] = int(year)
    if not treated:
        raise PanelError("Name at least one treated place as CODE:YEAR.")
    return treated


def comparison_codes(treated: dict[str, int], pool: str) -> set[str]:
    """Codes of the comparison pool: every current local authority, or those in the treated places' nations or
    regions, or the places most similar to each treated place by the data profile; never a treated place."""
    if pool not in POOLS:
        raise PanelError(f'Unknown comparison pool "{pool}"; choose one of {", ".join(POOLS)}.')
    places = Place.objects.filter(is_uk_local_authority=True, is_lower_tier_or_unitary=True)
    treated_places = list(Place.objects.filter(code__in=treated))
    unknown = set(treated) - {p.code for p in treated_places}
    if unknown:
        raise PanelError(f"Unknown place code(s): {', '.join(sorted(unknown))}.")
    if pool == "nation":
        places = places.filter(nation__in={p.nation for p in treated_places})
    elif pool == "region":
        places = places.filter(region__in={p.region for p in treated_places if p.region})
    codes = set(places.values_list("code", flat=True))
    if pool == "similar":
        from inclusive_cities.data import similarity
        from inclusive_cities.data.profiles import similarity_matrix

        areas, _used, matrix = similarity_matrix()
        picked = set()
        for code in treated:
            if code in areas:
                picked |= {areas[i] for i, _d in similarity.nearest(matrix, areas.index(code), k=SIMILAR_PER_TREATED)}
        codes &= picked
    return codes - set(treated)


def build_panel(inputs: PanelInputs) -> pd.DataFrame:
    indicator, treated = inputs.indicator, inputs.treated
    pool = comparison_codes(treated, inputs.pool)
    rows = Observation.objects.filter(
        indicator=indicator, category=inputs.category, place__code__in=pool | set(treated), value__isnull=False
    ).values_list("place__code", "period_start", "value")
    df = pd.DataFrame(list(rows), columns=["unit", "start", "y"])
    if df.empty:
        what = f'category "{inputs.category}" of ' if inputs.category else ""
        raise PanelError(f"No figures for {what}{indicator.code} in the chosen places.")
    df["time"] = pd.to_datetime(df.pop("start")).dt.year.astype(int)
    if inputs.first_year:
        df = df[df.time >= inputs.first_year]
    if inputs.last_year:
        df = df[df.time <= inputs.last_year]
    df = df.groupby(["unit", "time"], as_index=False)["y"].mean()
    periods = sorted(df.time.unique())
    counts = df.groupby("unit")["time"].nunique()
    for code in treated:
        if code not in counts.index:
            raise PanelError(f"Treated place {code} has no figures for {indicator.code} in these periods.")
        if counts[code] < len(periods):
            missing = sorted(set(periods) - set(df.loc[df.unit == code, "time"]))
            raise PanelError(f"Treated place {code} has no figure for period(s) {', '.join(map(str, missing))}.")
    complete = counts[counts == len(periods)].index
    inputs.dropped = sorted(set(counts.index) - set(complete))
    df = df[df.unit.isin(complete)].copy()
    df["cohort"] = df.unit.map(treated).fillna(0).astype(int)
    return df.sort_values(["unit", "time"]).reset_index(drop=True)


def panel_csv(panel: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    panel[["unit", "time", "y", "cohort"]].to_csv(buffer, index=False, float_format="%.10g")
    return buffer.getvalue().encode()


def checksum(panel: pd.DataFrame) -> str:
    return hashlib.sha256(panel_csv(panel)).hexdigest()


def library_versions() -> dict[str, str]:
    import differences
    import pyfixest
    import scipy

    return {
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
        "pyfixest": pyfixest.__version__,
        "differences": getattr(differences, "__version__", "0.3.0"),
    }
