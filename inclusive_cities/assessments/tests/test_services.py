"""Writes: answering, partner contributions, confirmation; bad input gives a clear message and writes nothing."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inclusive_cities.assessments import demodata, services
from inclusive_cities.assessments.models import Answer, Assessment, Sharing, Status
from inclusive_cities.core.factories import user_with_role

pytestmark = pytest.mark.django_db


def _goal(framework, code):
    return framework.themes.get(code=code.split(".")[0]).goals.get(code=code)


def test_answer_save_creates_then_updates_one_answer(place, make_assessment, framework):
    officer = user_with_role("officer", place)
    assessment = make_assessment(place)
    goal = _goal(framework, "T3.2")
    services.answer_save(
        assessment=assessment,
        by=officer,
        goal=goal,
        level=2,
        evidence=" e ",
        confidence="high",
        links="https://example.org/a\n\n https://example.org/b ",
    )
    answer = services.answer_save(assessment=assessment, by=officer, goal=goal, level=None, evidence="later")
    assert Answer.objects.filter(assessment=assessment).count() == 1
    assert (answer.level, answer.evidence, answer.answered_by) == (None, "later", officer)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"level": 5}, r"from 0 \(not started\) to 4 \(leading\)"),
        ({"level": 2, "links": "example.org"}, "“example.org” is not a web address"),
        ({"level": 2, "confidence": "sure"}, "low, medium or high"),
    ],
)
def test_answer_bad_input(place, make_assessment, framework, kwargs, message):
    assessment = make_assessment(place)
    with pytest.raises(ValidationError, match=message):
        services.answer_save(assessment=assessment, by=None, goal=_goal(framework, "T1.1"), **kwargs)
    assert not Answer.objects.exists()


def test_confirmed_assessment_cannot_change(place, make_assessment, framework):
    assessment = make_assessment(place, status=Status.CONFIRMED, goals={"T1.1": 1})
    with pytest.raises(ValidationError, match="confirmed and can no longer be changed"):
        services.answer_save(assessment=assessment, by=None, goal=_goal(framework, "T1.1"), level=4)
    assert Answer.objects.get().level == 1


def test_confirm_needs_an_answer_and_records_the_sponsor(place, make_assessment):
    sponsor = user_with_role("sponsor", place)
    assessment = make_assessment(place, goals={"T1.1": None})
    with pytest.raises(ValidationError, match="Answer at least one question"):
        services.assessment_confirm(assessment=assessment, by=sponsor)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    Answer.objects.filter(assessment=assessment).update(level=2)
    services.assessment_confirm(assessment=assessment, by=sponsor)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.confirmed_by, assessment.confirmed_at is not None) == (
        Status.CONFIRMED,
        sponsor,
        True,
    )


def test_partner_contribution_counts_only_once_accepted(place, make_assessment, framework):
    officer = user_with_role("officer", place)
    partner = user_with_role("partner", place)
    assessment = make_assessment(place)
    goal = _goal(framework, "T2.2")
    services.contribution_request_create(assessment=assessment, partner=partner, goals=[goal], message="", by=officer)
    with pytest.raises(ValidationError, match="not been asked to answer goal T2.3"):
        services.contribution_submit(assessment=assessment, goal=_goal(framework, "T2.3"), by=partner, level=1)
    contribution = services.contribution_submit(
        assessment=assessment, goal=goal, by=partner, level=3, evidence="Employers' pledge"
    )
    assert not Answer.objects.filter(assessment=assessment).exists()
    services.contribution_decide(contribution=contribution, accept=True, by=officer)
    answer = Answer.objects.get(assessment=assessment, goal=goal)
    assert (answer.level, answer.answered_by, answer.evidence) == (3, partner, "Employers' pledge")
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.contribution_decide(contribution=contribution, accept=False, by=officer)


def test_only_the_places_partners_can_be_asked(place, other_place, make_assessment, framework):
    outsider = user_with_role("partner", other_place)
    assessment = make_assessment(place)
    with pytest.raises(ValidationError, match="is not a partner of this place"):
        services.contribution_request_create(
            assessment=assessment, partner=outsider, goals=[_goal(framework, "T1.1")], message="", by=None
        )
    with pytest.raises(ValidationError, match="at least one goal"):
        services.contribution_request_create(assessment=assessment, partner=outsider, goals=[], message="", by=None)


def test_answer_form_shows_the_problem_and_saves_nothing(as_role, place, make_assessment):
    client = as_role("officer")
    assessment = make_assessment(place)
    url = reverse("assessments:answer", args=[place.code, assessment.pk, "T1.1"])
    response = client.post(url, {"level": "9", "links": "not a link", "confidence": "high"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "“not a link” is not a web address" in text
    assert "Select a valid choice" in text
    assert not Answer.objects.exists()
    response = client.post(url, {"level": "3", "links": "https://example.org", "confidence": "high"})
    assert response.status_code == 302
    assert Answer.objects.get().level == 3


def test_an_empty_answer_is_refused_not_reported_as_saved(as_role, place, make_assessment):
    client = as_role("officer")
    assessment = make_assessment(place)
    url = reverse("assessments:answer", args=[place.code, assessment.pk, "T1.1"])
    response = client.post(url, {"level": "", "evidence": "   ", "links": "", "confidence": ""})
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text
    assert "Nothing to save: choose a maturity level" in text
    assert "Answer saved" not in text
    assert not Answer.objects.exists()
    response = client.post(url, {"evidence": "Cabinet decision of 3 March"}, follow=True)
    assert "Answer saved" in response.content.decode()
    assert Answer.objects.get().evidence == "Cabinet decision of 3 March"


def test_principle_in_theme_answer_and_unknown_question(as_role, place, make_assessment):
    client = as_role("officer")
    assessment = make_assessment(place)
    response = client.post(reverse("assessments:answer", args=[place.code, assessment.pk, "P3-T2"]), {"level": "1"})
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert (answer.principle.code, answer.theme.code, answer.goal) == ("P3", "T2", None)
    assert client.get(reverse("assessments:answer", args=[place.code, assessment.pk, "T9.9"])).status_code == 404
    assert client.get(reverse("assessments:answer", args=[place.code, assessment.pk, "P9-T1"])).status_code == 404


def test_create_form_requires_title_and_sharing(as_role, place, framework):
    response = as_role("officer").post(reverse("assessments:create", args=[place.code]), {"title": " "})
    text = response.content.decode()
    assert "Give the assessment a title" in text and "Choose who can see the results" in text
    assert not Assessment.objects.exists()


def test_csv_lists_every_question_and_the_scores(as_role, place, make_assessment):
    assessment = make_assessment(place, goals={"T1.1": 3}, cells={("P2", "T1"): 1})
    response = as_role("officer").get(reverse("assessments:csv", args=[place.code, assessment.pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    goals = [r for r in rows if r["kind"] == "goal"]
    cells = [r for r in rows if r["kind"] == "principle_in_theme"]
    assert len(goals) == 23 and len(cells) == 25
    t11 = next(r for r in goals if r["code"] == "T1.1")
    assert (t11["level"], t11["score_0_100"]) == ("3", "75.0")
    theme = next(r for r in rows if r["kind"] == "theme_score" and r["code"] == "T1")
    assert theme["score_0_100"] == "75.0" and theme["confidence"] == "" and "1 of 4 answered" in theme["evidence"]


def test_pdf_is_a_pdf(as_role, place, make_assessment):
    assessment = make_assessment(place, sharing=Sharing.PUBLIC, goals={"T1.1": 3})
    response = as_role("officer").get(reverse("assessments:pdf", args=[place.code, assessment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_demo_is_idempotent_and_keeps_edits(framework):
    from inclusive_cities.network.services import places_load

    places_load()
    assert "9 illustrative" in demodata.load()
    shared = Assessment.objects.filter(status=Status.CONFIRMED).exclude(sharing=Sharing.PRIVATE)
    assert shared.values("place").distinct().count() >= 6
    assert Assessment.objects.filter(sharing=Sharing.PRIVATE).exists()
    assert Assessment.objects.filter(place__code="E06000023").count() == 2
    assert not Assessment.objects.filter(is_illustrative=False).exists()
    edited = Assessment.objects.first()
    edited.sharing = Sharing.PRIVATE
    edited.save()
    count = Answer.objects.count()
    assert "0 illustrative" in demodata.load()
    edited.refresh_from_db()
    assert edited.sharing == Sharing.PRIVATE and Answer.objects.count() == count


def test_gap_to_priority_goes_into_the_chosen_plan_once(place, other_place, make_assessment, framework):
    from inclusive_cities.plans.models import ActionPlan

    officer = user_with_role("officer", place)
    assessment = make_assessment(place, goals={"T2.1": 1, "T2.2": 3, "T2.3": None})
    theme = framework.themes.get(code="T2")
    priority = services.gap_to_priority(assessment=assessment, theme=theme, by=officer, plan=None)  # a new plan
    plan = ActionPlan.objects.get(place=place)
    assert plan.status == "draft" and priority.plan == plan
    assert list(priority.themes.all()) == [theme]
    assert "scored 50.0 out of 100 (2 of 5 goals answered)" in priority.description  # (1+3)/2 = 2 -> 50
    assert "T2.1" in priority.description and "T2.3" in priority.description and "T2.2" not in priority.description
    again = services.gap_to_priority(assessment=assessment, theme=theme, by=officer, plan=plan)
    assert again.pk == priority.pk and ActionPlan.objects.count() == 1 and plan.priorities.count() == 1
    # a second gap into the same chosen plan
    services.gap_to_priority(assessment=assessment, theme=framework.themes.get(code="T5"), by=officer, plan=plan)
    assert plan.priorities.count() == 2
    # another place's plan, or a plan no longer in draft, is refused and nothing is written
    foreign = ActionPlan.objects.create(
        place=other_place,
        framework=framework,
        title="Theirs",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    with pytest.raises(ValidationError, match="Choose a draft plan of this place"):
        services.gap_to_priority(assessment=assessment, theme=framework.themes.get(code="T3"), by=officer, plan=foreign)
    plan.status = "in_review"
    plan.save()
    with pytest.raises(ValidationError, match="Choose a draft plan of this place"):
        services.gap_to_priority(assessment=assessment, theme=framework.themes.get(code="T3"), by=officer, plan=plan)
    assert plan.priorities.count() == 2 and not foreign.priorities.exists()


@pytest.mark.parametrize(("role", "status"), [("officer", 200), ("facilitator", 200), ("partner", 404), ("user", 404)])
def test_change_history_of_an_assessment(as_role, place, make_assessment, role, status):
    assessment = make_assessment(place, sharing=Sharing.PUBLIC)
    url = reverse("core:history", args=["assessments", "assessment", assessment.pk])
    assert as_role(role).get(url).status_code == status


def test_an_answers_history_is_linked_for_its_officers_only(place, make_assessment, as_role):
    assessment = make_assessment(place, goals={"T1.1": 1})
    answer = assessment.answers.get()
    url = reverse("assessments:answer", args=[place.code, assessment.pk, "T1.1"])
    history = reverse("core:history", args=["assessments", "answer", answer.pk])
    officer = as_role("officer")
    assert history in officer.get(url).content.decode()
    assert officer.get(history).status_code == 200
    partner = as_role("partner")
    page = partner.get(url)
    assert page.status_code in (403, 404) or history not in page.content.decode()


def test_anonymous_pdf_renders_are_limited(place, make_assessment, settings):
    from django.test import Client

    settings.ANONYMOUS_PDF_RATE = "1/10m"
    assessment = make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.PUBLIC, goals={"T1.1": 3})
    url = reverse("assessments:pdf", args=[place.code, assessment.pk])
    public = Client()
    assert public.get(url).status_code == 200
    refused = public.get(url)
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert f'href="{assessment.get_absolute_url()}"' in refused.content.decode()


def test_gap_to_priority_from_a_welsh_page_finds_the_same_priority(place, make_assessment, framework):
    """On a Welsh page the priority is still written and looked for in English (the plan's original language), so
    the same gap sent twice, once from each language, makes one priority."""
    from django.utils import translation

    from inclusive_cities.plans.models import ActionPlan

    officer = user_with_role("officer", place)
    assessment = make_assessment(place, goals={"T2.1": 1, "T2.2": 3})
    theme = framework.themes.get(code="T2")
    first = services.gap_to_priority(assessment=assessment, theme=theme, by=officer, plan=None)
    plan = ActionPlan.objects.get(place=place)
    with translation.override("cy"):
        again = services.gap_to_priority(assessment=assessment, theme=theme, by=officer, plan=plan)
    assert again.pk == first.pk and plan.priorities.count() == 1
    first.refresh_from_db()
    assert first.title_en and "scored 50.0 out of 100" in first.description_en
