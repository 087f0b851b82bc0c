"""recommend(): published case studies for a plan's themes and text, with the reason."""

from inclusive_cities.evidence.selectors import recommend


def test_recommend_by_theme_and_text(seed_case_studies, make_case_study):
    draft = make_case_study("draft", title="Parents language draft", themes=["T3"])
    results = recommend(theme_codes=["T3"], principle_codes=[], text="helping new parents learn the language")
    assert len(results) == 5
    case_study, reason = results[0]
    assert case_study.slug == "swedish-with-your-baby"
    assert reason.startswith("Same themes: T3")
    assert "similar in meaning to your text" in reason
    assert draft not in [cs for cs, _ in results]
    assert all(cs.status == "published" for cs, _ in results)


def test_recommend_by_themes_only_and_limit(seed_case_studies):
    results = recommend(theme_codes=["t2", "T5"], principle_codes=["P1"], text="", limit=3)
    assert len(results) == 3
    for case_study, reason in results:
        assert reason.startswith("Same themes:")
        assert {"T2", "T5"} & set(case_study.themes)


def test_recommend_nothing_to_go_on(seed_case_studies):
    assert recommend(theme_codes=[], principle_codes=[], text="") == []
