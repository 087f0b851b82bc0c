"""Anonymous PDF renders are limited per client address (core.pdf.anonymous_limit); copies from the page cache
and signed-in people are not counted."""

import pytest
from django.core.cache import cache
from django.test import Client

from inclusive_cities.plans.models import PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan


@pytest.fixture
def plan(place, framework):
    return make_plan(place, framework, status=PlanStatus.PUBLISHED)


def pdf_url(plan, kind="plan") -> str:
    return f"/places/{plan.place.code}/plans/{plan.pk}/pdf/{kind}/"


def test_the_default_is_20_in_10_minutes():
    from config.settings import base

    assert base.ANONYMOUS_PDF_RATE == "20/10m"


def test_the_21st_anonymous_render_is_refused_with_when_to_retry_and_the_web_page(settings, plan):
    settings.ANONYMOUS_PDF_RATE = "20/10m"
    client = Client()
    for n in range(20):
        response = client.get(pdf_url(plan, "plan" if n % 2 else "progress"))  # one count for every PDF view
        assert response.status_code == 200, n
    refused = client.get(pdf_url(plan))
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 600
    page = refused.content.decode()
    assert "<title>Too many PDFs asked for" in page and 'class="govuk-header' in page  # the site's layout
    minutes = -(-int(refused["Retry-After"]) // 60)
    assert f"Try again in {minutes} minute" in page
    assert f'href="{plan.get_absolute_url()}" id="pdf-limit-page"' in page
    # the progress report sends back to the dashboard, where the same figures are
    refused = client.get(pdf_url(plan, "progress"))
    assert refused.status_code == 429 and f"/plans/{plan.pk}/dashboard/" in refused.content.decode()
    # another address is not held back by this one
    assert Client(REMOTE_ADDR="192.0.2.7").get(pdf_url(plan)).status_code == 200


def test_a_signed_in_officer_is_not_limited(settings, plan, make_user):
    settings.ANONYMOUS_PDF_RATE = "2/10m"
    officer = Client()
    officer.force_login(make_user("officer"))
    assert [officer.get(pdf_url(plan)).status_code for _ in range(4)] == [200] * 4
    assert [Client().get(pdf_url(plan)).status_code for _ in range(3)] == [200, 200, 429]


def test_copies_from_the_page_cache_are_not_counted(settings, plan):
    settings.ANONYMOUS_PDF_RATE = "20/10m"
    settings.PAGE_CACHE = True
    cache.clear()
    responses = [Client().get(pdf_url(plan)) for _ in range(30)]
    assert [r.status_code for r in responses] == [200] * 30
    assert [r["X-Page-Cache"] for r in responses].count("miss") == 1
    assert len({r.content for r in responses}) == 1
