"""The demo: Bristol and Liverpool offer languages, with an example Polish summary of Bristol's published demo plan and
an example Polish translation of Liverpool's narrative, marked as examples; loading again changes nothing and keeps
edits."""

import pytest
from django.test import Client

from inclusive_cities.accounts import demodata as accounts_demo
from inclusive_cities.core.factories import PlaceFactory
from inclusive_cities.narrative import demodata as narrative_demo
from inclusive_cities.plans import demodata as plans_demo
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.publiclanguages import demodata, selectors
from inclusive_cities.publiclanguages.models import NarrativeTranslation, PlaceLanguage, PlanTranslation

pytestmark = pytest.mark.django_db


def test_demo_translation(framework, place, other_place):
    PlaceFactory(code="E08000019", name="Sheffield")
    PlaceFactory(code="W06000015", name="Cardiff")
    accounts_demo.load()
    plans_demo.load()
    narrative_demo.load()
    assert demodata.load() == "languages offered in 2 places; 2 example translation(s) added"
    assert set(PlaceLanguage.objects.filter(place=place).values_list("code", flat=True)) == {"pl", "uk", "ar"}
    assert set(PlaceLanguage.objects.filter(place=other_place).values_list("code", flat=True)) == {"pl", "ar"}
    liverpool = NarrativeTranslation.objects.get()
    assert liverpool.narrative.place == other_place and liverpool.is_illustrative
    assert not selectors.narrative_is_out_of_date(liverpool, liverpool.narrative)
    body = Client().get(liverpool.narrative.get_absolute_url()).content.decode()
    assert f'href="{liverpool.get_absolute_url()}" hreflang="pl"' in body
    assert "Example translation written for the demo" in Client().get(liverpool.get_absolute_url()).content.decode()
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
    assert demodata.load() == "languages offered in 2 places; 0 example translation(s) added"
    assert PlanTranslation.objects.get().title == "Poprawiony tytuł"
