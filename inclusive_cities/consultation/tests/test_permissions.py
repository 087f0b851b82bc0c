"""Permission matrix: every consultation view, every role in conftest.ROLES, the exact status.

Public pages (the consultation, the answer form, the thank-you page): everyone once the consultation has opened;
before it opens, only the place's members and network staff (others get 404). Officer pages (open, edit, results,
moderation, you said we did): the place's officers and administrators; 302 to sign in for anonymous visitors; 403
for those who may see the consultation; opening one on a plan they may not see: 404.
"""

import datetime

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.consultation.models import Consultation, Outcome, Response

from .conftest import answer

MANAGERS = {"officer", "admin"}
MEMBERS_AND_STAFF = {"officer", "sponsor", "partner", "facilitator", "admin"}
PUBLIC = ["detail", "answer", "thanks"]
OFFICER = ["edit", "results", "moderate", "outcomes"]


def url(name, consultation):
    return reverse(f"consultation:{name}", args=[consultation.plan.place.code, consultation.pk])


def manager_status(role: str, hidden: set = frozenset()) -> int:
    if role == "anonymous":
        return 302
    if role in MANAGERS:
        return 200
    return 404 if role in hidden else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_once_open(as_role, role, name, consultation):
    assert as_role(role).get(url(name, consultation)).status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_before_opening(as_role, role, name, consultation, today):
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=today + datetime.timedelta(days=3))
    status = as_role(role).get(url(name, consultation)).status_code
    if role not in MEMBERS_AND_STAFF:
        assert status == 404
    else:  # members see it; the answer form says it has not opened yet
        assert status == (409 if name == "answer" else 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", OFFICER)
def test_officer_pages(as_role, role, name, consultation):
    response = as_role(role).get(url(name, consultation))
    assert response.status_code == manager_status(role)
    if role == "anonymous":
        assert "/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_open_a_consultation(as_role, role, review_plan):
    # the plan in review is seen by its place's members and network staff only: others do not learn it exists
    hidden = {"user", "other_officer", "researcher"}
    response = as_role(role).get(reverse("consultation:create", args=[review_plan.place.code, review_plan.pk]))
    assert response.status_code == manager_status(role, hidden)


@pytest.mark.parametrize("role", ROLES)
def test_post_open_refused_for_non_managers(as_role, role, review_plan, today):
    data = {
        "title": "Consultation", "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=7)).isoformat(),
        "languages": ["en-gb"], "priorities": [p.pk for p in review_plan.priorities.all()],
    }  # fmt: skip
    response = as_role(role).post(reverse("consultation:create", args=[review_plan.place.code, review_plan.pk]), data)
    created = Consultation.objects.filter(plan=review_plan).exists()
    if role in MANAGERS:
        assert response.status_code == 302 and created
    else:
        assert response.status_code in {302, 403, 404} and not created


@pytest.mark.parametrize("role", ROLES)
def test_post_outcomes_refused_for_non_managers(as_role, role, consultation, priorities):
    data = {f"we_did_{priorities[0].pk}": "Added evening classes"}
    response = as_role(role).post(url("outcomes", consultation), data)
    saved = Outcome.objects.filter(consultation=consultation).exists()
    assert saved == (role in MANAGERS)
    assert response.status_code == (302 if role in MANAGERS else manager_status(role))


@pytest.mark.parametrize("role", ROLES)
def test_post_moderation_refused_for_non_managers(as_role, role, consultation, priorities):
    answer(consultation, {priorities[0]: (None, "My neighbour Ann at 4 High Street")})
    item = Response.objects.get().answers.get()
    data = {"item": str(item.pk), "text": "A neighbour", "decision": "approve"}
    response = as_role(role).post(url("moderate", consultation), data)
    item.refresh_from_db()
    assert (item.moderation == "approved") == (role in MANAGERS)
    assert response.status_code == (302 if role in MANAGERS else manager_status(role))


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_answer(as_role, role, consultation, priorities):
    data = {f"agree_{priorities[0].pk}": "5", "kind": "person"}
    response = as_role(role).post(url("answer", consultation), data)
    assert response.status_code == 302 and response["Location"] == url("thanks", consultation)
    assert Response.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_history(as_role, role, consultation):
    response = as_role(role).get(reverse("core:history", args=["consultation", "consultation", consultation.pk]))
    assert response.status_code == (200 if role in MANAGERS | {"facilitator"} else 404)


@pytest.mark.parametrize("role", ROLES)
def test_place_page_and_plan_page_links(as_role, role, consultation):
    client = as_role(role)
    place_page = client.get(consultation.plan.place.get_absolute_url()).content.decode()
    assert consultation.get_absolute_url() in place_page  # open: linked for everyone
    plan_page = client.get(consultation.plan.get_absolute_url())
    if role in MEMBERS_AND_STAFF:  # the plan in review is theirs to see, with the link while open
        assert consultation.get_absolute_url() in plan_page.content.decode()
        assert (url("results", consultation) in plan_page.content.decode()) == (role in MANAGERS)
    else:
        assert plan_page.status_code == 404
