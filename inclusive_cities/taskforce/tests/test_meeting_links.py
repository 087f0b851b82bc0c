"""Meetings link their actions arising to plan actions: same place only, shown only to those who may see the plan."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus, Priority
from inclusive_cities.taskforce import services
from inclusive_cities.taskforce.models import Organisation, Sector


def make_action(place, framework, title="Legal advice for young people in care", status=PlanStatus.DRAFT):
    plan = ActionPlan.objects.create(
        place=place,
        title=f"{place.name} plan",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2028, 12, 31),
        framework=framework,
        status=status,
    )
    priority = Priority.objects.create(plan=plan, title="Children and young people")
    return Action.objects.create(priority=priority, title=title)


@pytest.fixture
def action(place, framework):
    return make_action(place, framework)


def test_officer_links_a_meeting_to_an_action(as_role, place, action, other_place, framework):
    theirs = make_action(other_place, framework, title="Liverpool action")
    client = as_role("officer")
    url = reverse("taskforce:meeting_add", args=[place.code])
    body = client.get(url).content.decode()
    assert "Legal advice for young people in care" in body and "Liverpool action" not in body
    response = client.post(url, {"title": "Kick-off", "date": "2026-02-01", "linked_actions": [theirs.pk]})
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {"title": "Kick-off", "date": "2026-02-01", "linked_actions": [action.pk]})
    assert response.status_code == 302
    meeting = place.taskforce_meetings.get()
    assert list(meeting.linked_actions.all()) == [action]
    detail = client.get(reverse("taskforce:meeting_detail", args=[place.code, meeting.pk])).content.decode()
    assert reverse("plans:action_detail", args=[place.code, action.priority.plan.pk, action.pk]) in detail


def test_service_refuses_another_places_action(place, other_place, framework):
    theirs = make_action(other_place, framework)
    with pytest.raises(ValidationError, match="must belong to this place’s plans"):
        services.meeting_create(
            place=place, by=None, title="x", date=datetime.date(2026, 2, 1), linked_actions=[theirs]
        )
    assert not place.taskforce_meetings.exists()


def test_archived_versions_are_not_offered(as_role, place, framework):
    old = make_action(place, framework, title="Old version action", status=PlanStatus.ARCHIVED)
    body = as_role("officer").get(reverse("taskforce:meeting_add", args=[place.code])).content.decode()
    assert old.title not in body


def test_organisation_leading_a_plan_action_cannot_be_removed(as_role, place, action):
    org = Organisation.objects.create(place=place, name="Bristol Refugee Rights", sector=Sector.VOLUNTARY)
    action.partners.add(org)
    response = as_role("officer").post(reverse("taskforce:organisation_remove", args=[place.code, org.pk]))
    assert response.status_code == 400
    assert "is used elsewhere" in response.content.decode()
    assert Organisation.objects.filter(pk=org.pk).exists()
