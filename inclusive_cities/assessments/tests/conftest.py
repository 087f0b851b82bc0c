"""Fixtures for self-assessment tests: assessments in each state, with answers set from a compact spec."""

import pytest

from inclusive_cities.assessments.models import Answer, Assessment, Sharing, Status


@pytest.fixture
def make_assessment(framework):
    def make(
        place,
        *,
        status=Status.DRAFT,
        sharing=Sharing.PRIVATE,
        title="Baseline",
        confirmed_at=None,
        goals=None,
        cells=None,
    ):
        """goals: {"T1.1": 3, ...}; cells: {("P1", "T1"): 2, ...}. Levels may be None (asked, not answered)."""
        assessment = Assessment.objects.create(
            place=place, framework=framework, title=title, status=status, sharing=sharing, confirmed_at=confirmed_at
        )
        for code, level in (goals or {}).items():
            goal = framework.themes.get(code=code.split(".")[0]).goals.get(code=code)
            Answer.objects.create(assessment=assessment, goal=goal, level=level)
        for (p_code, t_code), level in (cells or {}).items():
            Answer.objects.create(
                assessment=assessment,
                principle=framework.principles.get(code=p_code),
                theme=framework.themes.get(code=t_code),
                level=level,
            )
        return assessment

    return make
