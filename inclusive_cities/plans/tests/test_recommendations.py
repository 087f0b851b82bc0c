"""Evidence from other places on a plan's priorities, from the evidence app's `recommend` selector."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inclusive_cities.core.factories import UserFactory
from inclusive_cities.evidence.models import CaseStudy


def test_priority_shows_published_case_studies_on_its_themes(published):
    CaseStudy.objects.create(
        slug="welcome-campaign-elsewhere",
        title="A welcome campaign elsewhere",
        place_name="Elsewhere",
        country="United Kingdom",
        summary="A city-wide welcome campaign.",
        theme_codes=",T1,",
        status="published",
    )
    CaseStudy.objects.create(
        slug="unpublished-case",
        title="An unpublished case",
        place_name="Elsewhere",
        country="United Kingdom",
        summary="A city-wide welcome campaign.",
        theme_codes=",T1,",
        status="draft",
    )
    html = Client().get(published.get_absolute_url()).content.decode()
    assert "Evidence that may help" in html
    assert "A welcome campaign elsewhere" in html and "Same themes: T1" in html
    assert "An unpublished case" not in html


def _case_study(slug, title):
    return CaseStudy.objects.create(
        slug=slug, title=title, place_name="Elsewhere", country="United Kingdom",
        summary="A city-wide welcome campaign.", theme_codes=",T1,", status="published",
    )  # fmt: skip


def _scoring(queries) -> list[str]:
    """The queries that score case studies by the priority's themes (`evidence.selectors.recommend`)."""
    return [q["sql"] for q in queries.captured_queries if "theme_codes" in q["sql"] and "LIKE" in q["sql"].upper()]


def test_recommendations_are_kept_until_the_case_studies_change_not_after_any_write(published):
    """Scoring the case studies is the costly part of a plan page: a write elsewhere (a new account) keeps the
    scores, a new case study is on the very next view."""
    _case_study("welcome-campaign-elsewhere", "A welcome campaign elsewhere")
    assert "A welcome campaign elsewhere" in Client().get(published.get_absolute_url()).content.decode()
    UserFactory()
    with CaptureQueriesContext(connection) as queries:
        html = Client().get(published.get_absolute_url()).content.decode()
    assert "A welcome campaign elsewhere" in html
    assert not _scoring(queries)
    _case_study("welcome-walks-elsewhere", "Welcome walks elsewhere")
    with CaptureQueriesContext(connection) as queries:
        html = Client().get(published.get_absolute_url()).content.decode()
    assert "Welcome walks elsewhere" in html
    assert _scoring(queries)
