"""The practices the seeds name with a place (issue 10): each is loaded by the demo, published, cited to a source
document the platform ships and a section, rated with its reason, and found by a search on /evidence/."""

import re

from django.urls import reverse

from inclusive_cities.core.sources import SOURCE_DOCUMENTS
from inclusive_cities.evidence import demodata
from inclusive_cities.evidence.models import CaseStudy, EvidenceRating
from inclusive_cities.network.services import places_load

# slug: (source document number, words of the section, level, a distinctive search, place code or "")
# Typed by hand from the seeds; see demo/case_studies_named.toml.
NAMED = {
    "germany-subsidised-language-provision": ("002", "6.5 Language Provision", 0, "subsidised language", ""),
    "ons-local-area-migration-indicators": ("002", "7.1 Available data sources", 1, "GP registrations", ""),
    "ons-local-migration-quiz": ("002", "7.1 Available data sources", 1, "quiz", ""),
    "london-data-store": ("002", "7.2 Notable gaps in data", 0, "London Data Store", "E61000001"),
    "strathclyde-city-observatory-data-portal": ("002", "7.2 Notable gaps in data", 0, "Strathclyde", ""),
    "migration-observatory-local-data-guide": ("002", "7.2 Notable gaps in data", 1, "guide to local data", ""),
    "cities-for-action": ("002", "7.4 Relevant networks", 0, "federal immigration reform", ""),
    "bristol-values-project-legacy": ("003", "APPENDIX", 0, "VALUES project legacy", "E06000023"),
    "sheffield-new-constellations": ("003", "APPENDIX", 0, "New Constellations", "E08000019"),
    "welcoming-framework-germany": ("001", "Using frameworks and standards", 0, "Welcoming International", ""),
    "welcoming-framework-australia": ("001", "Using frameworks and standards", 0, "Australia", ""),
    "welcoming-framework-new-zealand": ("001", "Using frameworks and standards", 0, "New Zealand", ""),
}
LABEL = {0: "Unrated:", 1: "Level 1:"}


def test_each_named_practice_is_loaded_cited_rated_and_reasoned(framework):
    # The demo loader itself (as `load_demo` and `make run` call it), with the place list so places link.
    places_load()
    demodata.load()
    by_slug = {c.slug: c for c in CaseStudy.objects.filter(slug__in=NAMED)}
    assert set(by_slug) == set(NAMED)
    for slug, (number, section, level, _query, place_code) in NAMED.items():
        case_study = by_slug[slug]
        assert case_study.status == "published", slug
        cited = re.findall(r"seeds? (00\d)", f"{case_study.source_document} {case_study.source_section}")
        assert cited and cited[0] == number and set(cited) <= set(SOURCE_DOCUMENTS), slug
        assert section in case_study.source_section, slug
        assert case_study.evidence_rating == level, slug
        # The reason is this entry's own, against the standard (not the loader's generic default).
        assert case_study.rating_reason.startswith(LABEL[level]), slug
        assert "Level 1 asks for" in case_study.rating_reason or "Level 2 asks for" in case_study.rating_reason
        assert case_study.evidence_note and case_study.themes and case_study.principles, slug
        assert (case_study.place.code if case_study.place else "") == place_code, slug
        assert not case_study.is_illustrative


def test_the_welcoming_frameworks_cite_both_documents_that_name_them(seed_case_studies, client):
    for slug in ("welcoming-framework-germany", "welcoming-framework-australia", "welcoming-framework-new-zealand"):
        case_study = seed_case_studies.get(slug=slug)
        assert "seed 004, Future plans" in case_study.source_section
        page = client.get(case_study.get_absolute_url()).content.decode()
        # Pages cite documents by title, never by their file number.
        assert "Inclusive Cities Framework policy brief (COMPAS, 2020)" in page and "seed 00" not in page
        assert "Why this rating:" in page and str(EvidenceRating.UNRATED.label) in page


def test_a_search_for_a_distinctive_word_finds_each(seed_case_studies, client):
    # One load of the case studies for all twelve searches (each search is a page a visitor would see).
    for slug, (*_, query, _place) in NAMED.items():
        response = client.get(reverse("evidence:index"), {"q": query})
        assert response.status_code == 200
        shown = [hit.case_study.slug for hit in response.context["page_obj"].object_list]
        assert slug in shown[:5], (query, shown)
        assert f'href="/evidence/{slug}/"' in response.content.decode()
