"""Fixtures for the evidence tests: case studies in each moderation state, credited to the `place` fixture."""

import pytest

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evidence import demodata, services
from inclusive_cities.evidence.models import CaseStudy, CaseStudyStatus

STATES = ["draft", "submitted", "published", "rejected"]


@pytest.fixture
def contributor(place):
    return user_with_role("officer", place, full_name="Contributing Officer")


@pytest.fixture
def make_case_study(framework, place, contributor):
    def make(state: str = "published", **fields) -> CaseStudy:
        defaults = {
            "title": f"Community language cafe ({state})",
            "place_name": "Bristol",
            "country": "United Kingdom",
            "summary": "Volunteers run weekly conversation sessions in a library so that newcomers practise English.",
            "intervention_type": "language learning",
            "evidence_rating": 1,
            "themes": ["T3"],
            "principles": ["P2"],
        }
        defaults.update(fields)
        case_study = services.case_study_create(by=contributor, credited_place=place, **defaults)
        if state in {"submitted", "published", "rejected"}:
            services.case_study_submit(case_study=case_study, by=contributor)
        if state == "published":
            services.case_study_publish(case_study=case_study, by=None)
        if state == "rejected":
            services.case_study_reject(case_study=case_study, by=None, note="Please add figures.")
        case_study.refresh_from_db()
        assert case_study.status == state
        return case_study

    return make


@pytest.fixture
def case_studies(make_case_study):
    """One case study in each state."""
    return {state: make_case_study(state) for state in STATES}


@pytest.fixture
def seed_case_studies(framework):
    """Every case study the seeds give, published, from the shipped TOML files (the real content)."""
    services.case_studies_import(items=demodata.seed_items())
    return CaseStudy.objects.filter(status=CaseStudyStatus.PUBLISHED)
