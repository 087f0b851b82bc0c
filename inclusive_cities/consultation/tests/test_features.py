"""Opening, answering, results, moderation and "you said, we did": the rules and the refusals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inclusive_cities.consultation import services
from inclusive_cities.consultation.models import Answer, Consultation, Outcome, Response
from inclusive_cities.consultation.results import MIN_ANSWERS, consultation_results
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

from .conftest import answer

DAY = datetime.timedelta(days=1)


def _open(plan, officer, today, **overrides):
    fields = dict(
        plan=plan, by=officer, priorities=list(plan.priorities.all()), languages=["en-gb", "cy"], title="Consultation",
        opens_on=today, closes_on=today + 14 * DAY,
    )  # fmt: skip
    fields.update(overrides)
    return services.consultation_open(**fields)


# --- opening ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SIGNED_OFF, PlanStatus.PUBLISHED])
def test_only_a_plan_in_review_can_be_consulted_on(place, framework, officer, today, status):
    plan = make_plan(place, framework, status=status)
    with pytest.raises(ValidationError) as error:
        _open(plan, officer, today)
    assert ("draft" if status == PlanStatus.DRAFT else "in review") in error.value.messages[0]
    assert not Consultation.objects.exists()


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.PUBLISHED])
def test_the_open_page_refuses_a_draft_or_published_plan_with_a_message(client, place, framework, officer, status):
    plan = make_plan(place, framework, status=status)
    client.force_login(officer)
    response = client.get(reverse("consultation:create", args=[place.code, plan.pk]))
    assert response.status_code == 409
    message = response.context["message"]
    assert ("submit it for review" in message) if status == PlanStatus.DRAFT else ("published" in message)
    assert 'id="refused-message"' in response.content.decode()


@pytest.mark.parametrize(
    ("opens", "closes", "field", "words"),
    [
        (0, -1, "closes_on", "on or after the day it opens"),
        (-3, 5, "opens_on", "opening day has passed"),
        (0, 400, "closes_on", "a year at most"),
    ],
)
def test_period_is_validated(review_plan, officer, today, opens, closes, field, words):
    with pytest.raises(ValidationError) as error:
        _open(review_plan, officer, today, opens_on=today + opens * DAY, closes_on=today + closes * DAY)
    assert words in " ".join(error.value.message_dict[field])
    assert not Consultation.objects.exists()


def test_languages_and_priorities_are_validated(review_plan, officer, today, place, framework):
    with pytest.raises(ValidationError) as error:
        _open(review_plan, officer, today, languages=["fr"])
    assert "languages" in error.value.message_dict
    other = make_plan(place, framework, status=PlanStatus.IN_REVIEW, title="Another plan")
    with pytest.raises(ValidationError) as error:
        _open(review_plan, officer, today, priorities=list(other.priorities.all()))
    assert "is not a priority of this plan" in error.value.message_dict["priorities"][0]
    with pytest.raises(ValidationError):
        _open(review_plan, officer, today, priorities=[])
    assert not Consultation.objects.exists()


def test_the_form_shows_the_problem(client, officer, review_plan, today):
    client.force_login(officer)
    url = reverse("consultation:create", args=[review_plan.place.code, review_plan.pk])
    data = {"title": "", "opens_on": "not a date", "closes_on": today.isoformat(), "languages": ["xx"]}
    body = client.post(url, data).content.decode()
    assert "govuk-error-summary" in body and "This field is required" in body and "Enter a valid date" in body
    assert not Consultation.objects.exists()


def test_priorities_stay_once_answered(consultation, priorities, officer, today):
    answer(consultation, {priorities[0]: (4, "")})
    with pytest.raises(ValidationError) as error:
        services.consultation_update(
            consultation=consultation, by=officer, priorities=priorities[:1], languages=["en-gb"],
            title="Changed", opens_on=consultation.opens_on, closes_on=consultation.closes_on,
        )  # fmt: skip
    assert "can no longer change" in error.value.message_dict["priorities"][0]
    consultation.refresh_from_db()
    assert consultation.title != "Changed" and consultation.questions.count() == 2


def test_edit_is_audited(client, officer, consultation, priorities, today):
    client.force_login(officer)
    data = {
        "title": "Have your say", "title_cy": "Dweud eich dweud", "opens_on": today.isoformat(),
        "closes_on": (today + 3 * DAY).isoformat(), "languages": ["en-gb", "cy"], "priorities": [p.pk for p in priorities],
    }  # fmt: skip
    response = client.post(reverse("consultation:edit", args=[consultation.plan.place.code, consultation.pk]), data)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title_cy == "Dweud eich dweud"
    assert consultation.history.count() == 2 and consultation.history.first().history_user == officer


# --- answering -------------------------------------------------------------------------------------------------


def test_a_closed_consultation_takes_no_answers(client, consultation, priorities, today):
    Consultation.objects.filter(pk=consultation.pk).update(opens_on=today - 10 * DAY, closes_on=today - DAY)
    response = client.post(consultation.answer_url(), {f"agree_{priorities[0].pk}": "4", "kind": "person"})
    assert response.status_code == 410 and "closed" in response.context["message"]
    assert not Response.objects.exists()
    assert 'id="closed"' in client.get(consultation.get_absolute_url()).content.decode()


def test_a_plan_leaving_review_closes_the_consultation(client, consultation, priorities):
    ActionPlan.objects.filter(pk=consultation.plan_id).update(status=PlanStatus.SIGNED_OFF)
    response = client.post(consultation.answer_url(), {f"agree_{priorities[0].pk}": "4", "kind": "person"})
    assert response.status_code == 410 and not Response.objects.exists()


@pytest.mark.parametrize("value", ["6", "0", "-1", "4.5", "strongly"])
def test_an_answer_out_of_the_scale_is_refused(client, consultation, priorities, value):
    response = client.post(consultation.answer_url(), {f"agree_{priorities[0].pk}": value, "kind": "person"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()
    with pytest.raises(ValidationError) as error:  # and the service checks again on its own
        answer(consultation, {priorities[0]: (value, "")})
    assert "Choose one of the five answers" in error.value.message_dict[f"agree_{priorities[0].pk}"][0]
    assert not Response.objects.exists()


def test_an_oversized_comment_is_refused_whole(client, consultation, priorities):
    data = {
        f"agree_{priorities[0].pk}": "4",
        f"comment_{priorities[1].pk}": "x" * 5001,
        "kind": "person",
    }
    response = client.post(consultation.answer_url(), data)
    assert response.status_code == 200 and "at most 5000 characters" in response.content.decode()
    assert not Response.objects.exists() and not Answer.objects.exists()  # nothing half-written
    with pytest.raises(ValidationError) as error:
        answer(consultation, {priorities[0]: (4, "x" * 5001)})
    assert "under 5,000 characters" in error.value.message_dict[f"comment_{priorities[0].pk}"][0]
    assert not Response.objects.exists()


def test_an_empty_answer_and_a_nameless_organisation_are_refused(client, consultation, priorities):
    response = client.post(consultation.answer_url(), {"kind": "person"})
    assert "Answer at least one question" in response.content.decode()
    data = {f"agree_{priorities[0].pk}": "3", "kind": "organisation", "organisation_name": ""}
    response = client.post(consultation.answer_url(), data)
    assert "Give the organisation’s name" in response.content.decode()
    assert not Response.objects.exists()


def test_anonymous_answers_are_rate_limited(client, consultation, priorities, settings):
    settings.CONSULTATION_ANSWER_RATE = "2/h"
    from django.core.cache import cache

    cache.clear()
    data = {f"agree_{priorities[0].pk}": "4", "kind": "person"}
    assert [client.post(consultation.answer_url(), data).status_code for _ in range(2)] == [302, 302]
    limited = client.post(consultation.answer_url(), data)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert "Try again" in limited.content.decode()
    assert Response.objects.count() == 2
    cache.clear()


def test_the_answer_is_stored_in_the_language_of_the_page(client, consultation, priorities):
    response = client.post("/cy" + consultation.answer_url(), {f"agree_{priorities[0].pk}": "2", "kind": "person"})
    assert response.status_code == 302 and response["Location"].startswith("/cy/")
    assert Response.objects.get().language == "cy"


def test_hostile_text_is_rendered_escaped(client, officer, consultation, priorities):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    answer(consultation, {priorities[0]: (None, hostile)}, kind="organisation", organisation_name=hostile)
    client.force_login(officer)
    code = consultation.plan.place.code
    moderation = client.get(reverse("consultation:moderate", args=[code, consultation.pk])).content.decode()
    assert hostile not in moderation and "&lt;script&gt;" in moderation
    item = Answer.objects.get()
    services.comment_moderate(answer=item, by=officer, text=hostile, approve=True)
    results = client.get(reverse("consultation:results", args=[code, consultation.pk])).content.decode()
    assert hostile not in results and "&lt;script&gt;alert" in results


# --- results ---------------------------------------------------------------------------------------------------


def test_suppression_below_the_minimum(consultation, priorities):
    assert MIN_ANSWERS == 5
    for value in (5, 4, 4, 2):
        answer(consultation, {priorities[0]: (value, "")})
    first = consultation_results(consultation).priorities[0]
    assert first.overall.total == 4 and first.overall.rows is None  # four answers: no counts at all
    answer(consultation, {priorities[0]: (1, "")})
    first = consultation_results(consultation).priorities[0]
    assert first.overall.rows == [
        ("Strongly disagree", 1), ("Disagree", 1), ("Neither agree nor disagree", 0), ("Agree", 2),
        ("Strongly agree", 1),
    ]  # fmt: skip
    assert first.overall.agree_pct == 60
    # the breakdowns: all five are people answering in English (shown); organisations and Welsh: none (suppressed)
    shown = {b.label: b.shown for b in first.breakdowns}
    assert shown == {
        "People answering for themselves": True, "Organisations": False,
        "Answered in English": True, "Answered in Welsh": False,
    }  # fmt: skip
    # one organisation answers: its breakdown (1) is still suppressed, the overall total now 6
    answer(consultation, {priorities[0]: (5, "")}, kind="organisation", organisation_name="Bristol Refugee Rights")
    first = consultation_results(consultation).priorities[0]
    by_label = {b.label: b for b in first.breakdowns}
    assert first.overall.total == 6 and by_label["Organisations"].total == 1 and by_label["Organisations"].rows is None
    # the second priority had no answers: suppressed
    assert consultation_results(consultation).priorities[1].overall.rows is None


def test_results_page_hides_small_counts_and_raw_text(client, officer, consultation, priorities):
    for value in (4, 4, 5):
        answer(consultation, {priorities[0]: (value, "I live at 12 Park Road and my name is Sam")})
    client.force_login(officer)
    url = reverse("consultation:results", args=[consultation.plan.place.code, consultation.pk])
    body = client.get(url).content.decode()
    assert "fewer than 5 answers, not shown" in body and "Strongly agree</th>" not in body
    assert "12 Park Road" not in body  # the raw text is not on the results page
    assert "3 comments wait for moderation" in body


def test_moderation_shows_the_copy_and_rejects(client, officer, consultation, priorities):
    answer(consultation, {priorities[0]: (None, "I live at 12 Park Road: more ESOL classes please")})
    answer(consultation, {priorities[0]: (None, "Spam spam spam")})
    client.force_login(officer)
    code = consultation.plan.place.code
    moderate = reverse("consultation:moderate", args=[code, consultation.pk])
    page = client.get(moderate)
    item = page.context["item"]
    assert page.context["remaining"] == 2
    text = "More ESOL classes please" if "Park Road" in item.text else ""
    decision = "approve" if text else "reject"
    client.post(moderate, {"item": str(item.pk), "text": text, "decision": decision})
    item2 = client.get(moderate).context["item"]
    text2 = "More ESOL classes please" if "Park Road" in item2.text else ""
    client.post(moderate, {"item": str(item2.pk), "text": text2, "decision": "approve" if text2 else "reject"})
    assert "No comments wait" in client.get(moderate).content.decode()
    assert set(Answer.objects.values_list("moderation", flat=True)) == {"approved", "rejected"}
    comments = consultation_results(consultation).priorities[0].comments
    assert comments == ["More ESOL classes please"]
    # approving with no text is refused with a message, and a forged item id is a 404
    answer(consultation, {priorities[1]: (None, "Another")})
    third = client.get(moderate).context["item"]
    body = client.post(moderate, {"item": str(third.pk), "text": "", "decision": "approve"}).content.decode()
    assert "Give the moderated text" in body
    assert client.post(moderate, {"item": "not-a-uuid", "decision": "reject"}).status_code == 404


# --- you said, we did ------------------------------------------------------------------------------------------


def test_you_said_we_did_is_published_with_the_plan(client, officer, consultation, priorities):
    code = consultation.plan.place.code
    client.force_login(officer)
    url = reverse("consultation:outcomes", args=[code, consultation.pk])
    refused = client.post(url, {f"you_said_{priorities[0].pk}": "More classes in the evening"})
    assert "Say what changed" in refused.content.decode() and not Outcome.objects.exists()
    data = {
        f"you_said_{priorities[0].pk}": "More classes in the evening",
        f"we_did_{priorities[0].pk}": "Added an evening ESOL action",
    }
    assert client.post(url, data).status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.history.count() == 1 and outcome.history.first().history_user == officer
    client.logout()
    plan = consultation.plan
    assert client.get(plan.get_absolute_url()).status_code == 404  # in review: not public yet
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert 'id="you-said-we-did"' in body and "Added an evening ESOL action" in body
    # the closed consultation's page still says so, without the answer button
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert 'id="closed"' in page and 'id="start"' not in page


def test_welsh_title_and_fallback(client, consultation):
    url = consultation.get_absolute_url()  # reversed in English before a Welsh request leaves Welsh active
    page = client.get("/cy" + url).content.decode()
    assert 'id="english-fallback"' in page and "Have your say on Bristol" in page
    Consultation.objects.filter(pk=consultation.pk).update(title_cy="Dweud eich dweud ar y cynllun")
    page = client.get("/cy" + url).content.decode()
    assert "Dweud eich dweud ar y cynllun" in page and 'id="english-fallback"' not in page
    client.cookies.clear()
    assert "Dweud eich dweud ar y cynllun" not in client.get(url).content.decode()


def test_a_language_not_offered_is_said(client, consultation):
    url = consultation.get_absolute_url()
    assert 'id="not-offered"' not in client.get("/cy" + url).content.decode()
    Consultation.objects.filter(pk=consultation.pk).update(languages="en-gb")
    page = client.get("/cy" + url).content.decode()
    assert 'id="not-offered"' in page and "English" in page
