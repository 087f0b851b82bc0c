"""Cohorts and members: services with the network's rules, the pages, permissions, and every network page."""

import pytest
from django.core.exceptions import ValidationError

from conftest import ROLES
from inclusive_cities.network import services
from inclusive_cities.network.models import Cohort, Membership, Place, Programme
from inclusive_cities.network.selectors import network_member_places

pytestmark = pytest.mark.django_db

LEEDS = "E08000035"


@pytest.fixture
def loaded(db):
    services.places_load()
    services.network_load()


@pytest.fixture
def programme(loaded):
    return Programme.objects.get(code="inclusive-cities")


@pytest.fixture
def cohort(programme):
    return services.cohort_create(programme=programme, name="Phase three", start_year=2026, end_year=2028, by=None)


def test_create_cohort_and_add_leeds_makes_it_followed(cohort):
    leeds = Place.objects.get(code=LEEDS)
    assert leeds not in network_member_places()
    m = services.membership_add(
        cohort=cohort, place=leeds, by=None, kind="associate", joined_year=2026, hosting_department="Communities"
    )
    assert m.kind == "associate" and leeds in network_member_places()
    services.membership_leave(membership=m, left_year=2027, reason="Council restructure", by=None)
    assert leeds not in network_member_places()
    assert [h.history_type for h in Membership.history.filter(id=m.pk).order_by("history_date")] == ["+", "~"]
    pk = m.pk
    services.membership_remove(membership=m, by=None)
    assert Membership.history.filter(id=pk).latest("history_date").history_type == "-"


def test_membership_rules(cohort, programme):
    leeds = Place.objects.get(code=LEEDS)
    services.membership_add(cohort=cohort, place=leeds, by=None)
    with pytest.raises(ValidationError, match="already a member"):
        services.membership_add(cohort=cohort, place=leeds, by=None)
    former = Place.objects.filter(is_current=False).first()
    with pytest.raises(ValidationError, match="former council"):
        services.membership_add(cohort=cohort, place=former, by=None)
    with pytest.raises(ValidationError, match="outside the cohort"):
        services.membership_add(cohort=cohort, place=Place.objects.get(code="E08000026"), by=None, joined_year=2020)
    with pytest.raises(ValidationError, match="not a kind"):
        services.membership_add(cohort=cohort, place=Place.objects.get(code="E08000026"), by=None, kind="vip")
    with pytest.raises(ValidationError, match="already has a cohort"):
        services.cohort_create(programme=programme, name="phase THREE", by=None)
    with pytest.raises(ValidationError, match="cannot end before"):
        services.cohort_create(programme=programme, name="Backwards", start_year=2028, end_year=2026, by=None)
    m = Membership.objects.get(cohort=cohort, place=leeds)
    with pytest.raises(ValidationError, match="why"):
        services.membership_leave(membership=m, left_year=2027, reason="  ", by=None)
    assert Membership.objects.get(pk=m.pk).left_year is None  # nothing half-written


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_membership_pages(as_role, role, cohort):
    client = as_role(role)
    leeds = Place.objects.get(code=LEEDS)
    m = services.membership_add(cohort=cohort, place=Place.objects.get(code="E08000026"), by=None)
    allowed = role in ("facilitator", "admin")
    urls = [
        "/network/programmes/inclusive-cities/cohorts/new/",
        f"/network/cohorts/{cohort.code}/members/new/",
        f"/places/{LEEDS}/join/",
        f"/network/memberships/{m.pk}/leave/",
        f"/network/memberships/{m.pk}/remove/",
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "sign-in" in response["Location"]
        else:
            assert response.status_code == (200 if allowed else 404), url
    response = client.post(
        f"/network/cohorts/{cohort.code}/members/new/", {"place": LEEDS, "kind": "full", "joined_year": "2026"}
    )
    assert Membership.objects.filter(cohort=cohort, place=leeds).exists() == allowed
    response = client.post(f"/network/memberships/{m.pk}/remove/")
    assert Membership.objects.filter(pk=m.pk).exists() == (not allowed)
    page = client.get(f"/places/{LEEDS}/").content.decode()
    assert ('id="join-programme"' in page) == allowed
    assert response.status_code in (302, 404)


def test_forms_name_the_problem(as_role, cohort):
    client = as_role("facilitator")
    page = client.post(f"/network/cohorts/{cohort.code}/members/new/", {"place": "ZZ999", "kind": "full"})
    assert "Choose a current council from the list." in page.content.decode()
    page = client.post("/network/programmes/inclusive-cities/cohorts/new/", {"name": "", "start_year": "abc"})
    body = page.content.decode()
    assert "govuk-error-summary" in body and Cohort.objects.filter(name="").count() == 0
    hostile = "<script>alert(1)</script>"
    client.post("/network/programmes/inclusive-cities/cohorts/new/", {"name": hostile, "description": "x" * 50})
    created = Cohort.objects.get(name=hostile)
    assert "<script>alert(1)</script>" not in client.get(created.get_absolute_url()).content.decode()
    services.membership_add(cohort=cohort, place=Place.objects.get(code=LEEDS), by=None)
    page = client.post(f"/places/{LEEDS}/join/", {"cohort": cohort.code, "kind": "full"})
    assert "already a member" in page.content.decode()


def test_cohort_page_shows_the_places_officer_and_sponsor(as_role, cohort):
    from inclusive_cities.core.factories import user_with_role

    leeds = Place.objects.get(code=LEEDS)
    services.membership_add(cohort=cohort, place=leeds, by=None)
    officer = user_with_role("officer", place=leeds)
    page = as_role("facilitator").get(cohort.get_absolute_url()).content.decode()
    assert officer.display_name in page
