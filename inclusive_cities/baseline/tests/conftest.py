"""Baseline fixtures: one mapped activity at the `place` fixture (Bristol), on the real framework 1.0."""

import pytest

from inclusive_cities.baseline.models import Activity
from inclusive_cities.framework.models import TargetGroup


@pytest.fixture
def activity(place, framework):
    a = Activity.objects.create(place=place, what="Welcome cafe", lead_text="Example charity")
    a.themes.set(framework.themes.filter(code="T3"))
    a.principles.set(framework.principles.filter(code__in=["P2", "P3"]))
    a.target_groups.set(TargetGroup.objects.filter(code="refugees"))
    return a
