"""Evidence from other places on a plan's priorities, from the evidence app's `recommend` selector."""

from django.test import Client

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
