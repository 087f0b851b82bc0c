"""The signed-in page cache: each person's pages apart, and nothing stale after any write."""

import re

from django.core.cache import cache
from django.test import Client

from inclusive_cities.accounts.models import PlaceRoleAssignment
from inclusive_cities.core import pagecache
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.plans.tests.conftest import make_plan

from .test_pagecache import nonce_of

ACCOUNT = "/account/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response, response.content.decode()


def warm(client, url):
    """Requests until the page is served from the cache (the first may set the CSRF cookie, the next stores)."""
    seen = []
    for _ in range(3):
        response, body = get(client, url)
        seen.append(response.get("X-Page-Cache"))
        if seen[-1] == "hit":
            return response, body
    raise AssertionError(f"{url} never served from the cache: {seen}")


def test_a_signed_in_page_is_a_hit_with_a_fresh_nonce(page_cache, place):
    officer = user_with_role("officer", place, full_name="Ada Officer")
    client = signed_in(officer)
    first, first_body = warm(client, "/")
    second, second_body = get(client, "/")
    assert second["X-Page-Cache"] == "hit"
    a, b = nonce_of(first, first_body), nonce_of(second, second_body)
    assert a != b

    # The same page, but for the nonce and the CSRF tokens (masked afresh in each copy: the test below)
    def same(body):
        return re.sub(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"', "TOKEN", body)

    assert same(second_body.replace(b, a)) == same(first_body)
    assert "Ada Officer" in second_body


def test_each_hit_carries_a_freshly_masked_csrf_token_that_still_works(page_cache, place):
    """Django masks the CSRF token afresh in every response (against BREACH-style guessing): a copy from the cache
    does too, and the token it carries is the person's own."""
    from django.middleware.csrf import _unmask_cipher_token

    officer = user_with_role("officer", place)
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    warm(client, ACCOUNT)
    bodies = [get(client, ACCOUNT) for _ in range(2)]
    assert all(response["X-Page-Cache"] == "hit" for response, _body in bodies)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
    first, second = (token.search(body).group(1) for _response, body in bodies)
    assert first != second
    secret = client.cookies["csrftoken"].value
    assert _unmask_cipher_token(first) == _unmask_cipher_token(second) == secret
    assert second not in bodies[0][1] and first not in bodies[1][1]


def test_two_people_same_url_never_get_each_others_page(page_cache, place):
    ada = signed_in(user_with_role("officer", place, full_name="Ada Officer", email="ada@example.org"))
    bea = signed_in(user_with_role("officer", place, full_name="Bea Officer", email="bea@example.org"))
    _, ada_body = warm(ada, ACCOUNT)
    response, bea_body = get(bea, ACCOUNT)
    assert response.get("X-Page-Cache") != "hit"
    assert "bea@example.org" in bea_body and "ada@example.org" not in bea_body
    _, bea_body = warm(bea, ACCOUNT)
    _, ada_body = warm(ada, ACCOUNT)
    assert "ada@example.org" in ada_body and "bea@example.org" not in ada_body
    assert "bea@example.org" in bea_body and "ada@example.org" not in bea_body


def test_an_edit_by_someone_else_is_visible_on_the_next_request(page_cache, place, framework):
    officer = user_with_role("officer", place)
    plan = make_plan(place, framework, title="Bristol inclusion plan")
    url = f"/places/{place.code}/plans/{plan.pk}/dashboard/"
    client = signed_in(officer)
    warm(client, url)
    plan.title = "Bristol plan retitled by a colleague"
    plan.save()  # another person's edit: no request of this viewer's in between
    response, body = get(client, url)
    assert response.get("X-Page-Cache") != "hit"
    assert "Bristol plan retitled by a colleague" in body


def test_a_bulk_update_by_someone_else_is_visible_too(page_cache, place, framework):
    officer = user_with_role("officer", place)
    plan = make_plan(place, framework)
    url = f"/places/{place.code}/plans/{plan.pk}/dashboard/"
    client = signed_in(officer)
    warm(client, url)
    type(plan).objects.filter(pk=plan.pk).update(title="Retitled without signals")
    _, body = get(client, url)
    assert "Retitled without signals" in body


def test_a_role_removed_is_seen_at_once(page_cache, place, framework):
    officer = user_with_role("officer", place)
    plan = make_plan(place, framework)
    url = f"/places/{place.code}/plans/{plan.pk}/dashboard/"
    client = signed_in(officer)
    warm(client, url)
    PlaceRoleAssignment.objects.filter(user=officer, place=place).delete()
    response = client.get(url)
    assert response.status_code in (403, 404)
    assert response.get("X-Page-Cache") != "hit"


def test_a_deactivated_account_is_signed_out_at_once(page_cache, place):
    officer = user_with_role("officer", place, full_name="Ada Officer")
    client = signed_in(officer)
    warm(client, ACCOUNT)
    officer.is_active = False
    officer.save()
    response = client.get(ACCOUNT)
    assert response.status_code == 302 and "sign-in" in response["Location"]


def test_a_flash_message_shows_once_and_its_page_is_not_cached(page_cache, place):
    officer = user_with_role("officer", place, full_name="Ada Officer")
    client = signed_in(officer)
    warm(client, ACCOUNT)
    response = client.post(ACCOUNT, {"full_name": "Ada Renamed", "job_title": "Officer"}, follow=True)
    body = response.content.decode()
    assert "Your details have been saved." in body and "Ada Renamed" in body
    assert response.get("X-Page-Cache") is None  # rendered with the message, never stored
    again, again_body = get(client, ACCOUNT)
    assert "Your details have been saved." not in again_body
    assert "Ada Renamed" in again_body
    _, body = warm(client, ACCOUNT)
    assert "Your details have been saved." not in body
    assert not [k for k, v in cache._cache.items() if b"Your details have been saved." in v]  # noqa: SLF001


def test_sign_out_then_in_as_another_never_shows_the_first_persons_page(page_cache, place):
    ada = user_with_role("officer", place, full_name="Ada Officer", email="ada@example.org", password="pw-Ada-12345!")
    bea = user_with_role("officer", place, full_name="Bea Officer", email="bea@example.org", password="pw-Bea-12345!")
    client = Client()
    signed = client.post("/account/sign-in/", {"username": "ada@example.org", "password": "pw-Ada-12345!"})
    assert signed.status_code == 302
    _, body = warm(client, ACCOUNT)
    assert "ada@example.org" in body
    client.post("/account/sign-out/")
    signed = client.post("/account/sign-in/", {"username": "bea@example.org", "password": "pw-Bea-12345!"})
    assert signed.status_code == 302
    for _ in range(3):
        _, body = get(client, ACCOUNT)
        assert "bea@example.org" in body and "ada@example.org" not in body
        assert "Ada Officer" not in body
    assert ada.pk != bea.pk


def test_the_same_person_on_another_language_or_session_gets_their_own_copy(page_cache, place):
    officer = user_with_role("officer", place, full_name="Ada Officer")
    one, two = signed_in(officer), signed_in(officer)
    warm(one, "/")
    response, _ = get(two, "/")
    assert response.get("X-Page-Cache") != "hit"  # another session: another key (its CSRF secret, its messages)
    response, _ = get(one, "/cy/")
    assert response.get("X-Page-Cache") != "hit"


def test_pages_are_not_cached_when_the_cache_is_off(place, settings):
    settings.PAGE_CACHE = False
    client = signed_in(user_with_role("officer", place))
    for _ in range(3):
        response, _ = get(client, "/")
        assert response.get("X-Page-Cache") is None


def test_a_write_to_the_task_queue_changes_the_private_version_only(page_cache, db):
    public, private = pagecache.content_version(), pagecache.private_version()
    assert pagecache._private_write('UPDATE "django_tasks_database_dbtaskresult" SET "status" = %s')
    assert not pagecache._private_write('UPDATE "django_session" SET "session_data" = %s')
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('UPDATE "axes_accessattempt" SET "failures_since_start" = 0 WHERE 1 = 0')
    assert pagecache.private_version() != private
    assert pagecache.content_version() == public
