"""Search quality on our own query set: recall@5 and mean reciprocal rank, for each ranking mode."""

import tomllib
from pathlib import Path

from . import selectors

QUERIES = Path(__file__).resolve().parent / "tests" / "search_queries.toml"


def load_queries(path: Path = QUERIES) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["queries"]


def evaluate(*, mode: str = "hybrid", queries: list[dict] | None = None, k: int = 5) -> dict:
    """recall@k: share of each query's expected case studies found in the top k, averaged over queries.
    MRR: 1/rank of the first expected case study (0 when none is in the top 10), averaged."""
    queries = queries if queries is not None else load_queries()
    recalls, reciprocal_ranks, misses = [], [], []
    for item in queries:
        found = selectors.search_case_studies(user=None, q=item["q"], mode=mode, limit=10)
        ranked = [r.case_study.slug for r in found.results]
        expected = set(item["expected"])
        recalls.append(len(expected & set(ranked[:k])) / len(expected))
        first = next((i for i, slug in enumerate(ranked, start=1) if slug in expected), None)
        reciprocal_ranks.append(1 / first if first else 0.0)
        if not first or first > k:
            misses.append(item["q"])
    n = len(queries)
    return {
        "mode": mode,
        "queries": n,
        f"recall_at_{k}": sum(recalls) / n,
        "mrr": sum(reciprocal_ranks) / n,
        "misses": misses,
    }
