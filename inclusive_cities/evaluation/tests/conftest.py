"""Real panels for the evaluation tests, built from the shipped ONS local area migration indicators file.

The outcome is the percentage of live births to mothers born outside the UK, 2011-2019, for every English and Welsh
local authority with all nine years (ONS, LAMIS 2021; `data/files/lamis_2021_long.csv.gz`)."""

import datetime
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.data.models import Indicator, Observation

LAMIS = Path(__file__).resolve().parents[2] / "data" / "files" / "lamis_2021_long.csv.gz"
CODE = "lamis-births-non-uk-born-mothers-pct"
BRISTOL, SHEFFIELD, CARDIFF, GLASGOW = "E06000023", "E08000019", "W06000015", "S12000049"


@cache
def _births() -> pd.DataFrame:
    df = pd.read_csv(LAMIS, dtype=str)
    df = df[(df.indicator == "births_to_non_uk_born_mothers") & (df.measure == "pct_live_births_non_uk_born_mother")]
    df = df[df.area_code.str.match(r"^[EW]0[6-9]")].copy()
    df["time"] = df.period.str.extract(r"(\d{4})\s*$")[0].astype(int)
    df["y"] = pd.to_numeric(df.value, errors="coerce")
    df = df.dropna(subset=["y"])
    counts = df.groupby("area_code").time.nunique()
    df = df[df.area_code.isin(counts[counts == counts.max()].index)]
    return df.rename(columns={"area_code": "unit"})[["unit", "area_name", "time", "y"]].reset_index(drop=True)


@pytest.fixture
def births():
    """Every complete English and Welsh authority, 2011-2019 (a copy: tests may plant effects in it)."""
    return _births().copy()


def with_cohorts(df: pd.DataFrame, treated: dict[str, int]) -> pd.DataFrame:
    out = df.copy()
    out["cohort"] = out.unit.map(treated).fillna(0).astype(int)
    return out


@pytest.fixture
def births_db(db):
    """The same figures as Observations for 40 places (Bristol, Sheffield and 38 others), with the Indicator."""
    return load_births()


def load_births():
    df = _births()
    codes = sorted(set(df.unit))
    picked = [BRISTOL, SHEFFIELD] + [c for c in codes if c not in {BRISTOL, SHEFFIELD}][:38]
    names = df.drop_duplicates("unit").set_index("unit").area_name
    indicator = Indicator.objects.create(code=CODE, name="Live births to non-UK-born mothers (%)", unit="percent")
    places = {
        c: PlaceFactory(code=c, name=names[c], region="South West" if c == BRISTOL else "Elsewhere") for c in picked
    }
    rows = df[df.unit.isin(picked)]
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area_code=r.unit,
            place=places[r.unit],
            period=str(r.time),
            period_start=datetime.date(r.time, 1, 1),
            value=r.y,
        )
        for r in rows.itertuples()
    )
    return indicator, places
