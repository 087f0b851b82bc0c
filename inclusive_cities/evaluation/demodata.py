"""A worked example on real data: the Inclusive Cities phase-one places against every other local authority.

The outcome is ONS's share of live births to mothers born outside the UK (local area migration indicators, 2011-2019),
the longest yearly series the platform holds as a share. The programme was never meant to move it: the example
shows the method and how to read a result, not the programme's impact. Idempotent: keyed by title."""

from inclusive_cities.data.models import Indicator
from inclusive_cities.network.models import Membership

from .models import Design, Evaluation, TreatedPlace, Visibility
from .services import evaluation_register, evaluation_run

INDICATOR = "lamis-births-non-uk-born-mothers-pct"
TITLE = "Worked example: Inclusive Cities phase one and births to mothers born abroad"
START = 2017  # phase one ran from March 2017 (seed 004, Introduction)

QUESTION = (
    "Did the share of births to mothers born outside the UK move differently in the phase-one Inclusive Cities "
    "places after they joined in 2017 than in other local authorities? A worked example of the method: the "
    "programme was not designed to change this figure, which follows who moves to a place and when they have "
    "children, so no result here says whether the programme worked."
)


def load() -> str:
    if Evaluation.objects.filter(title=TITLE).exists():
        return "worked example already loaded"
    indicator = Indicator.objects.filter(code=INDICATOR).first()
    if indicator is None:
        return f"no worked example ({INDICATOR} not loaded)"
    places = [
        m.place
        for m in Membership.objects.filter(cohort__code="ic-phase-one", kind="full").select_related("place")
        if indicator.observations.filter(place=m.place).exists()
    ]
    if not places:
        return "no worked example (no phase-one place has the indicator)"
    evaluation = Evaluation.objects.create(
        title=TITLE,
        question=QUESTION,
        inputs="Two council officers per city, a taskforce, research support from COMPAS (Inclusive Cities learning report, phase one, COMPAS 2019, introduction).",
        activities="Baseline mapping, taskforce meetings, an action plan per city, convenings and a learning exchange.",
        outputs="Six action plans signed off and published in January 2019 (the same report, annex 2).",
        outcomes="Better inclusion of newcomers; this indicator measures none of it directly (see the question).",
        indicator=indicator,
        design=Design.DID,
        place=None,
        visibility=Visibility.PUBLIC,
    )
    for place in places:
        TreatedPlace.objects.create(evaluation=evaluation, place=place, start_year=START)
    evaluation_register(evaluation=evaluation, by=None)
    result = evaluation_run(evaluation=evaluation, by=None)
    result.refresh_from_db()
    return f"worked example on {len(places)} phase-one places ({result.get_status_display().lower()})"
