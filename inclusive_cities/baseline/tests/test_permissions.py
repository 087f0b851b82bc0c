"""Permission matrix: every baseline view, every role, the exact status."""

import pytest
from django.urls import reverse

from conftest import ROLES

VIEWERS = {"officer", "sponsor", "partner", "facilitator", "admin"}
WRITERS = {"officer", "facilitator", "admin"}
HIDDEN = {"user", "other_officer", "researcher"}


def expected(role: str, allowed: set[str]) -> int:
    if role == "anonymous":
        return 302
    if role in allowed:
        return 200
    return 404 if role in HIDDEN else 403


def url(name, place, activity):
    if name in {"activity_detail", "activity_edit", "activity_remove"}:
        return reverse(f"baseline:{name}", args=[place.code, activity.pk])
    return reverse(f"baseline:{name}", args=[place.code])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["home", "activity_detail"])
def test_read_views(as_role, role, name, place, activity):
    response = as_role(role).get(url(name, place, activity))
    assert response.status_code == expected(role, VIEWERS)
    if role == "anonymous":
        assert "/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["activity_add", "activity_edit", "activity_remove", "export"])
def test_write_and_export_views(as_role, role, name, place, activity):
    assert as_role(role).get(url(name, place, activity)).status_code == expected(role, WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_post_edit_refused_for_non_writers(as_role, role, place, activity):
    response = as_role(role).post(
        url("activity_edit", place, activity), {"what": "Changed", "lead_text": "X", "status": "ongoing"}
    )
    activity.refresh_from_db()
    if role in WRITERS:
        assert response.status_code == 302 and activity.what == "Changed"
    else:
        assert response.status_code == expected(role, WRITERS) and activity.what == "Welcome cafe"


@pytest.mark.parametrize("role", ROLES)
def test_place_page_section(as_role, role, place, activity):
    body = as_role(role).get(place.get_absolute_url()).content.decode()
    assert ('id="baseline-section"' in body) == (role in VIEWERS)


@pytest.mark.parametrize("role", ROLES)
def test_history(as_role, role, activity):
    response = as_role(role).get(reverse("core:history", args=["baseline", "activity", activity.pk]))
    assert response.status_code == (200 if role in WRITERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_selector_for_plans(make_user, role, place, activity):
    from inclusive_cities.baseline.selectors import baseline_for_place

    user = make_user(role)
    from django.contrib.auth.models import AnonymousUser

    visible = list(baseline_for_place(place=place, user=user or AnonymousUser()))
    assert visible == ([activity] if role in VIEWERS else [])


@pytest.mark.parametrize("role", ROLES)
def test_remove_post(as_role, role, place, activity):
    from inclusive_cities.baseline.models import Activity

    response = as_role(role).post(url("activity_remove", place, activity))
    gone = not Activity.objects.filter(pk=activity.pk).exists()
    if role in WRITERS:
        assert response.status_code == 302 and gone
        assert activity.history.model.objects.filter(id=activity.pk, history_type="-").exists()
    else:
        assert response.status_code == expected(role, WRITERS) and not gone
