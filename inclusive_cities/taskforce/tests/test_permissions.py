"""Permission matrix: every taskforce view, every role, the exact status."""

import pytest
from django.urls import reverse

from conftest import ROLES

VIEWERS = {"officer", "sponsor", "partner", "facilitator", "admin"}
WRITERS = {"officer", "facilitator", "admin"}
HIDDEN = {"user", "other_officer", "researcher"}  # may not know the place's taskforce exists: 404


def expected(role: str, allowed: set[str]) -> int:
    if role == "anonymous":
        return 302
    if role in allowed:
        return 200
    if role in HIDDEN:
        return 404
    return 403


READ_VIEWS = ["taskforce:home", "taskforce:coverage", "taskforce:meeting_list", "meeting_detail"]
WRITE_VIEWS = [
    "taskforce:organisation_add",
    "organisation_edit",
    "taskforce:member_add",
    "member_edit",
    "taskforce:meeting_add",
    "meeting_edit",
    "taskforce:export",
    "organisation_remove",
    "member_remove",
]


def url_for(name: str, place, org, member, meeting) -> str:
    objects = {
        "organisation_edit": org,
        "organisation_remove": org,
        "member_edit": member,
        "member_remove": member,
        "meeting_detail": meeting,
        "meeting_edit": meeting,
    }
    if name in objects:
        return reverse(f"taskforce:{name}", args=[place.code, objects[name].pk])
    return reverse(name, args=[place.code])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", READ_VIEWS)
def test_read_views(as_role, role, name, place, org, member, meeting):
    response = as_role(role).get(url_for(name, place, org, member, meeting))
    assert response.status_code == expected(role, VIEWERS)
    if role == "anonymous":
        assert "/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", WRITE_VIEWS)
def test_write_views(as_role, role, name, place, org, member, meeting):
    response = as_role(role).get(url_for(name, place, org, member, meeting))
    assert response.status_code == expected(role, WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_write_posts_refused_for_non_writers(as_role, role, place):
    from inclusive_cities.taskforce.models import Organisation

    response = as_role(role).post(
        reverse("taskforce:organisation_add", args=[place.code]), {"name": "Sneaky Ltd", "sector": "business"}
    )
    if role in WRITERS:
        assert response.status_code == 302
        assert Organisation.objects.filter(name="Sneaky Ltd").exists()
    else:
        assert response.status_code == expected(role, WRITERS)
        assert not Organisation.objects.filter(name="Sneaky Ltd").exists()


@pytest.mark.parametrize("role", ROLES)
def test_network_coverage(as_role, role, org):
    response = as_role(role).get(reverse("taskforce:network_coverage"))
    if role == "anonymous":
        assert response.status_code == 302
    elif role in {"facilitator", "admin"}:
        assert response.status_code == 200
        assert "Bristol" in response.content.decode()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_lived_experience_only_for_officers_and_network_staff(as_role, role, place, member):
    client = as_role(role)
    response = client.get(reverse("taskforce:home", args=[place.code]))
    if response.status_code != 200:
        assert role not in VIEWERS
        return
    body = response.content.decode()
    assert "Amina Yusuf" in body
    shown = "Lived experience (with consent)" in body and "consent 1 March 2025" in body
    assert shown == (role in WRITERS)
    coverage = client.get(reverse("taskforce:coverage", args=[place.code])).content.decode()
    assert ('data-sector="lived_experience"' in coverage) == (role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_place_page_section(as_role, role, place, org):
    body = as_role(role).get(place.get_absolute_url()).content.decode()
    assert ('id="taskforce-section"' in body) == (role in VIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_history_of_a_member(as_role, role, member):
    response = as_role(role).get(reverse("core:history", args=["taskforce", "taskforcemember", member.pk]))
    # The audit page answers 404 to anyone who may not read the place's history, the anonymous included.
    assert response.status_code == (200 if role in WRITERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_remove_member_post(as_role, role, place, member):
    from inclusive_cities.taskforce.models import TaskforceMember

    response = as_role(role).post(reverse("taskforce:member_remove", args=[place.code, member.pk]))
    removed = not TaskforceMember.objects.filter(pk=member.pk).exists()
    if role in WRITERS:
        assert response.status_code == 302 and removed
    else:
        assert response.status_code == expected(role, WRITERS) and not removed


@pytest.fixture
def published_plan(place, framework):
    import datetime

    from inclusive_cities.plans.models import ActionPlan, PlanStatus

    return ActionPlan.objects.create(
        place=place,
        title="Bristol plan",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2028, 12, 31),
        framework=framework,
        status=PlanStatus.PUBLISHED,
    )


@pytest.mark.parametrize("role", ROLES)
def test_once_a_plan_is_published_everyone_sees_organisations_but_not_people(
    as_role, role, place, org, member, published_plan
):
    response = as_role(role).get(reverse("taskforce:home", args=[place.code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert org.name in body and "Council department" in body
    assert ("Amina Yusuf" in body) == (role in VIEWERS)
    assert ('id="taskforce-public-section"' in as_role(role).get(place.get_absolute_url()).content.decode()) == (
        role not in VIEWERS
    )
    # Coverage, meetings and export stay with the place's members and network staff.
    assert as_role(role).get(reverse("taskforce:coverage", args=[place.code])).status_code == expected(role, VIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_plan_does_not_make_the_taskforce_public(as_role, role, place, org, published_plan):
    published_plan.status = "draft"
    published_plan.save()
    response = as_role(role).get(reverse("taskforce:home", args=[place.code]))
    assert response.status_code == expected(role, VIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_organisation_object_rule_matches_the_list(make_user, role, place, other_place, org, published_plan):
    from inclusive_cities.taskforce.models import Organisation, Sector

    theirs = Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    user = make_user(role)
    from django.contrib.auth.models import AnonymousUser

    user = user or AnonymousUser()
    assert user.has_perm("taskforce.view_organisation", org)  # Bristol has published a plan
    assert user.has_perm("taskforce.view_organisation", theirs) == (role in {"other_officer", "facilitator", "admin"})
