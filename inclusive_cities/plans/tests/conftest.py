"""Fixtures for the plans app: a plan in every state for the root `place` (Bristol), with a priority and action."""

import datetime

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.plans import services
from inclusive_cities.plans.models import ActionPlan, PlanStatus

STATES = [s.value for s in PlanStatus]


def make_plan(place, framework, *, status=PlanStatus.DRAFT, title="Bristol inclusion plan", by=None):
    plan = services.plan_create(
        place=place,
        by=by,
        framework=framework,
        title=title,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2028, 12, 31),
        vision="A city where newcomers belong.",
    )
    priority = services.priority_save(
        plan=plan,
        by=by,
        title="Welcome and belonging",
        description="",
        order=1,
        themes=list(framework.themes.filter(code="T1")),
        principles=list(framework.principles.filter(code="P3")),
    )
    services.action_create(
        priority=priority,
        by=by,
        title="Run a welcome campaign",
        lead_organisation_name="Bristol City Council",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 6, 30),
        resource_amount=10000,
        resource_state="secured",
    )
    if status != PlanStatus.DRAFT:
        # Jump straight to the state under test (the workflow itself is tested separately).
        ActionPlan.objects.filter(pk=plan.pk).update(status=status)
        plan.refresh_from_db()
    return plan


@pytest.fixture
def plan_factory(place, framework):
    def make(status=PlanStatus.DRAFT, **kwargs):
        return make_plan(place, framework, status=status, **kwargs)

    return make


@pytest.fixture
def draft(plan_factory):
    return plan_factory()


@pytest.fixture
def published(plan_factory):
    return plan_factory(PlanStatus.PUBLISHED)


@pytest.fixture
def officer(place):
    return user_with_role("officer", place)


@pytest.fixture
def sponsor(place):
    return user_with_role("sponsor", place)
