"""The anonymous survey: anonymity by construction, once per person, closed and forged links, the minimum of 5."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse

from inclusive_cities.core.factories import CohortFactory, MembershipFactory, user_with_role
from inclusive_cities.exchange import services
from inclusive_cities.exchange.models import (
    AnswerItem,
    QuestionKind,
    ReviewState,
    SurveyRespondent,
    SurveyResponse,
)
from inclusive_cities.exchange.results import MIN_ANSWERS, results_csv, survey_results

ANSWER_MODELS = [SurveyResponse, AnswerItem]
FORBIDDEN_NAMES = ("user", "ip", "agent", "session", "token", "author", "email", "place", "created", "updated")


@pytest.mark.parametrize("model", ANSWER_MODELS)
def test_answers_hold_nothing_that_identifies_a_person(model):
    from django.contrib.auth import get_user_model

    from inclusive_cities.network.models import Place

    for field in model._meta.get_fields():
        related = getattr(field, "related_model", None)
        assert related not in (get_user_model(), Place), f"{model.__name__}.{field.name} links to {related}"
        assert not any(bad in field.name.lower() for bad in FORBIDDEN_NAMES), f"{model.__name__}.{field.name}"
        # no time finer than the day
        assert not isinstance(field, models.DateTimeField | models.TimeField), f"{model.__name__}.{field.name}"
        assert not isinstance(field, models.GenericIPAddressField)
    # random keys: the order of answering is not kept in the primary key
    assert isinstance(model._meta.pk, models.UUIDField)
    # no change history, which would record who saved it and when
    assert not hasattr(model, "history")


def test_who_answered_cannot_be_joined_to_what_was_answered():
    respondent_links = {f.related_model for f in SurveyRespondent._meta.get_fields() if f.is_relation}
    assert SurveyResponse not in respondent_links and AnswerItem not in respondent_links
    response_links = {f.related_model for f in SurveyResponse._meta.get_fields() if f.is_relation}
    assert SurveyRespondent not in response_links
    # the respondent record has no date or order either
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in SurveyRespondent._meta.get_fields())


def _agreement_answers(survey, value="4"):
    answers = {}
    for section in survey.sections.all():
        for q in section.questions.all():
            if q.kind == QuestionKind.AGREEMENT:
                answers[f"q{q.pk}"] = value
            elif q.kind == QuestionKind.TEXT:
                answers[f"q{q.pk}"] = "Our head of service, Jo Bloggs, made this work"
    return answers


def test_submit_stores_answers_apart_from_the_person(survey, members):
    services.survey_submit(survey=survey, key=survey.link_key, user=members[0], answers=_agreement_answers(survey))
    assert SurveyRespondent.objects.filter(survey=survey, user=members[0]).count() == 1
    response = SurveyResponse.objects.get(survey=survey)
    assert response.submitted_on == datetime.date.today()
    assert response.items.filter(value=4).count() == 8


def test_twice_is_refused_and_changes_nothing(survey, members):
    client = Client()
    client.force_login(members[0])
    url = reverse("exchange:survey_answer", args=[survey.pk, survey.link_key])
    assert client.post(url, _agreement_answers(survey)).status_code == 200
    counts = (SurveyResponse.objects.count(), AnswerItem.objects.count(), SurveyRespondent.objects.count())
    second = client.post(url, _agreement_answers(survey, "1"))
    assert second.status_code == 409
    assert "already answered" in second.content.decode()
    assert (SurveyResponse.objects.count(), AnswerItem.objects.count(), SurveyRespondent.objects.count()) == counts
    assert not AnswerItem.objects.filter(value=1).exists()


def test_forged_link_is_refused(survey, members):
    client = Client()
    client.force_login(members[0])
    response = client.post(
        reverse("exchange:survey_answer", args=[survey.pk, "forged-key"]), _agreement_answers(survey)
    )
    assert response.status_code == 404
    assert "link is not valid" in response.content.decode()
    assert SurveyResponse.objects.count() == 0 and SurveyRespondent.objects.count() == 0


def test_after_close_is_refused(survey, members, facilitator):
    services.survey_close(survey=survey, by=facilitator)
    client = Client()
    client.force_login(members[0])
    response = client.post(
        reverse("exchange:survey_answer", args=[survey.pk, survey.link_key]), _agreement_answers(survey)
    )
    assert response.status_code == 410
    assert "closed" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_after_closing_date_is_refused(survey, members):
    with pytest.raises(services.AnswerRefused):
        services.survey_submit(
            survey=survey,
            key=survey.link_key,
            user=members[0],
            answers=_agreement_answers(survey),
            today=survey.closes_on + datetime.timedelta(days=1),
        )
    assert SurveyRespondent.objects.count() == 0


def test_hostile_values_are_refused_with_a_message(survey, members):
    q = survey.sections.first().questions.first()
    with pytest.raises(ValidationError) as error:
        services.survey_submit(survey=survey, key=survey.link_key, user=members[0], answers={f"q{q.pk}": "9"})
    assert "1 to 5" in str(error.value)
    assert SurveyRespondent.objects.count() == 0 and SurveyResponse.objects.count() == 0


def test_results_only_from_the_fifth_answer(survey, members, facilitator):
    client = Client()
    client.force_login(facilitator)
    url = reverse("exchange:survey_results", args=[survey.pk])
    for i, member in enumerate(members, start=1):
        services.survey_submit(survey=survey, key=survey.link_key, user=member, answers=_agreement_answers(survey))
        body = client.get(url).content.decode()
        if i < MIN_ANSWERS:
            assert "Fewer than 5 answers" in body
            assert "Strongly agree" not in body
            assert survey_results(survey).sections[0].questions[0].rows == []
        else:
            assert "Fewer than 5 answers" not in body
            assert "Data table" in body
    results = survey_results(survey)
    agree = results.sections[0].questions[0]
    assert dict(agree.rows)["Agree"] == 5 and agree.mean == 4.0 and agree.agree_pct == 100.0
    # free text is not shown until reviewed
    assert "Jo Bloggs" not in client.get(url).content.decode()
    item = AnswerItem.objects.filter(question__kind=QuestionKind.TEXT).first()
    services.free_text_review(item=item, by=facilitator, text="Our head of service made this work", approve=True)
    body = client.get(url).content.decode()
    assert "Our head of service made this work" in body and "Jo Bloggs" not in body
    assert AnswerItem.objects.filter(review_state=ReviewState.APPROVED).count() == 1
    csv_text = results_csv(survey_results(survey))
    assert "Agree,5" in csv_text and "Jo Bloggs" not in csv_text


def test_breakdown_below_minimum_shows_no_figures(survey, members, facilitator, programme, place):
    later = CohortFactory(programme=programme, code="phase-two-test", name="Phase two", start_year=2019)
    MembershipFactory(cohort=later, place=place)
    survey.cohort = None
    survey.save()
    for member in members:
        services.survey_submit(
            survey=survey, key=survey.link_key, user=member, answers=_agreement_answers(survey), cohort=later
        )
    extra = user_with_role("sponsor", place)
    services.survey_submit(survey=survey, key=survey.link_key, user=extra, answers=_agreement_answers(survey))
    client = Client()
    client.force_login(facilitator)
    body = client.get(reverse("exchange:survey_results", args=[survey.pk])).content.decode()
    assert "Phase one: fewer than 5 answers" in body
    by_first = client.get(
        reverse("exchange:survey_results", args=[survey.pk])
        + f"?cohort={survey.programme.cohorts.get(code='phase-one-test').pk}"
    )
    assert "Fewer than 5 answers" in by_first.content.decode() and "Data table" not in by_first.content.decode()
    by_later = client.get(reverse("exchange:survey_results", args=[survey.pk]) + f"?cohort={later.pk}")
    assert "Data table" in by_later.content.decode()


def test_invitation_goes_through_the_one_notification_call(cohort, programme, facilitator, members):
    services.SENT.clear()
    survey = services.survey_from_template(by=facilitator, programme=programme, cohort=cohort)
    services.survey_open(survey=survey, by=facilitator)
    kind, obj, ids = services.SENT[-1]
    assert kind == "survey_invitation" and obj == survey and ids == sorted(m.pk for m in members)


def test_template_follows_the_january_2019_structure(survey):
    aims = [s.aim for s in survey.sections.all()]
    assert len(aims) == 8  # five aims with strengths, three areas for development (seed 004, Tables 1 and 2)
    assert all(s.questions.filter(kind=QuestionKind.AGREEMENT).count() == 1 for s in survey.sections.all())
