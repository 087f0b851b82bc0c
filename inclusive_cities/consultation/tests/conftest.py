"""Consultation fixtures: Bristol's plan (the root `place`) in review, on the real framework 1.0, with two
priorities, and a consultation on it open from today for four weeks."""

import datetime

import pytest
from django.utils import timezone

from inclusive_cities.consultation import services
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan


@pytest.fixture
def review_plan(place, framework):
    plan = make_plan(place, framework, status=PlanStatus.IN_REVIEW)
    plan_services.priority_save(
        plan=plan, by=None, title="Fair access to services", description="", order=2,
        themes=list(framework.themes.filter(code="T2")), principles=[],
    )  # fmt: skip
    return plan


@pytest.fixture
def officer(place):
    return user_with_role("officer", place)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def consultation(review_plan, officer, today):
    return services.consultation_open(
        plan=review_plan,
        by=officer,
        priorities=list(review_plan.priorities.all()),
        languages=["en-gb", "cy"],
        title="Have your say on Bristol's inclusion plan",
        introduction="Tell us what you think.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=28),
    )


@pytest.fixture
def priorities(consultation):
    return [q.priority for q in consultation.questions.select_related("priority")]


def answer(consultation, values: dict, **kwargs):
    """Submit one response: {priority: (agreement or None, text)}."""
    data = {}
    for priority, (agreement, text) in values.items():
        data[f"agree_{priority.pk}"] = "" if agreement is None else str(agreement)
        data[f"comment_{priority.pk}"] = text
    return services.response_submit(consultation=consultation, answers=data, **kwargs)
