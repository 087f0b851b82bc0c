"""The read API's limits: page numbers and sizes in range, search text capped, per-client throttles."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/places/", "/api/v1/indicators/", "/api/v1/plans/"]


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("query", ["page=0", "page_size=0", "page=x", "page_size=-3", "page_size=999999"])
def test_out_of_range_pages_are_a_400_naming_the_parameter(client, place, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_page_past_the_end_is_a_404(client, place):
    assert client.get("/api/v1/places/?page=999").status_code == 404


@pytest.mark.parametrize("url", ["/api/v1/places/?q=", "/api/v1/indicators/?q=", "/api/v1/evidence/search/?q="])
def test_long_search_text_is_a_400_not_a_500(client, place, url):
    response = client.get(url + "x" * 60000)
    assert response.status_code == 400
    assert "too long" in response.content.decode() or "no more than" in response.content.decode()


@override_settings(API_THROTTLE_ANON="3/min")
def test_anonymous_clients_are_throttled_per_address(place):
    client = Client()
    for _ in range(3):
        assert client.get("/api/v1/places/", REMOTE_ADDR="10.2.0.1").status_code == 200
    refused = client.get("/api/v1/places/", REMOTE_ADDR="10.2.0.1")
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert client.get("/api/v1/places/", REMOTE_ADDR="10.2.0.2").status_code == 200


@override_settings(API_THROTTLE_USER="2/min", API_THROTTLE_ANON="100/min")
def test_signed_in_clients_are_throttled_per_account(as_role):
    client = as_role("officer")
    for _ in range(2):
        assert client.get("/api/v1/places/").status_code == 200
    assert client.get("/api/v1/places/").status_code == 429


def test_every_page_has_a_content_security_policy(client, place):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    # Every inline script on the page carries the nonce, so the browser runs it.
    html = response.content.decode()
    assert html.count("<script") == html.count(f'nonce="{nonce}"') + html.count('<script type="module" src=')


@pytest.mark.parametrize("url", ["/api/v1/convenings/?programme=", "/api/v1/places/?q=", "/api/v1/plans/?place="])
def test_a_null_character_is_a_400_naming_the_parameter_not_a_500(client, place, url):
    # PostgreSQL refuses NUL in text: found by the schemathesis run on PostgreSQL.
    response = client.get(url + "E06%00")
    assert response.status_code == 400
    assert "null character" in response.content.decode()
