"""Impact estimators on a place x year panel.

Every function takes a *panel*: a pandas DataFrame with one row per unit and period and the columns
`unit` (str), `time` (int), `y` (float) and `cohort` (int: the first treated period, 0 for never-treated units).
`validate_panel` builds and checks one; the estimators return plain dicts (JSON-ready) with the same keys:
method, att, ci_low, ci_high, p_value, n_units, n_treated, n_periods, pre_trend_p, evidence_level,
event_study, weights, diagnostics, notes.

The estimators come from maintained libraries (pyfixest for two-way fixed effects, `differences` for Callaway and
Sant'Anna's group-time effects); synthetic control is posed directly as the constrained least-squares problem
described in `synth` (scipy's non-negative least squares), which is what makes placebo inference over every donor
cheap. Every estimator is linear in the outcome: adding a constant effect to treated places' post-treatment outcomes
moves the estimate by exactly that amount (tested).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
from scipy import optimize, stats

METHODS = ("did", "twfe", "synth", "before-after")
MIN_COMPARISON_UNITS = 2

# The Maryland Scientific Methods Scale (Sherman et al. 1997, as used by the What Works Centre for Local Economic
# Growth). The level is the one the design run reaches here, never higher: none of these designs has a source of
# quasi-random assignment (places chose to join the programme), so none reaches level 4 or 5 on its own.
EVIDENCE_LEVELS = {
    "before-after": 2,
    "twfe": 3,
    "did": 3,
    "synth": 3,
}
LEVEL_TEXT = {
    1: "Level 1: a correlation at one point in time.",
    2: "Level 2: change over time in the treated places, with at most a simple comparison mean (weak evidence).",
    3: "Level 3: change in treated places compared with change in comparison places over the same periods.",
    4: "Level 4: as level 3, with a source of as-good-as-random variation in who was treated.",
    5: "Level 5: random assignment of the intervention.",
}


class PanelError(ValueError):
    """A panel that cannot be estimated; the message names the unit, period or column."""


def validate_panel(df: pd.DataFrame, *, unit: str, time: str, outcome: str, cohort: str) -> pd.DataFrame:
    """Return the canonical panel (unit, time, y, cohort) or raise PanelError naming what is wrong."""
    for col in (unit, time, outcome, cohort):
        if col not in df.columns:
            raise PanelError(f'The panel has no column "{col}" (columns: {", ".join(map(str, df.columns))}).')
    panel = pd.DataFrame({"unit": df[unit].astype(str).str.strip()})
    times = pd.to_numeric(df[time], errors="coerce")
    bad = times.isna() | (times != times.round())
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise PanelError(f'Column "{time}" must hold whole periods (years); row {i + 2} has "{df[time].iloc[i]}".')
    panel["time"] = times.astype(int)
    ys = pd.to_numeric(df[outcome], errors="coerce")
    bad = ys.isna() | ~np.isfinite(ys.fillna(0))
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise PanelError(
            f'Column "{outcome}" must be numeric: unit {panel["unit"].iloc[i]}, period {panel["time"].iloc[i]} '
            f'has "{df[outcome].iloc[i]}".'
        )
    panel["y"] = ys.astype(float)
    raw_cohort = df[cohort]
    cohorts = pd.to_numeric(raw_cohort.replace("", np.nan), errors="coerce")
    bad = cohorts.isna() & raw_cohort.notna() & (raw_cohort.astype(str).str.strip() != "")
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise PanelError(
            f'Column "{cohort}" must be a period or empty: unit {panel["unit"].iloc[i]} has "{raw_cohort.iloc[i]}".'
        )
    panel["cohort"] = cohorts.fillna(0).astype(int)

    dup = panel.duplicated(["unit", "time"])
    if dup.any():
        row = panel[dup].iloc[0]
        raise PanelError(f"Unit {row.unit} has more than one row for period {row.time}.")
    per_unit = panel.groupby("unit")["cohort"].nunique()
    if (per_unit > 1).any():
        raise PanelError(f"Unit {per_unit[per_unit > 1].index[0]} has more than one first treated period.")
    periods = sorted(panel["time"].unique())
    counts = panel.groupby("unit")["time"].nunique()
    short = counts[counts < len(periods)]
    if len(short):
        u = short.index[0]
        missing = sorted(set(periods) - set(panel.loc[panel.unit == u, "time"]))
        raise PanelError(
            f"The panel is unbalanced: unit {u} has no row for period(s) {', '.join(map(str, missing[:5]))}."
        )
    first, last = periods[0], periods[-1]
    cohorts_u = panel.groupby("unit")["cohort"].first()
    treated = cohorts_u[cohorts_u > 0]
    for u, c in treated.items():
        if c > last or c < first:
            raise PanelError(f"Unit {u}'s first treated period {c} is outside the panel's periods ({first}-{last}).")
        if c == first:
            raise PanelError(f"Unit {u} is treated from the panel's first period ({c}), so it has no pre-period.")
    if treated.empty:
        raise PanelError("No unit is treated: the cohort column is empty or 0 for every unit.")
    never = (cohorts_u == 0).sum()
    if never < MIN_COMPARISON_UNITS:
        raise PanelError(
            f"Too few comparison units: {never} never-treated unit(s); at least {MIN_COMPARISON_UNITS} are needed."
        )
    return panel.sort_values(["unit", "time"]).reset_index(drop=True)


def _base(method: str, panel: pd.DataFrame) -> dict:
    cohorts = panel.groupby("unit")["cohort"].first()
    return {
        "method": method,
        "n_units": int(len(cohorts)),
        "n_treated": int((cohorts > 0).sum()),
        "n_comparison": int((cohorts == 0).sum()),
        "n_periods": int(panel["time"].nunique()),
        "first_period": int(panel["time"].min()),
        "last_period": int(panel["time"].max()),
        "pre_trend_p": None,
        "evidence_level": EVIDENCE_LEVELS[method],
        "event_study": [],
        "weights": None,
        "diagnostics": {},
        "notes": [],
    }


def _f(x) -> float | None:
    return None if x is None or (isinstance(x, float) and not math.isfinite(x)) else float(x)


def twfe(panel: pd.DataFrame) -> dict:
    """Two-way fixed effects: y ~ treated_post | unit + period, standard errors clustered by unit (pyfixest)."""
    import pyfixest as pf

    data = panel.assign(D=((panel.cohort > 0) & (panel.time >= panel.cohort)).astype(float))
    fit = pf.feols("y ~ D | unit + time", data=data, vcov={"CRV1": "unit"})
    tidy = fit.tidy().loc["D"]
    out = _base("twfe", panel)
    out.update(
        att=float(tidy["Estimate"]),
        ci_low=float(tidy["2.5%"]),
        ci_high=float(tidy["97.5%"]),
        p_value=float(tidy["Pr(>|t|)"]),
        std_error=float(tidy["Std. Error"]),
    )
    starts = sorted(c for c in panel.cohort.unique() if c > 0)
    if len(starts) > 1:
        out["notes"].append(
            "Treatment starts in different periods (" + ", ".join(map(str, starts)) + "). Two-way fixed effects then "
            "uses already-treated places as comparisons for later-treated ones, so an effect that grows or shrinks "
            "over time can bias the estimate, even flip its sign (Goodman-Bacon 2021). Prefer the staggered "
            "difference-in-differences result."
        )
    return out


def did(panel: pd.DataFrame) -> dict:
    """Callaway and Sant'Anna (2021) group-time effects with never-treated comparisons (`differences.ATTgt`).

    The overall effect is the simple aggregation of post-treatment group-time effects; the event study is the
    aggregation by years since start against a universal base period (the year before treatment). Standard errors
    are analytic, from the influence function of each unit (clustered by unit). The pre-trend test is a chi-squared test that every pre-period event-study
    estimate is zero, treating them as independent (an approximation: it ignores their covariance).
    """
    from differences import ATTgt

    data = panel.copy()
    data["cohort"] = data["cohort"].where(data["cohort"] > 0, np.nan).astype(float)
    data = data.set_index(["unit", "time"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        att = ATTgt(data=data, cohort_column="cohort", base_period="universal")
        att.fit("y", control_group="never_treated", progress_bar=False)
        simple = att.aggregate("simple")
        event = att.aggregate("event")
    row = simple.iloc[0]
    estimate, se, low, high = (float(row.iloc[i]) for i in range(4))
    out = _base("did", panel)
    p = 2 * stats.norm.sf(abs(estimate / se)) if se > 0 else None
    out.update(att=estimate, ci_low=low, ci_high=high, p_value=_f(p), std_error=se)
    pre_z = []
    for rel, r in event.iterrows():
        e, s, lo, hi = (float(r.iloc[i]) for i in range(4))
        rel = int(rel)
        out["event_study"].append(
            {"rel_time": rel, "estimate": _f(e), "ci_low": _f(lo), "ci_high": _f(hi), "std_error": _f(s)}
        )
        if rel < -1 and s > 0 and math.isfinite(s):
            pre_z.append(e / s)
    if rel_list := [row["rel_time"] for row in out["event_study"]]:
        out["diagnostics"]["event_times"] = [min(rel_list), max(rel_list)]
    if pre_z:
        chi2 = float(np.sum(np.square(pre_z)))
        out["pre_trend_p"] = float(stats.chi2.sf(chi2, df=len(pre_z)))
        out["diagnostics"]["pre_trend_chi2"] = chi2
        out["diagnostics"]["pre_trend_df"] = len(pre_z)
    return out


def _synth_weights(target: np.ndarray, donors: np.ndarray) -> np.ndarray:
    """Non-negative donor weights summing to one that best reproduce `target` (pre-period outcomes) by least squares.

    Solved as non-negative least squares on the system augmented with a heavily weighted row of ones, which imposes
    the sum-to-one constraint to numerical precision; the weights are then renormalised. `donors` is periods x donors.
    """
    scale = max(float(np.abs(donors).max()), float(np.abs(target).max()), 1.0)
    big = 1e4 * scale
    a = np.vstack([donors, np.full((1, donors.shape[1]), big)])
    b = np.concatenate([target, [big]])
    w, _ = optimize.nnls(a, b, maxiter=50 * donors.shape[1])
    total = w.sum()
    return w / total if total > 0 else np.full(donors.shape[1], 1 / donors.shape[1])


def synth(panel: pd.DataFrame) -> dict:
    """Synthetic control for one treated unit, with placebo-in-space inference over every donor.

    Formulation: the weights minimise the squared gap between the treated place's pre-period outcomes and a
    weighted mean of donors' pre-period outcomes, with weights non-negative and summing to one (Abadie, Diamond and
    Hainmueller's problem with the outcomes themselves as predictors and equal predictor weights, so no nested
    optimisation). The pre-period RMSPE is floored at 1/1000 of the outcome's pre-period spread. Each donor in turn is treated as if treated, against the other donors; p = rank of the treated
    place's post/pre RMSPE ratio among all of them / (donors + 1). The 95% interval is the effect plus and minus the
    95th percentile of the donors' absolute placebo effects: a placebo-based band, not a sampling interval.
    """
    treated = panel.groupby("unit")["cohort"].first()
    treated = treated[treated > 0]
    if len(treated) != 1:
        raise PanelError(f"Synthetic control needs exactly one treated unit; this panel has {len(treated)}.")
    unit, start = treated.index[0], int(treated.iloc[0])
    wide = panel.pivot(index="time", columns="unit", values="y")
    donors = [u for u in wide.columns if u != unit and panel.loc[panel.unit == u, "cohort"].iloc[0] == 0]
    pre = wide.index < start
    y = wide.to_numpy()
    cols = {u: i for i, u in enumerate(wide.columns)}
    # With more donors than years before the start, fits can be exact (RMSPE ~ 0) and the ratios noise; a floor of
    # 1/1000 of the outcome's pre-period spread across places keeps the ratio meaningful (it then ranks post RMSPE).
    floor = 1e-3 * float(np.std(y[pre])) or 1e-12

    def fit(target_unit, pool):
        idx = [cols[u] for u in pool]
        w = _synth_weights(y[pre, cols[target_unit]], y[pre][:, idx])
        gap = y[:, cols[target_unit]] - y[:, idx] @ w
        rmspe_pre = max(float(np.sqrt(np.mean(gap[pre] ** 2))), floor)
        rmspe_post = float(np.sqrt(np.mean(gap[~pre] ** 2)))
        return w, gap, rmspe_pre, rmspe_post

    w, gap, pre_fit, post_fit = fit(unit, donors)
    att = float(gap[~pre].mean())
    ratio = post_fit / pre_fit if pre_fit > 0 else math.inf
    placebo_ratios, placebo_effects = [], []
    for d in donors:
        pool = [u for u in donors if u != d]
        _, g, a, b = fit(d, pool)
        placebo_ratios.append(b / a if a > 0 else math.inf)
        placebo_effects.append(float(g[~pre].mean()))
    rank = 1 + sum(r >= ratio for r in placebo_ratios)
    band = float(np.quantile(np.abs(placebo_effects), 0.95)) if placebo_effects else math.nan
    out = _base("synth", panel)
    out.update(
        att=att,
        ci_low=_f(att - band),
        ci_high=_f(att + band),
        p_value=rank / (len(donors) + 1),
        treated_unit=unit,
    )
    out["weights"] = sorted(
        ({"unit": u, "weight": float(x)} for u, x in zip(donors, w, strict=True) if x > 1e-6),
        key=lambda r: -r["weight"],
    )
    out["event_study"] = [
        {"rel_time": int(t - start), "estimate": float(g), "ci_low": None, "ci_high": None}
        for t, g in zip(wide.index, gap, strict=True)
    ]
    out["diagnostics"] = {
        "pre_rmspe": pre_fit,
        "post_rmspe": post_fit,
        "rmspe_ratio": _f(ratio),
        "placebo_rank": rank,
        "placebo_runs": len(donors),
        "pre_mean_treated": float(y[pre, cols[unit]].mean()),
    }
    return out


def before_after(panel: pd.DataFrame) -> dict:
    """Change in treated places' mean outcome (after minus before) less the same change in comparison places.

    Each unit's before is its mean over the periods before its start (for comparisons, before the earliest start);
    the interval is Welch's t interval on the unit-level changes. Weak evidence: nothing checks that the two groups
    would have moved alike.
    """
    cohorts = panel.groupby("unit")["cohort"].first()
    earliest = int(cohorts[cohorts > 0].min())
    start = panel.unit.map(lambda u: cohorts[u] if cohorts[u] > 0 else earliest)
    after = panel.time >= start
    means = panel.assign(after=after).groupby(["unit", "after"])["y"].mean().unstack()
    change = means[True] - means[False]
    t_change, c_change = change[cohorts > 0], change[cohorts == 0]
    att = float(t_change.mean() - c_change.mean())
    out = _base("before-after", panel)
    if len(t_change) > 1:
        var_t, var_c = t_change.var(ddof=1) / len(t_change), c_change.var(ddof=1) / len(c_change)
        se = math.sqrt(var_t + var_c)
        dof = (var_t + var_c) ** 2 / (var_t**2 / (len(t_change) - 1) + var_c**2 / (len(c_change) - 1))
    else:
        se = math.sqrt(c_change.var(ddof=1) * (1 + 1 / len(c_change)))
        dof = len(c_change) - 1
    q = stats.t.ppf(0.975, dof)
    p = 2 * stats.t.sf(abs(att / se), dof) if se > 0 else None
    out.update(att=att, ci_low=att - q * se, ci_high=att + q * se, p_value=_f(p), std_error=se)
    out["diagnostics"] = {
        "treated_change": float(t_change.mean()),
        "comparison_change": float(c_change.mean()),
    }
    out["notes"].append("Weak evidence: a simple comparison of means, with no check that trends were parallel before.")
    return out


ESTIMATORS = {"did": did, "twfe": twfe, "synth": synth, "before-after": before_after}


def estimate(panel: pd.DataFrame, method: str) -> dict:
    if method not in ESTIMATORS:
        raise PanelError(f'Unknown method "{method}"; choose one of {", ".join(METHODS)}.')
    result = ESTIMATORS[method](panel)
    result["summary"] = plain_summary(result)
    return result


def plain_summary(r: dict) -> str:
    """What the figures do and do not show, in plain English."""
    level = r["evidence_level"]
    lo, hi = r.get("ci_low"), r.get("ci_high")
    effect = f"{r['att']:+.3g}"
    if lo is None or hi is None:
        clear = "The estimate has no interval, so how certain it is cannot be said."
    elif lo <= 0 <= hi:
        clear = (
            f"The 95% interval ({lo:.3g} to {hi:.3g}) includes zero: no clear effect. That is not evidence of no "
            "effect; the data cannot tell a small effect from none."
        )
    else:
        direction = "increase" if r["att"] > 0 else "decrease"
        clear = f"The 95% interval ({lo:.3g} to {hi:.3g}) excludes zero: a clear {direction} in the outcome."
    parts = [
        f"Estimated effect on the outcome: {effect} (in the outcome's own unit), from {r['n_treated']} treated and "
        f"{r['n_comparison']} comparison place(s) over {r['n_periods']} periods.",
        clear,
    ]
    if r.get("pre_trend_p") is not None and r["pre_trend_p"] < 0.05:
        parts.append(
            f"Warning: before treatment the treated places already moved differently (pre-trend test p = "
            f"{r['pre_trend_p']:.3f}), so the comparison may be unfair."
        )
    parts.append(LEVEL_TEXT[level] + " It shows association under the design's assumptions, not proof of cause.")
    return " ".join(parts)
