"""Send to the sponsor: an officer tells the place's senior sponsors a draft is ready; they are notified, it waits on
their home page until they confirm it, and the pages say when it was sent and by whom."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from conftest import ROLES
from inclusive_cities.assessments import selectors, services
from inclusive_cities.assessments.models import Assessment, Status
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.home.selectors import tasks_for
from inclusive_cities.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user, place, other_place, framework):
    """Every role of conftest.ROLES, a second sponsor of the place and a sponsor of the other place."""
    people = {role: make_user(role) for role in ROLES}
    people["second_sponsor"] = user_with_role("sponsor", place)
    people["other_sponsor"] = user_with_role("sponsor", other_place)
    return people


def _check_url(a):
    return reverse("assessments:check", args=[a.place.code, a.pk])


def _send_url(a):
    return reverse("assessments:send", args=[a.place.code, a.pk])


def told(people) -> set[str]:
    ids = set(Notification.objects.filter(kind=Kind.ASSESSMENT_READY).values_list("recipient_id", flat=True))
    return {role for role, user in people.items() if user is not None and user.pk in ids}


def confirm_tasks(user) -> list:
    return [t for kind, _h, tasks in tasks_for(user) if kind == "assessment_to_confirm" for t in tasks]


def who_must_confirm(people) -> set[str]:
    return {role for role, user in people.items() if user is not None and confirm_tasks(user)}


# --- the service ------------------------------------------------------------------------------------------------


def test_a_confirmed_assessment_is_not_sent(people, place, make_assessment):
    assessment = make_assessment(place, status=Status.CONFIRMED, goals={"T1.1": 2})
    with pytest.raises(ValidationError, match="already confirmed by the sponsor"):
        services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    assessment.refresh_from_db()
    assert assessment.sent_to_sponsor_at is None and assessment.sent_to_sponsor_by is None
    assert not Notification.objects.exists()


def test_an_assessment_without_answers_is_not_sent(people, place, make_assessment):
    # an answer with evidence but no level is not an answer (as for confirming and for the scores)
    for goals in [None, {"T1.1": None}]:
        assessment = make_assessment(place, goals=goals)
        with pytest.raises(ValidationError, match="Answer at least one question before sending"):
            services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
        assessment.refresh_from_db()
        assert assessment.sent_to_sponsor_at is None
    assert not Notification.objects.exists()


def test_sending_records_who_and_when_in_the_record_and_its_history(people, place, make_assessment):
    officer = people["officer"]
    assessment = make_assessment(place, goals={"T1.1": 2})
    before = timezone.now()
    services.assessment_send_to_sponsor(assessment=assessment, by=officer)
    assessment.refresh_from_db()
    assert assessment.sent_to_sponsor_by == officer and assessment.sent_to_sponsor_at >= before
    assert assessment.status == Status.DRAFT and assessment.waits_for_sponsor
    latest = assessment.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == officer and latest.sent_to_sponsor_at == assessment.sent_to_sponsor_at


# --- who is told, and the task ------------------------------------------------------------------------------------


def test_the_places_sponsors_are_told_and_nobody_else(people, place, make_assessment):
    assessment = make_assessment(place, title="Baseline 2026", goals={"T1.1": 2})
    services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    # not the officer who sent it, not the other place's officer or sponsor, not network staff
    assert told(people) == {"sponsor", "second_sponsor"}
    n = Notification.objects.get(recipient=people["sponsor"])
    assert n.message == "Bristol’s self-assessment “Baseline 2026” is ready: check the answers and confirm it."
    assert n.url == _check_url(assessment) and n.place == place and n.actor == people["officer"]
    assert n.still_visible()


def test_the_task_waits_for_the_places_sponsors_until_they_confirm(people, place, make_assessment, client):
    assessment = make_assessment(place, title="Baseline 2026", goals={"T1.1": 2})
    assert who_must_confirm(people) == set()  # a draft not yet sent is not the sponsor's task
    services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    assert who_must_confirm(people) == {"sponsor", "second_sponsor"}
    (task,) = confirm_tasks(people["sponsor"])
    assert task.title == "Confirm the self-assessment “Baseline 2026” (Bristol)"
    assert task.url == _check_url(assessment) and task.place == place
    assert task.due == timezone.localdate()
    # the task agrees with the rule, and its link opens the page where the sponsor confirms
    assert people["sponsor"].has_perm("assessments.confirm_assessment", assessment)
    client.force_login(people["sponsor"])
    page = client.get(task.url).content.decode()
    assert "Confirm the assessment" in page
    services.assessment_confirm(assessment=assessment, by=people["sponsor"])
    assert who_must_confirm(people) == set()


def test_sending_again_tells_again_but_the_task_is_one(people, place, make_assessment):
    assessment = make_assessment(place, goals={"T1.1": 2})
    services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    Assessment.objects.filter(pk=assessment.pk).update(sent_to_sponsor_at=timezone.now() - datetime.timedelta(days=3))
    services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    assert Notification.objects.filter(recipient=people["sponsor"], kind=Kind.ASSESSMENT_READY).count() == 2
    assert len(confirm_tasks(people["sponsor"])) == 1
    assessment.refresh_from_db()
    assert timezone.localdate(assessment.sent_to_sponsor_at) == timezone.localdate()  # the date moved on


def test_the_task_query_is_one(people, place, make_assessment, django_assert_num_queries):
    for n in range(3):
        a = make_assessment(place, title=f"Baseline {n}", goals={"T1.1": 2})
        services.assessment_send_to_sponsor(assessment=a, by=people["officer"])
    sponsor = people["sponsor"]
    from inclusive_cities.accounts.roles import roles_of

    roles_of(sponsor)  # the roles are read once per person and kept; count only the tasks' own queries
    # The sponsor is neither officer nor partner, so those lists ask nothing: one query for any number of assessments.
    with django_assert_num_queries(1):
        tasks = selectors.tasks_for(sponsor)
    assert len([t for t in tasks if t.kind == "assessment_to_confirm"]) == 3


def test_method_step_says_when_it_was_sent(people, place, make_assessment):
    assessment = make_assessment(place, goals={"T1.1": 2})
    (step,) = selectors.method_steps([place], people["officer"])[place.pk]
    assert step.detail == "Draft, not yet confirmed by the sponsor."
    services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    sent = timezone.make_aware(datetime.datetime(2026, 11, 28, 10, 30))
    Assessment.objects.filter(pk=assessment.pk).update(sent_to_sponsor_at=sent)
    (step,) = selectors.method_steps([place], people["officer"])[place.pk]
    assert step.state == "in_progress"
    assert step.detail == "Sent to the sponsor on 28 November 2026, waiting for confirmation."


# --- the pages ----------------------------------------------------------------------------------------------------


def test_the_officer_sends_from_check_answers_and_the_pages_say_so(people, place, make_assessment, client):
    officer = people["officer"]
    client.force_login(officer)
    assessment = make_assessment(place, goals={"T1.1": 2})
    total = len(selectors.flow(assessment).questions)
    page = client.get(_check_url(assessment)).content.decode()
    assert f'action="{_send_url(assessment)}"' in page and ">Send to the sponsor</button>" in page
    warning = re.search(r'id="send-unanswered">(.*?)</div>', page, re.S).group(1)
    assert f"{total - 1} questions are still unanswered. You can send the assessment now" in warning
    assert "Senior sponsors who can confirm it:" in page and people["sponsor"].display_name in page

    response = client.post(_send_url(assessment), follow=True)
    assert response.redirect_chain == [(assessment.get_absolute_url(), 302)]
    detail = response.content.decode()
    assert "Sent to the sponsor. They have been told it is ready to confirm." in detail
    Assessment.objects.filter(pk=assessment.pk).update(
        sent_to_sponsor_at=timezone.make_aware(datetime.datetime(2026, 11, 28, 10, 30))
    )
    line = f"Sent to the sponsor on 28 November 2026 by {officer.display_name}."
    detail = client.get(assessment.get_absolute_url()).content.decode()
    assert line in re.search(r'id="assessment-facts">(.*?)</dl>', detail, re.S).group(1)
    page = client.get(_check_url(assessment)).content.decode()
    assert line in page and ">Send to the sponsor again</button>" in page
    # the sponsor reads the same line, and confirms (no send button for them)
    client.force_login(people["sponsor"])
    page = client.get(_check_url(assessment)).content.decode()
    assert line in page and "Confirm the assessment" in page and _send_url(assessment) not in page
    # once confirmed, the page says confirmed, no longer "sent"
    services.assessment_confirm(assessment=assessment, by=people["sponsor"])
    assert "Sent to the sponsor on" not in client.get(assessment.get_absolute_url()).content.decode()


def test_every_question_answered_means_no_warning(people, place, make_assessment, framework, client):
    from inclusive_cities.assessments.models import Answer

    assessment = make_assessment(place)
    for q in selectors.flow(assessment).questions:
        Answer.objects.create(
            assessment=assessment, goal=q.goal, principle=q.principle, theme=None if q.goal else q.theme, level=3
        )
    client.force_login(people["officer"])
    page = client.get(_check_url(assessment)).content.decode()
    assert "Every question is answered." in page and 'id="send-unanswered"' not in page
    assert ">Send to the sponsor</button>" in page


def test_sending_an_empty_assessment_says_why_and_sends_nothing(people, place, make_assessment, client):
    client.force_login(people["officer"])
    assessment = make_assessment(place)
    response = client.post(_send_url(assessment), follow=True)
    assert response.redirect_chain == [(_check_url(assessment), 302)]
    assert "Answer at least one question before sending the assessment to the sponsor." in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.sent_to_sponsor_at is None and not Notification.objects.exists()


def test_a_place_without_a_sponsor_says_who_can_invite_one(place, make_assessment, make_user, client):
    officer = make_user("officer")
    client.force_login(officer)
    assessment = make_assessment(place, goals={"T1.1": 2})
    page = client.get(_check_url(assessment)).content.decode()
    no_sponsor = re.search(r'id="no-sponsor">(.*?)</div>', page, re.S).group(1)
    assert "Bristol has no senior sponsor with an account yet, so nobody can confirm the assessment." in no_sponsor
    invite = reverse("accounts:invitation_create") + f"?place={place.code}&amp;role=sponsor"
    assert f'href="{invite}"' in no_sponsor
    # the invitation form opens with the place and the senior sponsor's role chosen
    form = client.get(invite.replace("&amp;", "&")).content.decode()
    assert re.search(r'<input[^>]*name="role" type="radio" value="sponsor" checked>', form)
    assert re.search(rf'<input[^>]*name="place" value="{place.code}"', form)
    # sending is still possible (the sponsor finds it on their home page once invited), and the officer is told
    # plainly that nobody was told
    response = client.post(_send_url(assessment), follow=True)
    text = response.content.decode()
    assert "Marked as sent to the sponsor, but Bristol has no senior sponsor with an account yet" in text
    assert not Notification.objects.exists()
    sponsor = user_with_role("sponsor", place)
    assert [t.url for t in confirm_tasks(sponsor)] == [_check_url(assessment)]
