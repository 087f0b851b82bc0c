"""Permission matrix: every view of newcomers' languages, every role in conftest.ROLES, the exact status code."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.narrative.models import NarrativeStatus
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.publiclanguages.models import NarrativeTranslation, PlaceLanguage, PlanTranslation

from .conftest import AR_PRIORITY, AR_STATEMENT

pytestmark = pytest.mark.django_db

MANAGERS = {"officer", "admin"}


def manage_expected(role: str) -> int:
    if role == "anonymous":
        return 302
    return 200 if role in MANAGERS else 403


def _manage_urls(place, plan):
    return [
        reverse("publiclanguages:manage", args=[place.code]),
        reverse("publiclanguages:plan_edit", args=[place.code, "ar", plan.pk]),
        reverse("publiclanguages:narrative_edit", args=[place.code, "ar"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_management_pages(as_role, place, plan, narrative, offered, role):
    client = as_role(role)
    for url in _manage_urls(place, plan):
        response = client.get(url)
        assert response.status_code == manage_expected(role), url
        if role == "anonymous":
            assert "/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_management_posts_write_only_for_the_places_officers_and_admins(as_role, place, plan, narrative, offered, role):
    client = as_role(role)
    credit = {"translator": "Bristol Translation Service", "translated_on": "2026-03-02"}
    responses = [
        client.post(reverse("publiclanguages:manage", args=[place.code]), {"codes": ["ar", "pl", "uk"]}),
        client.post(
            reverse("publiclanguages:plan_edit", args=[place.code, "ar", plan.pk]),
            {"title": "خطة", "vision": "رؤية", "priority_1": AR_PRIORITY, **credit},
        ),
        client.post(
            reverse("publiclanguages:narrative_edit", args=[place.code, "ar"]), {"statement": AR_STATEMENT, **credit}
        ),
    ]
    allowed = role in MANAGERS
    for response in responses:
        assert response.status_code == (302 if role == "anonymous" or allowed else 403)
    assert PlaceLanguage.objects.filter(place=place, code="uk").exists() is allowed
    assert PlanTranslation.objects.filter(place=place, code="ar").exists() is allowed
    assert NarrativeTranslation.objects.filter(code="ar").exists() is allowed


@pytest.mark.parametrize("role", ROLES)
def test_the_other_places_officer_cannot_manage_bristol_but_manages_their_own(as_role, other_place, role):
    response = as_role(role).get(reverse("publiclanguages:manage", args=[other_place.code]))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in {"other_officer", "admin"} else 403)


@pytest.mark.parametrize("role", ROLES)
def test_unknown_place_or_language_is_not_found_for_managers(as_role, place, plan, narrative, offered, role):
    if role not in MANAGERS:
        return
    client = as_role(role)
    assert client.get(reverse("publiclanguages:manage", args=["X99999999"])).status_code == 404
    for lang in ("xx", "uk"):  # not on the list; on the list but not offered
        assert client.get(reverse("publiclanguages:plan_edit", args=[place.code, lang, plan.pk])).status_code == 404
        assert client.get(reverse("publiclanguages:narrative_edit", args=[place.code, lang])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_translated_pages_are_public_once_published(as_role, place, plan, narrative, plan_ar, narrative_ar, role):
    client = as_role(role)
    response = client.get(reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"]))
    assert response.status_code == 200
    assert AR_PRIORITY in response.content.decode()
    response = client.get(reverse("publiclanguages:narrative", args=[place.code, "ar"]))
    assert response.status_code == 200
    assert AR_STATEMENT in response.content.decode()
    # a language the place offers without a translation, one it does not offer, one not on the list: not found
    for lang in ("pl", "uk", "xx"):
        assert client.get(reverse("publiclanguages:plan", args=[place.code, plan.pk, lang])).status_code == 404
        assert client.get(reverse("publiclanguages:narrative", args=[place.code, lang])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_translated_pages_follow_the_original_out_of_public_view(
    as_role, place, plan, narrative, plan_ar, narrative_ar, framework, role
):
    """A narrative back in draft takes its translations off the public pages (for every role: a translation is
    only of a published text); a draft plan of the place has no translated page even for its members."""
    from inclusive_cities.plans.tests.conftest import make_plan

    narrative.status = NarrativeStatus.DRAFT
    narrative.save()
    draft = make_plan(place, framework, status=PlanStatus.DRAFT, title="A draft")
    client = as_role(role)
    assert client.get(reverse("publiclanguages:narrative", args=[place.code, "ar"])).status_code == 404
    assert client.get(reverse("publiclanguages:plan", args=[place.code, draft.pk, "ar"])).status_code == 404
    # the published plan's translation still stands
    assert client.get(reverse("publiclanguages:plan", args=[place.code, plan.pk, "ar"])).status_code == 200
    assert ActionPlan.objects.count() == 2
