"""The search's ranking is kept until what it reads changes (`selectors._ranked`): a write elsewhere (an import's
record) keeps it, a new case study is ranked on the very next search, and one viewer's hits are never another's."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from inclusive_cities.data.models import Import

QUERY = "weekly conversation sessions in a library"


def _ranking(queries) -> list[str]:
    """The queries that rank by words: SQLite's FTS5 table or PostgreSQL's tsvector column."""
    return [q["sql"] for q in queries.captured_queries if "evidence_casestudy_fts" in q["sql"] or "@@" in q["sql"]]


def _search(client) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/evidence/", {"q": QUERY})
    assert response.status_code == 200
    return response.content.decode(), _ranking(queries)


def test_a_write_elsewhere_keeps_the_ranking_and_a_new_case_study_is_found_next(make_case_study):
    first = make_case_study("published", title="Library conversation cafe").get_absolute_url()
    html, ranked = _search(Client())
    assert first in html and ranked

    Import.objects.create(importer="ons_mye", file_name="a.csv", sha256="x" * 64)  # another app's table
    html, ranked = _search(Client())
    assert first in html
    assert not ranked

    second = make_case_study("published", title="Conversation sessions at the central library").get_absolute_url()
    html, ranked = _search(Client())
    assert first in html and second in html and ranked


def test_an_officer_s_draft_found_by_their_search_is_never_in_another_viewer_s(make_case_study, contributor):
    draft = make_case_study("draft", title="Our library conversation draft").get_absolute_url()
    officer = Client()
    officer.force_login(contributor)
    html, _ = _search(officer)
    assert draft in html
    html, ranked = _search(Client())
    assert draft not in html and ranked
