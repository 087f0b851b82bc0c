"""Comments waiting for moderation are a task on the home page of the place's officers, and of no one else; moderating
them takes the task away. The query count does not grow with the number of consultations."""

import pytest
from django.test import Client

from conftest import ROLES
from inclusive_cities.consultation import selectors, services
from inclusive_cities.consultation.models import Answer

from .conftest import answer

pytestmark = pytest.mark.django_db
HEADING = "Consultation comments to moderate"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_places_officers_are_asked_to_moderate(as_role, role, consultation, priorities):
    first, second = priorities
    answer(consultation, {first: (4, "The library helped me"), second: (2, "")})
    answer(consultation, {first: (5, "Classes near my home, please")})
    answer(consultation, {first: (3, "")})  # no comment: nothing to moderate
    client = as_role(role)
    page = client.get("/").content.decode()
    if role == "officer":
        assert HEADING in page
        assert "2 comments waiting for moderation in “Have your say on Bristol&#x27;s inclusion plan”" in page
        assert f"/places/E06000023/consultations/{consultation.pk}/moderate/" in page
    else:
        assert HEADING not in page and "waiting for moderation" not in page


def test_the_task_goes_once_every_comment_is_moderated(consultation, priorities, officer):
    answer(consultation, {priorities[0]: (4, "My name is Ada and I live on Elm Street")})
    (task,) = selectors.tasks_for(officer)
    assert task.count == 1 and task.kind == "consultation_moderation"
    services.comment_moderate(answer=Answer.objects.get(), by=officer, text="I live nearby", approve=True)
    assert selectors.tasks_for(officer) == []
    client = Client()
    client.force_login(officer)
    assert HEADING not in client.get("/").content.decode()


def test_one_query_however_many_consultations(consultation, priorities, officer, place, framework, today):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inclusive_cities.core.factories import PlaceFactory
    from inclusive_cities.plans.models import PlanStatus
    from inclusive_cities.plans.tests.conftest import make_plan

    answer(consultation, {priorities[0]: (4, "First comment")})
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.tasks_for(officer)) == 1
    for code in ("E06000001", "E06000002"):
        other = PlaceFactory(code=code, name=f"Place {code}")
        officer.place_roles.create(place=other, role="officer")
        plan = make_plan(other, framework, status=PlanStatus.IN_REVIEW)
        more = services.consultation_open(
            plan=plan, by=officer, priorities=list(plan.priorities.all()), languages=["en-gb"],
            title=f"Consultation {code}", introduction="", opens_on=today, closes_on=today + datetime.timedelta(days=7),
        )  # fmt: skip
        answer(more, {plan.priorities.get(): (None, "A comment")})
    from inclusive_cities.accounts.roles import forget_roles

    forget_roles(officer)
    with CaptureQueriesContext(connection) as three:
        assert len(selectors.tasks_for(officer)) == 3
    assert len(three) == len(one)
