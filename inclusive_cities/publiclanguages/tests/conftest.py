"""Fixtures: Bristol (the root `place`) with a published plan (the plans app's own test plan) and a published
narrative, offering Arabic and Polish, with Arabic translations of both."""

import datetime

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.narrative.models import Narrative, NarrativeStatus
from inclusive_cities.plans.models import PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan
from inclusive_cities.publiclanguages import services

# Arabic test text: "Bristol's integration plan", "A city where newcomers belong.", "Welcome and belonging".
AR_TITLE = "خطة الاندماج في بريستول"
AR_VISION = "مدينة يشعر فيها القادمون الجدد بالانتماء."
AR_PRIORITY = "الترحيب والانتماء"
# "We are all Bristol."
AR_STATEMENT = "كلنا بريستول."
TRANSLATED_ON = datetime.date(2026, 3, 2)


@pytest.fixture
def officer(place):
    return user_with_role("officer", place)


@pytest.fixture
def plan(place, framework):
    return make_plan(place, framework, status=PlanStatus.PUBLISHED)


@pytest.fixture
def narrative(place):
    return Narrative.objects.create(
        place=place, statement="We are all Bristol.", audiences=["internal"], status=NarrativeStatus.PUBLISHED
    )


@pytest.fixture
def offered(place, officer):
    services.languages_set(place=place, by=officer, codes=["ar", "pl"])
    return ["ar", "pl"]


def save_plan_translation(plan, by, **overrides):
    kwargs = {
        "title": AR_TITLE,
        "vision": AR_VISION,
        "priorities": [AR_PRIORITY],
        "translator": "Bristol Translation Service",
        "translated_on": TRANSLATED_ON,
    }
    kwargs.update(overrides)
    code = kwargs.pop("code", "ar")
    return services.plan_translation_save(plan=plan, code=code, by=by, **kwargs)


def save_narrative_translation(narrative, by, **overrides):
    kwargs = {
        "campaign_name": "",
        "statement": AR_STATEMENT,
        "translator": "Bristol Translation Service",
        "translated_on": TRANSLATED_ON,
    }
    kwargs.update(overrides)
    code = kwargs.pop("code", "ar")
    return services.narrative_translation_save(narrative=narrative, code=code, by=by, **kwargs)


@pytest.fixture
def plan_ar(plan, offered, officer):
    return save_plan_translation(plan, officer)


@pytest.fixture
def narrative_ar(narrative, offered, officer):
    return save_narrative_translation(narrative, officer)
