"""The demo: Bristol offers Polish, Ukrainian and Arabic, with one example Polish summary of its published demo
plan, marked as an example; loading again changes nothing and keeps edits."""

import pytest
from django.test import Client

from inclusive_cities.accounts import demodata as accounts_demo
from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.plans import demodata as plans_demo
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.publiclanguages import demodata, selectors
from inclusive_cities.publiclanguages.models import PlaceLanguage, PlanTranslation

pytestmark = pytest.mark.django_db


def test_demo_translation(framework, place, other_place):
    PlaceFactory(code="E08000019", name="Sheffield")
    PlaceFactory(code="W06000015", name="Cardiff")
    accounts_demo.load()
    plans_demo.load()
    assert demodata.load() == "Bristol offers pl, uk, ar; 1 example translation(s) added"
    assert set(PlaceLanguage.objects.filter(place=place).values_list("code", flat=True)) == {"pl", "uk", "ar"}
    example = PlanTranslation.objects.get()
    plan = ActionPlan.objects.get(place=place, status=PlanStatus.PUBLISHED)
    assert example.plan == plan and example.code == "pl" and example.is_illustrative
    assert len(example.priorities) == plan.priorities.count() == 3
    assert not selectors.plan_is_out_of_date(example, plan)
    body = Client().get(example.get_absolute_url()).content.decode()
    assert "Example translation written for the demo" in body
    assert "Plan działań Bristolu w ramach programu Inclusive Cities" in body
    assert 'lang="pl" dir="ltr"' in body
    # again: nothing changes, and an edit survives
    PlanTranslation.objects.filter(pk=example.pk).update(title="Poprawiony tytuł")
    assert demodata.load() == "Bristol offers pl, uk, ar; 0 example translation(s) added"
    assert PlanTranslation.objects.get().title == "Poprawiony tytuł"
