"""Search quality on our own everyday-language query set (search_queries.toml), on the real case studies.

Measured (manage.py evaluate_search, 42 queries), SQLite: full-text recall@5 0.899 MRR 0.847; semantic 0.812 /
0.751; hybrid 0.863 / 0.862. PostgreSQL: full-text 0.863 / 0.841; semantic the same; hybrid 0.852 / 0.879.
Thresholds sit just below the lower of the two; the suite runs on both.
"""

import pytest

from inclusive_cities.evidence.quality import evaluate, load_queries

THRESHOLDS = {"text": (0.85, 0.80), "semantic": (0.77, 0.70), "hybrid": (0.83, 0.82)}


def test_query_set_is_big_enough_and_names_real_case_studies(seed_case_studies):
    queries = load_queries()
    assert len(queries) >= 30
    known = set(seed_case_studies.values_list("slug", flat=True))
    for item in queries:
        assert set(item["expected"]) <= known, item


@pytest.mark.parametrize("mode", ["text", "semantic", "hybrid"])
def test_recall_and_mrr_above_threshold(seed_case_studies, mode):
    result = evaluate(mode=mode)
    recall_min, mrr_min = THRESHOLDS[mode]
    assert result["recall_at_5"] >= recall_min, result
    assert result["mrr"] >= mrr_min, result
