"""A published estimate reproduced on its public data (docs/evaluation.md).

Kessler and Roth's (2014) organ-donor registration data, as shipped by `causaldata` (organ_donations): California
moved to active choice for organ donation in July 2011 (the third quarter of 2011, quarter 4 of the panel). Nick
Huntington-Klein's *The Effect* (2021), chapter 18 ("Difference-in-Differences"), estimates the two-way fixed effects
difference-in-differences on it at -0.0225 (state and quarter fixed effects). Our estimator, on the same rows, must
give the same figure."""

from causaldata import organ_donations

from inclusive_cities.evaluation.estimators import estimate, validate_panel

PUBLISHED_ESTIMATE = -0.0225


def test_two_way_fixed_effects_reproduces_the_effect_chapter_18_estimate():
    df = organ_donations.load_pandas().data
    df["cohort"] = df.State.eq("California").map({True: 4, False: 0})
    panel = validate_panel(df, unit="State", time="Quarter_Num", outcome="Rate", cohort="cohort")
    result = estimate(panel, "twfe")
    assert round(result["att"], 4) == PUBLISHED_ESTIMATE
    assert result["n_units"] == 27 and result["n_periods"] == 6
    assert result["ci_high"] < 0  # a clear fall in registration
