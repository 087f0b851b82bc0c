"""Search: full-text ranking on the real case studies, semantic matches without shared words, hostile, empty and
very long queries, filters combined with search, the index kept in step with edits, highlighting escaped."""

import pytest
from django.urls import reverse

from inclusive_cities.evidence import search, selectors, services
from inclusive_cities.evidence.models import CaseStudy


def slugs(found) -> list[str]:
    return [r.case_study.slug for r in found.results]


def test_everyday_words_find_swedish_with_your_baby(seed_case_studies):
    found = selectors.search_case_studies(user=None, q="helping new parents learn the language")
    assert slugs(found)[0] == "swedish-with-your-baby"
    top = found.results[0]
    assert "parents" in top.matched_words
    assert top.similar_in_meaning
    assert "<mark>" in top.snippet_html


def test_semantic_search_finds_a_match_that_shares_no_word(seed_case_studies):
    query = "helping households struggling to pay their bills"
    text_only = selectors.search_case_studies(user=None, q=query, mode="text")
    assert "sheffield-cost-of-living-support" not in slugs(text_only)
    semantic = selectors.search_case_studies(user=None, q=query, mode="semantic")
    assert "sheffield-cost-of-living-support" in slugs(semantic)[:5]
    hybrid = selectors.search_case_studies(user=None, q=query)
    hit = next(r for r in hybrid.results if r.case_study.slug == "sheffield-cost-of-living-support")
    assert hit.similar_in_meaning and hit.matched_words == []
    assert hit.reasons == ["Similar in meaning"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'NEAR("a" "b")',
        "title:swedish",
        "swedish*",
        "^baby",
        "AND OR NOT",
        "((((",
        "'; DROP TABLE evidence_casestudy; --",
        "<script>alert(1)</script>",
        "\x00\x01",
        "😀 emoji",
        "-",
        "{baby}",
    ],
)
def test_hostile_queries_do_not_crash(seed_case_studies, client, query):
    found = selectors.search_case_studies(user=None, q=query)
    assert isinstance(found.results, list)
    response = client.get(reverse("evidence:index"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert CaseStudy.objects.count() == seed_case_studies.count()


def test_fts_syntax_is_quoted_not_interpreted(seed_case_studies):
    # Unquoted, `swedish*` would be a prefix query and `title:` a column filter; quoted they are plain words.
    assert search.query_terms('title:swedish* NEAR("x")') == ["title", "swedish", "near"]


def test_empty_query_browses_everything(seed_case_studies, client):
    assert selectors.search_case_studies(user=None, q="   ").results == []
    response = client.get(reverse("evidence:index"), {"q": ""})
    assert response.context["page_obj"].paginator.count == seed_case_studies.count()


def test_no_results_says_so(seed_case_studies, client):
    response = client.get(reverse("evidence:index"), {"q": "zzzzqqqq xxxyyy", "mode": "text"})
    assert response.status_code == 200
    assert "No case studies match" in response.content.decode()


def test_very_long_query_is_cut_and_the_page_says_so(seed_case_studies, client):
    query = "helping new parents learn the language " * 100
    found = selectors.search_case_studies(user=None, q=query)
    assert found.truncated and len(found.query) == search.MAX_QUERY_LENGTH
    assert slugs(found)[0] == "swedish-with-your-baby"
    response = client.get(reverse("evidence:index"), {"q": query})
    assert "only its first 200 characters were used" in response.content.decode()


def test_filters_combine_with_search(seed_case_studies):
    everything = selectors.search_case_studies(user=None, q="refugees employment jobs")
    in_germany = selectors.search_case_studies(user=None, q="refugees employment jobs", filters={"country": "Germany"})
    assert len(everything.results) > len(in_germany.results) > 0
    assert {r.case_study.country for r in in_germany.results} == {"Germany"}
    themed = selectors.search_case_studies(user=None, q="language", filters={"theme": "T3", "evidence_min": 2})
    assert themed.results
    for r in themed.results:
        assert "T3" in r.case_study.themes and r.case_study.evidence_rating >= 2


def test_browse_filters_by_domain_and_target_group(seed_case_studies, client):
    response = client.get(reverse("evidence:index"), {"target_group": "nrpf", "domain": "ho-housing"})
    titles = [cs.slug for cs in response.context["page_obj"]]
    assert "bristol-model-nrpf" in titles
    for cs in response.context["page_obj"]:
        assert cs.target_groups.filter(code="nrpf").exists() and cs.domains.filter(code="ho-housing").exists()


def test_sort_by_year(seed_case_studies, client):
    response = client.get(reverse("evidence:index"), {"sort": "-year"})
    years = [cs.year or 0 for cs in response.context["page_obj"]]
    assert years == sorted(years, reverse=True)


def test_invalid_filter_value_is_named(seed_case_studies, client):
    response = client.get(reverse("evidence:index"), {"theme": "T9"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_index_follows_edits_and_drops_old_words(make_case_study):
    case_study = make_case_study("published", title="Allotment gardening club")
    assert slugs(selectors.search_case_studies(user=None, q="allotment", mode="text")) == [case_study.slug]
    before = bytes(case_study.embedding)
    # Searched before it exists: what the ranking remembers about a word must not outlive an edit.
    assert selectors.search_case_studies(user=None, q="orchard", mode="text").results == []
    services.case_study_update(case_study=case_study, by=None, title="Community orchard", summary="x" * 50)
    assert selectors.search_case_studies(user=None, q="allotment", mode="text").results == []
    assert slugs(selectors.search_case_studies(user=None, q="orchard", mode="text")) == [case_study.slug]
    # The embedding changed with the text.
    case_study.refresh_from_db()
    assert bytes(case_study.embedding) != before


def test_highlight_escapes_before_marking():
    pattern = search.term_pattern(["script"])
    html = selectors.highlight("<script>alert('x')</script>", pattern)
    assert "<script>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html


def test_search_with_domain_and_target_group_filters(seed_case_studies):
    filters = {"domain": "ho-housing", "target_group": "nrpf"}
    found = selectors.search_case_studies(user=None, q="no recourse to public funds support", filters=filters)
    assert slugs(found)[:2] and "bristol-model-nrpf" in slugs(found)[:3]
    for r in found.results:
        assert r.case_study.domains.filter(code="ho-housing").exists()
        assert r.case_study.target_groups.filter(code="nrpf").exists()
