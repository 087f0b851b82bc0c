"""python manage.py evaluate_impact: one JSON object, or a clear message and a non-zero exit."""

import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import BRISTOL, CODE, SHEFFIELD, with_cohorts

KEYS = {
    "method",
    "att",
    "ci_low",
    "ci_high",
    "p_value",
    "n_units",
    "n_treated",
    "n_periods",
    "pre_trend_p",
    "evidence_level",
    "event_study",
    "weights",
}


def _csv(tmp_path, df, name="panel.csv"):
    path = tmp_path / name
    df.rename(columns={"unit": "la", "time": "year", "y": "pct", "cohort": "first"}).to_csv(path, index=False)
    return str(path)


def _run(capsys, *args):
    call_command("evaluate_impact", *args)
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("method", ["twfe", "did", "before-after"])
def test_panel_file(tmp_path, capsys, births, method):
    df = with_cohorts(births, {BRISTOL: 2016, SHEFFIELD: 2017})
    df["first"] = df.pop("cohort").map(lambda c: "" if c == 0 else c)  # empty for never-treated
    path = tmp_path / "p.csv"
    df.rename(columns={"unit": "la", "time": "year", "y": "pct"}).to_csv(path, index=False)
    out = _run(
        capsys,
        "--panel",
        str(path),
        "--unit",
        "la",
        "--time",
        "year",
        "--outcome",
        "pct",
        "--cohort",
        "first",
        "--method",
        method,
    )
    assert KEYS <= set(out) and out["method"] == method
    assert out["n_treated"] == 2 and out["n_units"] == births.unit.nunique() and out["n_periods"] == 9
    assert out["ci_low"] <= out["att"] <= out["ci_high"]
    if method == "did":
        assert out["event_study"] and out["pre_trend_p"] is not None


def test_synth_prints_weights(tmp_path, capsys, births):
    df = with_cohorts(births[births.unit.str.startswith("E06")], {BRISTOL: 2016})
    out = _run(
        capsys,
        "--panel",
        _csv(tmp_path, df),
        "--unit",
        "la",
        "--time",
        "year",
        "--outcome",
        "pct",
        "--cohort",
        "first",
        "--method",
        "synth",
    )
    assert out["weights"] and abs(sum(w["weight"] for w in out["weights"]) - 1) < 1e-6
    assert 0 < out["p_value"] <= 1


def test_platform_observations(capsys, births_db):
    out = _run(capsys, "--indicator", CODE, "--treated", f"{BRISTOL}:2016,{SHEFFIELD}:2017", "--method", "twfe")
    assert out["n_units"] == 40 and out["n_treated"] == 2


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda df: df[~((df.unit == "E06000005") & (df.time == 2013))],
            "unit E06000005 has no row for period(s) 2013",
        ),
        (lambda df: df.assign(cohort=df.cohort.where(df.unit != BRISTOL, 2025)), "outside the panel's periods"),
        (
            lambda df: df.assign(y=df.y.astype(object).where(df.unit != SHEFFIELD, "x")),
            f'"pct" must be numeric: unit {SHEFFIELD}',
        ),
    ],
)
def test_bad_panels_exit_non_zero_naming_the_problem(tmp_path, births, change, message):
    df = change(with_cohorts(births, {BRISTOL: 2016, SHEFFIELD: 2017}))
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command(
            "evaluate_impact",
            "--panel",
            _csv(tmp_path, df),
            "--unit",
            "la",
            "--time",
            "year",
            "--outcome",
            "pct",
            "--cohort",
            "first",
            "--method",
            "did",
        )


def test_unknown_indicator_and_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match='No indicator with code "nope"'):
        call_command("evaluate_impact", "--indicator", "nope", "--treated", "E06000023:2017", "--method", "did")
    with pytest.raises(CommandError, match="No such file"):
        call_command("evaluate_impact", "--panel", str(tmp_path / "missing.csv"), "--method", "did")
