"""Benchmarks for impact evaluation on a real national panel: ONS's non-UK-born population estimates for every local
authority with all ten years, 2011-2020 (LAMIS 2021, shipped in data/files), with twelve places treated from 2017 and
2019 (the Inclusive Cities cohorts' start years). Estimators only: the panel is read from the shipped file."""

import time
from pathlib import Path

import pandas as pd

from .estimators import estimate, validate_panel

LAMIS = Path(__file__).resolve().parents[1] / "data" / "files" / "lamis_2021_long.csv.gz"
TREATED = {
    **dict.fromkeys(["E06000023", "W06000015", "E08000012", "E06000031", "E08000019"], 2017),
    **dict.fromkeys(["E06000018", "E08000026", "E07000178", "E08000021", "E09000030", "E06000043", "E08000025"], 2019),
}


def national_panel() -> pd.DataFrame:
    df = pd.read_csv(LAMIS, dtype=str)
    df = df[(df.indicator == "non_uk_born_population") & (df.measure == "non_uk_born")].copy()
    df["time"] = df.period.str.extract(r"(\d{4})")[0].astype(int)
    df["y"] = pd.to_numeric(df.value, errors="coerce") / 1000
    df = df.dropna(subset=["y"])
    df = df[df.area_code.str.match(r"^(E0[6-9]|W06|S12|N09)")]  # districts and unitary authorities
    counts = df.groupby("area_code").time.nunique()
    df = df[df.area_code.isin(counts[counts == counts.max()].index)]
    df["cohort"] = df.area_code.map(TREATED).fillna(0).astype(int)
    return validate_panel(df, unit="area_code", time="time", outcome="y", cohort="cohort")


def run(report) -> None:
    panel = national_panel()
    report("panel: places", panel.unit.nunique(), "places")
    report("panel: years", panel.time.nunique(), "years")
    for method in ("twfe", "did", "before-after"):
        for run_label in ("first call, with library start-up", "second call"):
            start = time.perf_counter()
            estimate(panel, method)
            report(f"{method} on the national panel, {run_label} (s)", time.perf_counter() - start, "s")
    one = panel[(panel.cohort == 0) | (panel.unit == "E06000023")]
    start = time.perf_counter()
    result = estimate(one, "synth")
    report(
        f"synthetic control + {result['diagnostics']['placebo_runs']} placebo runs (s)",
        time.perf_counter() - start,
        "s",
    )
