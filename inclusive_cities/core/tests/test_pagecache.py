"""The anonymous page cache: a hit until anything shown changes, and never one person's page for another."""

import pickle
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client

from inclusive_cities.core import pagecache
from inclusive_cities.network.models import Place
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

PLACE_URL = "/places/E06000023/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


NONCE_IN_BODY = re.compile(r'nonce="([^"]+)"')
NONCE_IN_HEADER = re.compile(r"'nonce-([^']+)'")


def nonce_of(response, body):
    """The response's CSP nonce: every nonce in the body is the one its header allows."""
    in_body = set(NONCE_IN_BODY.findall(body))
    in_header = set(NONCE_IN_HEADER.findall(response["Content-Security-Policy"]))
    assert len(in_body) == 1 and in_body == in_header, (in_body, in_header)
    return in_body.pop()


def test_second_anonymous_request_is_a_hit_and_the_same_bytes_but_the_nonce(page_cache, place):
    first, first_body = get(Client(), PLACE_URL)
    second, second_body = get(Client(), PLACE_URL)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    a, b = nonce_of(first, first_body), nonce_of(second, second_body)
    assert a != b
    assert second_body.replace(b, a) == first_body
    assert int(second["Content-Length"]) == len(second.content)


def test_each_cached_copy_gets_its_own_nonce_matching_its_header(page_cache, place):
    """Anonymous visitors of a cached page never share a nonce (a nonce seen once must not unlock later copies),
    and the stored copy holds none that was ever served."""
    responses = [get(Client(), PLACE_URL) for _ in range(4)]
    assert [r["X-Page-Cache"] for r, _b in responses] == ["miss", "hit", "hit", "hit"]
    nonces = [nonce_of(r, body) for r, body in responses]
    assert len(set(nonces)) == 4
    bodies = {body.replace(nonce, "N") for (_r, body), nonce in zip(responses, nonces, strict=True)}
    assert len(bodies) == 1  # otherwise the same page
    stored = [v for k, v in cache._cache.items() if k.startswith(":1:ic:page:")]  # noqa: SLF001 - the stored bytes
    assert stored and not any(nonce.encode() in raw for raw in stored for nonce in nonces)


def test_an_edit_is_visible_on_the_next_request(page_cache, place):
    get(Client(), PLACE_URL)
    place.name = "Bristol renamed by an edit"
    place.save()
    response, body = get(Client(), PLACE_URL)
    assert response["X-Page-Cache"] == "miss"
    assert "Bristol renamed by an edit" in body


def test_a_bulk_update_without_signals_is_visible_on_the_next_request(page_cache, place):
    get(Client(), PLACE_URL)
    Place.objects.filter(pk=place.pk).update(name="Bristol bulk-renamed")
    _, body = get(Client(), PLACE_URL)
    assert "Bristol bulk-renamed" in body


def test_raw_sql_import_is_visible_on_the_next_request(page_cache, place):
    get(Client(), PLACE_URL)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Place._meta.db_table} SET name = %s WHERE id = %s", ["Bristol by raw SQL", place.pk])
    _, body = get(Client(), PLACE_URL)
    assert "Bristol by raw SQL" in body


def test_publication_is_visible_on_the_next_request(page_cache, place, framework):
    plan = make_plan(place, framework, status=PlanStatus.SIGNED_OFF, title="Plan cached before publication")
    url = f"/places/{place.code}/plans/current/"
    before = Client().get(url)
    assert "Plan cached before publication" not in before.content.decode()
    Client().get(url)  # now cached
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    _, body = get(Client(), url)
    assert "Plan cached before publication" in body


def test_a_signed_in_person_never_gets_the_anonymous_copy(page_cache, place, make_user):
    get(Client(), PLACE_URL)
    get(Client(), PLACE_URL)  # cached for anonymous visitors
    officer = make_user("officer")
    client = Client()
    client.force_login(officer)
    for _ in range(2):
        # Their own page (the signed-in cache keeps it apart, `test_signed_in_cache.py`), never the anonymous copy.
        response, body = get(client, PLACE_URL)
        assert "Sign out" in body and officer.display_name in body


def test_an_anonymous_visitor_never_gets_a_signed_in_page(page_cache, place, make_user):
    officer = make_user("officer")
    signed_in = Client()
    signed_in.force_login(officer)
    get(signed_in, PLACE_URL)
    response, body = get(Client(), PLACE_URL)
    assert response["X-Page-Cache"] == "miss"
    assert officer.email not in body
    assert "Sign out" not in body


def test_pages_with_a_form_token_or_a_cookie_are_not_stored(page_cache, db):
    first = Client().get("/account/sign-in/")
    second = Client().get("/account/sign-in/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second


def test_writes_to_sessions_and_the_task_queue_do_not_change_the_version(page_cache, db):
    version = pagecache.content_version()
    assert pagecache._written_table('INSERT INTO "django_session" ("session_key") VALUES (%s)') is None
    assert pagecache._written_table('UPDATE "django_tasks_db_dbtaskresult" SET "status" = %s') is None
    # a PDF prepared in the background records the version it was made at: saving it must not change it
    assert pagecache._written_table('UPDATE "network_reportfile" SET "state" = %s') is None
    assert pagecache._written_table('INSERT INTO "plans_action" ("title") VALUES (%s)') == "plans_action"
    assert pagecache._written_table('DELETE FROM "data_observation" WHERE 1') == "data_observation"
    assert pagecache.content_version() == version


def test_the_write_watch_is_installed_once_per_connection_however_often_it_reconnects(db):
    from django.db import connections

    conn = connections["default"]
    before = len(conn.execute_wrappers)
    for _ in range(3):
        pagecache.install_write_watch(sender=None, connection=conn)
    assert len(conn.execute_wrappers) == before


@pytest.mark.django_db(transaction=True)
def test_each_apps_tables_have_their_own_version(place):
    """A write changes the version of the app whose table it touches (history and link tables included), and no
    other app's: what `memoized_on` keys on."""
    from django.db import transaction

    from inclusive_cities.core.pagecache import app_versions

    before = app_versions(("network", "plans", "taskforce"))
    Place.objects.filter(pk=place.pk).update(name="Bristol, renamed")
    after = app_versions(("network", "plans", "taskforce"))
    assert after[0] != before[0] and after[1:] == before[1:]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE plans_actionplan SET title = title WHERE 1 = 0")
        inside = app_versions(("plans", "taskforce"))
    assert inside[0] != after[1] and inside[1] == after[2]
    assert app_versions(("plans",))[0] != inside[0]  # bumped again when the transaction committed
    # a transaction that rolls back does not stop the next one's bump after commit
    try:
        with transaction.atomic():
            Place.objects.filter(pk=place.pk).update(name="Rolled back")
            raise RuntimeError
    except RuntimeError:
        pass
    with transaction.atomic():
        Place.objects.filter(pk=place.pk).update(name="Bristol")
        during = app_versions(("network",))
    assert app_versions(("network",)) != during


def test_a_published_plan_pdf_is_cached_for_anonymous_visitors_until_the_plan_changes(page_cache, place, framework):
    plan = make_plan(place, framework, status=PlanStatus.PUBLISHED, title="Plan in a PDF")
    url = f"/places/{place.code}/plans/{plan.pk}/pdf/plan/"
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    ActionPlan.objects.filter(pk=plan.pk).update(title="Plan in a PDF, renamed")
    third = Client().get(url)
    assert third.status_code == 200 and third["X-Page-Cache"] == "miss"
    assert third.content != first.content and third.content[:5] == b"%PDF-"


def test_an_api_answer_is_stored_as_its_bytes_and_headers_and_served_the_same(page_cache, place):
    """A DRF answer is stored as a plain response (its bytes and headers), not with the rows it was rendered from."""
    url = f"/api/v1/places/?code={place.code}"
    first, second = Client().get(url), Client().get(url)
    assert first.status_code == second.status_code == 200
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content and place.code.encode() in second.content
    assert set(second.headers) == set(first.headers)
    for header in set(first.headers) - {"X-Page-Cache", "Content-Security-Policy", "Vary"}:
        assert second[header] == first[header], header
    assert set(second["Vary"].split(", ")) == set(first["Vary"].split(", ")) >= {"Cookie", "Accept"}
    stored = [pickle.loads(v) for k, v in cache._cache.items() if k.startswith(":1:ic:page:")]  # noqa: S301, SLF001
    assert len(stored) == 1
    assert type(stored[0]["response"]) is HttpResponse and not hasattr(stored[0]["response"], "data")
