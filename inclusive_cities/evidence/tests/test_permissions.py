"""Permission matrix: every evidence view, every role, every state of the case study, the exact status."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.evidence.tests.conftest import STATES

STAFF = {"facilitator", "admin"}
# Who may see an unpublished case study credited to `place`: its officers and network staff.
SEES_UNPUBLISHED = {"officer"} | STAFF
CONTRIBUTORS = {"officer", "other_officer"} | STAFF


def can_see(role: str, state: str) -> bool:
    return state == "published" or role in SEES_UNPUBLISHED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["evidence:index", "evidence:standards"])
def test_public_pages(as_role, role, name, case_studies):
    response = as_role(role).get(reverse(name))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_index_lists_only_what_the_role_may_see(as_role, role, case_studies):
    body = as_role(role).get(reverse("evidence:index")).content.decode()
    for state, case_study in case_studies.items():
        assert (case_study.title in body) == can_see(role, state), state


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_detail(as_role, role, state, case_studies):
    response = as_role(role).get(reverse("evidence:detail", args=[case_studies[state].slug]))
    assert response.status_code == (200 if can_see(role, state) else 404)


def expected_edit(role: str, state: str) -> int:
    if role == "anonymous":
        return 302
    if not can_see(role, state):
        return 404
    if role in STAFF or (role == "officer" and state in {"draft", "rejected"}):
        return 200
    return 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_edit(as_role, role, state, case_studies):
    response = as_role(role).get(reverse("evidence:edit", args=[case_studies[state].slug]))
    assert response.status_code == expected_edit(role, state)
    if role == "anonymous":
        assert "/sign-in/" in response["Location"]


def expected_submit(role: str, state: str) -> int:
    if role == "anonymous":
        return 302
    if not can_see(role, state):
        return 404
    if role == "officer" and state in {"draft", "rejected"}:
        return 302  # submitted, back to the page
    return 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_submit(as_role, role, state, case_studies):
    case_study = case_studies[state]
    response = as_role(role).post(reverse("evidence:submit", args=[case_study.slug]))
    assert response.status_code == expected_submit(role, state)
    case_study.refresh_from_db()
    if role == "officer" and state in {"draft", "rejected"}:
        assert response["Location"] == case_study.get_absolute_url()
        assert case_study.status == "submitted"
    else:
        assert case_study.status == state


def expected_review(role: str, state: str) -> int:
    if role == "anonymous":
        return 302
    if not can_see(role, state):
        return 404
    if role in STAFF and state == "submitted":
        return 200
    return 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_review(as_role, role, state, case_studies):
    response = as_role(role).get(reverse("evidence:review", args=[case_studies[state].slug]))
    assert response.status_code == expected_review(role, state)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_review_post_changes_nothing_unless_allowed(as_role, role, state, case_studies):
    case_study = case_studies[state]
    response = as_role(role).post(
        reverse("evidence:review", args=[case_study.slug]), {"decision": "publish", "note": ""}
    )
    case_study.refresh_from_db()
    if expected_review(role, state) == 200:
        assert response.status_code == 302
        assert case_study.status == "published"
    else:
        assert response.status_code == expected_review(role, state)
        assert case_study.status == state


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["evidence:contribute", "evidence:contributions"])
def test_contribute_and_contributions(as_role, role, name, case_studies):
    response = as_role(role).get(reverse(name))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in CONTRIBUTORS else 403)


@pytest.mark.parametrize("role", ROLES)
def test_contributions_show_only_own_place_drafts(as_role, role, case_studies):
    response = as_role(role).get(reverse("evidence:contributions"))
    if response.status_code != 200:
        return
    body = response.content.decode()
    for state in ("draft", "submitted", "rejected"):
        assert (case_studies[state].title in body) == (role in SEES_UNPUBLISHED), (role, state)
    assert case_studies["published"].title not in body


@pytest.mark.parametrize("role", ROLES)
def test_api_shows_only_what_the_role_may_see(as_role, role, case_studies):
    data = as_role(role).get("/api/v1/evidence/search/", {"q": "conversation sessions newcomers"}).json()
    slugs = {item["slug"] for item in data["results"]}
    for state, case_study in case_studies.items():
        assert (case_study.slug in slugs) == can_see(role, state), state


@pytest.mark.parametrize("role", ROLES)
def test_place_section(as_role, role, case_studies, place):
    body = as_role(role).get(place.get_absolute_url()).content.decode()
    for state, case_study in case_studies.items():
        assert (case_study.title in body) == can_see(role, state), state
