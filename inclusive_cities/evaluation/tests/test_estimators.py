"""Correctness of the estimators on a real panel (ONS births to non-UK-born mothers, 2011-2019)."""

import numpy as np
import pandas as pd
import pytest

from inclusive_cities.evaluation import estimators
from inclusive_cities.evaluation.estimators import PanelError, estimate, validate_panel

from .conftest import BRISTOL, CARDIFF, SHEFFIELD, with_cohorts

STAGGERED = {BRISTOL: 2016, SHEFFIELD: 2017, CARDIFF: 2017, "E08000035": 2018}


def _panel(df, treated):
    return validate_panel(with_cohorts(df, treated), unit="unit", time="time", outcome="y", cohort="cohort")


def _plant(df, treated, size):
    out = df.copy()
    start = out.unit.map(treated)
    out.loc[start.notna() & (out.time >= start), "y"] += size
    return out


def test_twfe_equals_least_squares_with_place_and_period_dummies(births):
    panel = _panel(births, STAGGERED)
    result = estimate(panel, "twfe")
    d = ((panel.cohort > 0) & (panel.time >= panel.cohort)).astype(float)
    x = pd.concat(
        [
            d.rename("D"),
            pd.get_dummies(panel.unit, drop_first=True, dtype=float),
            pd.get_dummies(panel.time, drop_first=True, dtype=float),
        ],
        axis=1,
    )
    x.insert(0, "const", 1.0)
    beta, *_ = np.linalg.lstsq(x.to_numpy(), panel.y.to_numpy(), rcond=None)
    assert result["att"] == pytest.approx(beta[1], abs=1e-6)
    assert result["ci_low"] < result["att"] < result["ci_high"]
    assert result["n_treated"] == 4 and result["n_periods"] == 9
    assert any("different periods" in note for note in result["notes"])  # staggered starts: the bias warning


@pytest.mark.parametrize("method", ["twfe", "did", "before-after"])
def test_planted_effect_moves_the_estimate_by_exactly_its_size(births, method):
    base = estimate(_panel(births, STAGGERED), method)["att"]
    planted = estimate(_panel(_plant(births, STAGGERED, 3.0), STAGGERED), method)["att"]
    assert planted - base == pytest.approx(3.0, abs=1e-6)


def test_synth_moves_by_the_planted_effect_and_a_large_one_is_significant(births):
    treated = {BRISTOL: 2016}
    region = births[births.unit.str.startswith(("E06", "W06")) | (births.unit == BRISTOL)]
    base = estimate(_panel(region, treated), "synth")
    big = estimate(_panel(_plant(region, treated, 25.0), treated), "synth")
    assert big["att"] - base["att"] == pytest.approx(25.0, abs=1e-6)
    assert big["p_value"] <= 0.05
    assert abs(sum(w["weight"] for w in big["weights"]) - 1) < 1e-6
    assert all(w["weight"] >= 0 for w in big["weights"])
    assert big["diagnostics"]["placebo_runs"] == region.unit.nunique() - 1


def test_synth_weights_reproduce_a_place_that_is_a_mix_of_two_donors(births):
    wide = births.pivot(index="time", columns="unit", values="y")
    donors = wide.columns[:6]  # fewer donors than the 8 years before the start: the weights are identified
    fake = 0.7 * wide[donors[1]] + 0.3 * wide[donors[4]]
    rows = births[births.unit.isin(donors)]
    rows = pd.concat([rows, pd.DataFrame({"unit": "FAKE", "time": fake.index, "y": fake.to_numpy()})])
    result = estimate(_panel(rows, {"FAKE": 2019}), "synth")
    weights = {w["unit"]: w["weight"] for w in result["weights"]}
    assert weights[donors[1]] == pytest.approx(0.7, abs=1e-3)
    assert weights[donors[4]] == pytest.approx(0.3, abs=1e-3)
    assert result["att"] == pytest.approx(0, abs=1e-6)


def test_did_event_study_and_pre_trend(births):
    result = estimate(_panel(births, STAGGERED), "did")
    rel = [p["rel_time"] for p in result["event_study"]]
    assert min(rel) < -1 and max(rel) >= 1
    assert result["pre_trend_p"] is not None and 0 <= result["pre_trend_p"] <= 1
    for p in result["event_study"]:
        if p["ci_low"] is not None:
            assert p["ci_low"] <= p["estimate"] <= p["ci_high"]


def test_summary_never_says_no_effect_when_the_interval_includes_zero():
    r = {
        "att": 0.1,
        "ci_low": -0.5,
        "ci_high": 0.7,
        "n_treated": 2,
        "n_comparison": 50,
        "n_periods": 9,
        "evidence_level": 3,
    }
    text = estimators.plain_summary(r)
    assert "no clear effect" in text and "not evidence of no effect" in text
    r.update(ci_low=0.05)
    assert "clear increase" in estimators.plain_summary(r)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (
            lambda df: df[~((df.unit == "E06000001") & (df.time == 2014))],
            "unbalanced: unit E06000001 has no row for period(s) 2014",
        ),
        (
            lambda df: df.assign(cohort=df.cohort.where(df.unit != BRISTOL, 2011)),
            f"Unit {BRISTOL} is treated from the panel's first period",
        ),
        (
            lambda df: df.assign(cohort=df.cohort.where(df.unit != BRISTOL, 2030)),
            "outside the panel's periods (2011-2019)",
        ),
        (
            lambda df: df.assign(y=df.y.astype(object).where(df.unit != "E06000002", "n/a")),
            'Column "y" must be numeric: unit E06000002',
        ),
        (lambda df: df[df.unit.isin([BRISTOL, "E06000001"])], "Too few comparison units: 1"),
        (lambda df: df.drop(columns=["cohort"]), 'no column "cohort"'),
    ],
)
def test_bad_panels_are_refused_with_a_message_naming_the_problem(births, mutate, message):
    df = mutate(with_cohorts(births, {BRISTOL: 2016}))
    with pytest.raises(PanelError, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_panel(df, unit="unit", time="time", outcome="y", cohort="cohort")
