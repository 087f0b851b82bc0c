"""Search over case studies: full-text with ranking (SQLite FTS5 + bm25, PostgreSQL tsvector + ts_rank),
semantic similarity with a small static embedding model, and hybrid ranking by reciprocal rank fusion.

Everything here ranks *ids*; visibility and filters are applied by the caller (selectors.py) as the set of
candidate ids, so search never shows what the list would not.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.db import connection
from django.db.models import Count, Max

MODEL_DIR = Path(__file__).resolve().parent / "data" / "minilm-m2v-256"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
FTS_TABLE = "evidence_casestudy_fts"
RRF_K = 60
# Below this cosine similarity a case study is not shown as "similar in meaning" (measured on the query set:
# the expected case study scored 0.40 or more for every query, nonsense and off-topic queries 0.1-0.34).
MIN_SIMILARITY = 0.38
SEMANTIC_POOL = 50

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
    our ours out over own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom why will with would
    you your yours help helping people want wants way ways get getting""".split()
)


def clean_query(text: str | None) -> tuple[str, bool]:
    """The query as searched: whitespace collapsed, cut at MAX_QUERY_LENGTH characters. Returns (query, truncated)."""
    text = " ".join((text or "").split())
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH], True
    return text, False


def query_terms(text: str) -> list[str]:
    """Words only (letters and digits), lower case, without stop words. Nothing of FTS syntax survives."""
    seen: list[str] = []
    for word in re.findall(r"\w+", text.lower()):
        word = word.strip("_")
        if len(word) < 2 or word in STOPWORDS or word in seen:
            continue
        seen.append(word)
    return seen[:MAX_TERMS]


SUFFIXES = r"(?:s|es|ed|d|ing|er|ers|ly|ies|y|al|ion|ions|ation|ations|ment|ments|hood)?"


def _stem(term: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ers", "ed", "es", "er", "s"):
        if term.endswith(suffix) and len(term) - len(suffix) >= 4:
            return term[: -len(suffix)]
    return term


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """Regex that finds the words a query matched in a text (by a rough stem, as the full-text index does)."""
    if not terms:
        return None
    alternatives = sorted({re.escape(_stem(t)) for t in terms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")" + SUFFIXES + r"\b", re.IGNORECASE)


# --- full-text -------------------------------------------------------------------------------------------------


def fts_available() -> bool:
    if connection.vendor == "postgresql":
        return True
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=%s", [FTS_TABLE])
        return cursor.fetchone() is not None


def fts_index(case_studies) -> None:
    """Write (or rewrite) the SQLite FTS5 rows of these case studies. PostgreSQL needs no side table."""
    if connection.vendor != "sqlite" or not fts_available():
        return
    rows = [(cs.pk, cs.title, f"{cs.place_name} {cs.country}", cs.summary, _extra_text(cs)) for cs in case_studies]
    with connection.cursor() as cursor:
        cursor.executemany("DELETE FROM evidence_casestudy_fts WHERE rowid = %s", [(r[0],) for r in rows])
        cursor.executemany(
            "INSERT INTO evidence_casestudy_fts (rowid, title, place, summary, extra) VALUES (%s, %s, %s, %s, %s)", rows
        )


def fts_remove(pk: int) -> None:
    if connection.vendor == "sqlite" and fts_available():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM evidence_casestudy_fts WHERE rowid = %s", [pk])


def _extra_text(cs) -> str:
    return " ".join([cs.get_intervention_type_display(), cs.outcomes, cs.evidence_note, cs.source_section])


def fts_rank(terms: list[str], candidate_ids: set[int] | None = None) -> list[tuple[int, float]]:
    """(id, score) best first; any term may match (OR), bm25 weighs rare words and the title most."""
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _pg_rank(terms, candidate_ids)
    if connection.vendor != "sqlite" or not fts_available():
        return []
    # Each term is a quoted FTS5 string (only \w characters survive query_terms), so no syntax can be injected.
    match = " OR ".join(f'"{t}"' for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(evidence_casestudy_fts, 8.0, 2.0, 1.0, 0.5) FROM evidence_casestudy_fts "
            "WHERE evidence_casestudy_fts MATCH %s ORDER BY 2",
            [match],
        )
        rows = cursor.fetchall()
    # bm25() is lower-is-better and negative; turn it into a positive score.
    return [(pk, -score) for pk, score in rows if candidate_ids is None or pk in candidate_ids]


def _pg_rank(terms: list[str], candidate_ids: set[int] | None) -> list[tuple[int, float]]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    from .models import CaseStudy

    vector = (
        SearchVector("title", weight="A", config="english")
        + SearchVector("place_name", "country", weight="B", config="english")
        + SearchVector("summary", weight="C", config="english")
        + SearchVector("outcomes", "evidence_note", weight="D", config="english")
    )
    query = None
    for term in terms:
        part = SearchQuery(term, search_type="plain", config="english")
        query = part if query is None else query | part
    qs = CaseStudy.objects.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0)
    if candidate_ids is not None:
        qs = qs.filter(pk__in=candidate_ids)
    return list(qs.order_by("-rank").values_list("pk", "rank"))


# --- semantic --------------------------------------------------------------------------------------------------

_model_lock = threading.Lock()


@lru_cache(maxsize=1)
def _model():
    try:
        from model2vec import StaticModel
    except ImportError:  # semantic search is optional: full-text always works
        return None
    if not (MODEL_DIR / "model.safetensors").exists():
        return None
    with _model_lock:
        return StaticModel.from_pretrained(str(MODEL_DIR))


def semantic_available() -> bool:
    return _model() is not None


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit-length float32 vectors, one row per text; None when no model is installed."""
    model = _model()
    if model is None:
        return None
    vectors = np.asarray(model.encode(list(texts)), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def embedding_bytes(text: str) -> bytes | None:
    vectors = embed([text])
    return None if vectors is None else vectors[0].tobytes()


@dataclass
class _Matrix:
    key: tuple = ()
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))


_matrix = _Matrix()
_matrix_lock = threading.Lock()


def _embedding_matrix() -> _Matrix:
    """All stored embeddings as one matrix, cached per process until any case study changes."""
    from .models import CaseStudy

    global _matrix
    stats = CaseStudy.objects.aggregate(n=Count("id"), changed=Max("updated_at"), top=Max("id"))
    key = (connection.alias, connection.settings_dict.get("NAME"), stats["n"], stats["changed"], stats["top"])
    if _matrix.key == key:
        return _matrix
    with _matrix_lock:
        rows = list(CaseStudy.objects.exclude(embedding=None).values_list("id", "embedding"))
        if rows:
            ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
            vectors = np.vstack([np.frombuffer(bytes(r[1]), dtype=np.float32) for r in rows])
        else:
            ids, vectors = np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        _matrix = _Matrix(key=key, ids=ids, vectors=vectors)
    return _matrix


def semantic_rank(
    text: str, candidate_ids: set[int] | None = None, *, pool: int = SEMANTIC_POOL, min_similarity=MIN_SIMILARITY
) -> list[tuple[int, float]]:
    """(id, cosine similarity) best first, at most `pool`, only above `min_similarity`."""
    if not text.strip():
        return []
    # The whole question (punctuation dropped) carries more meaning than its keywords alone: measured on the
    # query set, embedding only the non-stop words lowered semantic recall@5 from 0.81 to 0.65.
    query = embed([re.sub(r"[^\w\s'-]", " ", text)])
    if query is None:
        return []
    matrix = _embedding_matrix()
    if not len(matrix.ids) or matrix.vectors.shape[1] != query.shape[1]:
        return []
    ids, vectors = matrix.ids, matrix.vectors
    if candidate_ids is not None:
        mask = np.isin(ids, np.fromiter(candidate_ids, dtype=np.int64, count=len(candidate_ids)))
        ids, vectors = ids[mask], vectors[mask]
        if not len(ids):
            return []
    similarity = vectors @ query[0]
    top = min(pool, len(ids))
    best = np.argpartition(-similarity, top - 1)[:top]
    best = best[np.argsort(-similarity[best])]
    return [(int(ids[i]), float(similarity[i])) for i in best if similarity[i] >= min_similarity]


# --- hybrid ----------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    pk: int
    score: float
    text_rank: int | None = None
    semantic_rank: int | None = None
    similarity: float | None = None


def rank(text: str, candidate_ids: set[int] | None, *, mode: str = "hybrid") -> list[Hit]:
    """Rank candidate ids for a query. mode: "hybrid" (reciprocal rank fusion), "text" or "semantic"."""
    terms = query_terms(text)
    text_hits = fts_rank(terms, candidate_ids) if mode in {"hybrid", "text"} else []
    semantic_hits = semantic_rank(text, candidate_ids) if mode in {"hybrid", "semantic"} and terms else []
    hits: dict[int, Hit] = {}
    for position, (pk, _score) in enumerate(text_hits, start=1):
        hit = hits.setdefault(pk, Hit(pk, 0.0))
        hit.text_rank = position
        hit.score += 1.0 / (RRF_K + position)
    for position, (pk, similarity) in enumerate(semantic_hits, start=1):
        hit = hits.setdefault(pk, Hit(pk, 0.0))
        hit.semantic_rank = position
        hit.similarity = similarity
        hit.score += 1.0 / (RRF_K + position)
    return sorted(hits.values(), key=lambda h: (-h.score, h.text_rank or 10**9))
