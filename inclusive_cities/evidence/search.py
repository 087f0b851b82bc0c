"""Search over case studies: full-text with ranking (SQLite FTS5 + bm25; PostgreSQL a weighted tsvector column,
ts_rank times inverse document frequency), semantic similarity with a small static embedding model, and hybrid ranking by reciprocal rank fusion.

Everything here ranks ids among candidates: a queryset from selectors.py that carries visibility and filters, so
search never shows what the list would not.
"""

import math
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.db import connection
from django.db.models import Max

from inclusive_cities.core.translated import writing_content

MODEL_DIR = Path(__file__).resolve().parent / "data" / "minilm-m2v-256"
MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
FTS_TABLE = "evidence_casestudy_fts"
RRF_K = 60
# Below this cosine similarity a case study is not shown as "similar in meaning" (measured on the query set:
# the expected case study scored 0.40 or more for every query, nonsense and off-topic queries 0.1-0.34).
MIN_SIMILARITY = 0.38
SEMANTIC_POOL = 50
# How many of the most similar are checked against visibility and filters: with 10,000 case studies, 500 keeps a
# search under 20 ms; a very narrow filter may then get only full-text matches, which always cover it.
SHORTLIST = 500

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
    our ours out over own same she should so some such than that the their theirs them then there these they this
    those through to too under until up very was we were what when where which while who whom why will with would
    you your yours help helping people want wants way ways get getting""".split()
)


# Sector words that everyday words stand for: a plan says "English classes for refugees", the evidence says "ESOL".
GLOSSARY = {
    "ESOL": re.compile(
        r"\b(?:english|language)\s+(?:classes|class|lessons|courses|course|provision|tuition)\b|\blearn(?:ing)?\s+english\b",
        re.IGNORECASE,
    ),
}


def with_glossary(text: str) -> str:
    """The text with the sector's own word for what it describes put first (before any cut to the query length)."""
    extra = [term for term, pattern in GLOSSARY.items() if pattern.search(text) and term.lower() not in text.lower()]
    return " ".join([*extra, text])


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
    """Write (or rewrite) the full-text index of these case studies: SQLite's FTS5 rows, PostgreSQL's weighted
    tsvector column (both created by migrations)."""
    with writing_content():  # the English title and summary, whatever the page's language (core/translated.py)
        rows = [(cs.pk, cs.title, f"{cs.place_name} {cs.country}", cs.summary, _extra_text(cs)) for cs in case_studies]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE evidence_casestudy SET search_vector = setweight(to_tsvector('english', %s), 'A') || "
                "setweight(to_tsvector('english', %s), 'B') || setweight(to_tsvector('english', %s), 'C') || "
                "setweight(to_tsvector('english', %s), 'D') WHERE id = %s",
                [(*r[1:], r[0]) for r in rows],
            )
        return
    if connection.vendor != "sqlite" or not fts_available():
        return
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


def fts_rank(terms: list[str], candidates=None, *, limit: int = 200) -> list[tuple[int, float]]:
    """(id, score) best first, at most `limit`; any term may match (OR), bm25 weighs rare words and the title most.

    `candidates` is a CaseStudy queryset (visibility and filters); it is applied inside the database.
    """
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _pg_rank(terms, candidates, limit)
    if connection.vendor != "sqlite" or not fts_available():
        return []
    # Each term is a quoted FTS5 string (only \w characters survive query_terms), so no syntax can be injected.
    match = " OR ".join(f'"{t}"' for t in terms)
    # MATERIALIZED keeps SQLite from pushing the candidate filter into the FTS5 scan (which made it 100x slower).
    sql = (
        "WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(evidence_casestudy_fts, 8.0, 2.0, 1.0, 0.5) AS score "
        "FROM evidence_casestudy_fts WHERE evidence_casestudy_fts MATCH %s) SELECT id, score FROM m"
    )
    params: list = [match]
    if candidates is not None:
        sub_sql, sub_params = candidates_sql(candidates)
        sql += " WHERE id IN (" + sub_sql + ")"
        params.extend(sub_params)
    sql += " ORDER BY score LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # bm25() is lower-is-better and negative; turn it into a positive score.
    return [(pk, -score) for pk, score in rows]


# Field weights as SQLite's bm25(evidence_casestudy_fts, 8.0, 2.0, 1.0, 0.5): title, place, summary, the rest.
PG_FIELD_WEIGHTS = {"A": 8.0, "B": 2.0, "C": 1.0, "D": 0.5}
BM25_K1, BM25_B = 1.2, 0.75
# ts_rank's weights for {D, C, B, A}, in the same proportions, for the first cut in the database.
PG_WEIGHTS = "{" + ", ".join(str(PG_FIELD_WEIGHTS[w] / PG_FIELD_WEIGHTS["A"]) for w in "DCBA") + "}"


PG_PREFILTER = 300  # the best this many by ts_rank (in the database) are scored by bm25 (in Python)
_pg_cache: dict = {"version": None, "terms": {}}


def _pg_frequencies(terms: list[str]) -> tuple[int, list[tuple[str, int]]]:
    """The number of indexed case studies, and each term's stemmed lexeme with the number of case studies that
    contain it. Remembered until a case study is added, changed or removed (counting a common word takes tens of
    milliseconds over 10,000 case studies; the version check takes one)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), max(updated_at) FROM evidence_casestudy")
        version = cursor.fetchone()
        if _pg_cache["version"] != version:
            _pg_cache.update(version=version, terms={})
        known = _pg_cache["terms"]
        missing = [term for term in terms if term not in known]
        if missing:
            one = (
                "SELECT %s, plainto_tsquery('english', %s)::text, (SELECT count(*) FROM evidence_casestudy "
                "WHERE search_vector @@ plainto_tsquery('english', %s))"
            )
            cursor.execute(
                " UNION ALL ".join(one for _ in missing),
                [value for term in missing for value in (term, term, term)],
            )
            for term, lexeme, df in cursor.fetchall():
                known[term] = ((lexeme or "").strip("'"), df)
    return version[0], [known[term] for term in terms]


def candidates_sql(candidates) -> tuple[str, tuple]:
    """The SQL and parameters that select the candidates' ids, to filter a ranking query by (and to key its result
    on: who may see what and which filters apply are all in it)."""
    return candidates.order_by().values("pk").query.sql_with_params()


def _pg_rank(terms: list[str], candidates, limit: int) -> list[tuple[int, float]]:
    """bm25 on PostgreSQL, computed as SQLite's FTS5 does it, so both databases rank alike.

    The database finds the matching case studies through the GIN index on the weighted tsvector column and keeps
    the best PG_PREFILTER by ts_rank; their vectors then give each term's
    weighted frequency (title 8, place 2, summary 1, the rest 0.5) and the length, and
    score = sum over terms of idf x f(k1 + 1) / (f + k1(1 - b + b x length / average length)).
    """
    tsquery = "plainto_tsquery('english', %s)"
    total, frequencies = _pg_frequencies(terms)
    lexemes: dict[str, float] = {}  # stemmed lexeme -> idf
    for lexeme, df in frequencies:
        if df and lexeme and " " not in lexeme and "'" not in lexeme:
            lexemes[lexeme] = math.log((total - df + 0.5) / (df + 0.5) + 1)
    if not lexemes:
        return []
    match = " || ".join(f"{tsquery}" for _ in lexemes)
    prerank = f"ts_rank('{PG_WEIGHTS}', search_vector, {match}, 1)"
    sql = f"SELECT id, search_vector FROM evidence_casestudy WHERE search_vector @@ ({match})"  # noqa: S608
    params: list = list(lexemes)
    if candidates is not None:
        sub_sql, sub_params = candidates_sql(candidates)
        sql += " AND id IN (" + sub_sql + ")"
        params.extend(sub_params)
    sql += f" ORDER BY {prerank} DESC LIMIT %s"
    params += [*lexemes, PG_PREFILTER]
    # Only the kept rows are turned into text (an outer query, or PostgreSQL would convert every match).
    sql = f"SELECT id, search_vector::text FROM ({sql}) AS best"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return []
    wanted = re.compile("'(" + "|".join(re.escape(lexeme) for lexeme in lexemes) + r")':([0-9A-D,]+)")
    docs = []
    for pk, vector in rows:
        freq = dict.fromkeys(lexemes, 0.0)
        for lexeme, positions in wanted.findall(vector):
            freq[lexeme] = sum(PG_FIELD_WEIGHTS.get(p[-1], PG_FIELD_WEIGHTS["D"]) for p in positions.split(","))
        # Positions: one per entry ("'word':3A,9" entries are space-separated) plus one per comma.
        docs.append((pk, vector.count(" ") + 1 + vector.count(","), freq))
    average = sum(length for _pk, length, _f in docs) / len(docs) or 1.0
    scored = []
    for pk, length, freq in docs:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
        score = sum(idf * f * (BM25_K1 + 1) / (f + norm) for lexeme, idf in lexemes.items() if (f := freq[lexeme]))
        scored.append((pk, score))
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:limit]


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
    # Three cheap queries (count, and two MAX over indexed columns) tell whether anything changed.
    key = (
        connection.alias,
        connection.settings_dict.get("NAME"),
        CaseStudy.objects.count(),
        CaseStudy.objects.aggregate(m=Max("updated_at"))["m"],
        CaseStudy.objects.aggregate(m=Max("id"))["m"],
    )
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
    text: str, candidates=None, *, pool: int = SEMANTIC_POOL, min_similarity=MIN_SIMILARITY
) -> list[tuple[int, float]]:
    """(id, cosine similarity) best first, at most `pool`, only above `min_similarity`.

    Scores every stored embedding (one matrix product), then keeps those in `candidates` (a queryset) by asking
    the database about the few hundred most similar only.
    """
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
    similarity = matrix.vectors @ query[0]
    above = np.flatnonzero(similarity >= min_similarity)
    if not len(above):
        return []
    shortlist = above[np.argsort(-similarity[above])][:SHORTLIST]
    ids = [int(matrix.ids[i]) for i in shortlist]
    if candidates is not None:
        allowed = set(candidates.filter(pk__in=ids).values_list("pk", flat=True))
        shortlist = [i for i, pk in zip(shortlist, ids, strict=True) if pk in allowed]
    return [(int(matrix.ids[i]), float(similarity[i])) for i in shortlist[:pool]]


# --- hybrid ----------------------------------------------------------------------------------------------------


@dataclass
class Hit:
    pk: int
    score: float
    text_rank: int | None = None
    semantic_rank: int | None = None
    similarity: float | None = None


def rank(text: str, candidates=None, *, mode: str = "hybrid", limit: int = 200) -> list[Hit]:
    """Rank case studies (a queryset of candidates) for a query. mode: "hybrid" (reciprocal rank fusion of the
    full-text and semantic rankings), "text" or "semantic"."""
    terms = query_terms(text)
    text_hits = fts_rank(terms, candidates, limit=limit) if mode in {"hybrid", "text"} else []
    semantic_hits = semantic_rank(text, candidates) if mode in {"hybrid", "semantic"} and terms else []
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
