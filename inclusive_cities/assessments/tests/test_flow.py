"""The self-assessment as a flow: save and continue in order, progress, check answers with change links, and a gap
turned into a priority only after the officer chose the plan and confirmed."""

import re

import pytest
from django.urls import reverse

from inclusive_cities.assessments.models import Answer, Status
from inclusive_cities.plans.models import ActionPlan, Priority

pytestmark = pytest.mark.django_db

# Framework 1.0: theme T1 has four goals, then each of the five principles within T1, then T2's goals.
FIRST_KEYS = ["T1.1", "T1.2", "T1.3", "T1.4", "P1-T1", "P2-T1", "P3-T1", "P4-T1", "P5-T1", "T2.1"]


def _answer_url(a, key, query=""):
    return reverse("assessments:answer", args=[a.place.code, a.pk, key]) + query


def _check_url(a):
    return reverse("assessments:check", args=[a.place.code, a.pk])


def _total(framework):
    goals = sum(t.goals.count() for t in framework.themes.all())
    return goals + framework.themes.count() * framework.principles.count()


def test_the_questions_come_in_order_and_save_and_continue_follows_it(as_role, place, make_assessment, framework):
    from inclusive_cities.assessments import selectors

    client = as_role("officer")
    assessment = make_assessment(place)
    keys = [q.key for q in selectors.flow(assessment).questions]
    assert keys[: len(FIRST_KEYS)] == FIRST_KEYS and len(keys) == len(set(keys)) == _total(framework)
    assert keys[-1] == "P5-T5"

    # save and continue: the next question
    response = client.post(_answer_url(assessment, "T1.1"), {"level": "2", "then": "continue"})
    assert response.status_code == 302 and response["Location"] == _answer_url(assessment, "T1.2")
    # the next *unanswered* one: T1.2 is answered, so after T1.1 (changed again) comes T1.3
    client.post(_answer_url(assessment, "T1.2"), {"level": "1"})
    response = client.post(_answer_url(assessment, "T1.1"), {"level": "3", "then": "continue"})
    assert response["Location"] == _answer_url(assessment, "T1.3")
    # after the last principle of T1 the flow moves to the next theme's first goal
    response = client.post(_answer_url(assessment, "P5-T1"), {"level": "2"})
    assert response["Location"] == _answer_url(assessment, "T2.1")
    # from the last question the flow goes round to the first one still unanswered
    response = client.post(_answer_url(assessment, "P5-T5"), {"level": "2"})
    assert response["Location"] == _answer_url(assessment, "T1.3")


def test_save_and_come_back_later(as_role, place, make_assessment):
    client = as_role("officer")
    assessment = make_assessment(place)
    response = client.post(_answer_url(assessment, "T1.1"), {"level": "2", "then": "later"}, follow=True)
    assert response.redirect_chain[-1][0] == assessment.get_absolute_url() + "#progress"
    assert "Answer saved. You can come back and carry on at any time." in response.content.decode()
    assert Answer.objects.get().level == 2


def test_the_last_unanswered_question_leads_to_check_answers(as_role, place, make_assessment, framework):
    from inclusive_cities.assessments import selectors

    client = as_role("officer")
    assessment = make_assessment(place)
    keys = [q.key for q in selectors.flow(assessment).questions]
    for key in keys[:-1]:
        if "-" in key:
            p, t = key.split("-")
            where = {"principle": framework.principles.get(code=p), "theme": framework.themes.get(code=t)}
        else:
            where = {"goal": framework.themes.get(code=key.split(".")[0]).goals.get(code=key)}
        Answer.objects.create(assessment=assessment, level=2, **where)
    response = client.post(_answer_url(assessment, keys[-1]), {"level": "4", "then": "continue"}, follow=True)
    assert response.redirect_chain[-1][0] == _check_url(assessment)
    text = response.content.decode()
    assert "Every question is answered" in text
    total = _total(framework)
    assert f"{total} of {total} answered" in text


def test_progress_counts_on_the_question_and_the_assessment_page(as_role, place, make_assessment, framework):
    client = as_role("officer")
    total = _total(framework)
    # two levels chosen; an answer with evidence but no level does not count as answered
    assessment = make_assessment(place, goals={"T1.1": 3, "T1.2": None}, cells={("P2", "T1"): 1})
    text = client.get(_answer_url(assessment, "T1.3")).content.decode()
    assert f"2 of {total} answered" in text
    assert f"Question 3 of {total}" in text
    page = client.get(assessment.get_absolute_url()).content.decode()
    progress = re.search(r'id="progress">(.*?)</p>', page, re.S).group(1)
    assert f"2 of {total} answered" in progress
    # "Continue answering" leads to the first unanswered question
    assert _answer_url(assessment, "T1.2") in page and "Continue answering" in page
    client.post(_answer_url(assessment, "T1.3"), {"level": "0"})
    assert f"3 of {total} answered" in client.get(assessment.get_absolute_url()).content.decode()


def test_check_answers_change_links_go_round_and_back(as_role, place, make_assessment):
    client = as_role("officer")
    assessment = make_assessment(place, goals={"T1.1": 1})
    page = client.get(_check_url(assessment)).content.decode()
    change = _answer_url(assessment, "T1.1", "?return=check")
    assert f'href="{change}"' in page and "Change<span" in page
    # unanswered questions are listed, each with a link to answer it and come back
    unanswered = re.search(r'id="unanswered-list">(.*?)</ul>', page, re.S).group(1)
    assert _answer_url(assessment, "T1.2", "?return=check") in unanswered
    assert _answer_url(assessment, "T1.1", "?return=check") not in unanswered
    form = client.get(change).content.decode()
    assert '<input type="hidden" name="return" value="check">' in form
    assert "Save and return to check your answers" in form
    response = client.post(change, {"level": "4", "return": "check"})
    assert response.status_code == 302 and response["Location"] == _check_url(assessment) + "#q-T1.1"
    page = client.get(_check_url(assessment)).content.decode()
    row = re.search(r'id="q-T1.1">(.*?)</div>', page, re.S).group(1)
    assert "4 – Leading" in row
    # a refused answer keeps the officer on the question, still on the way back to check answers
    response = client.post(_answer_url(assessment, "T1.2"), {"level": "", "return": "check"})
    assert (
        response.status_code == 200 and '<input type="hidden" name="return" value="check">' in response.content.decode()
    )
    assert Answer.objects.filter(assessment=assessment).count() == 1


def test_the_sponsor_confirms_from_check_answers(as_role, place, make_assessment):
    sponsor = as_role("sponsor")
    empty = make_assessment(place, title="Empty")
    page = sponsor.get(_check_url(empty)).content.decode()
    confirm = reverse("assessments:confirm", args=[place.code, empty.pk])
    assert f'action="{confirm}"' in page and "Confirm the assessment" in page
    assert "?return=check" not in page  # the sponsor does not change answers
    response = sponsor.post(confirm)
    assert response.status_code == 200 and "Answer at least one question" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == Status.DRAFT
    answered = make_assessment(place, title="Answered", goals={"T1.1": 2})
    response = sponsor.post(reverse("assessments:confirm", args=[place.code, answered.pk]))
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.status == Status.CONFIRMED
    # the officer's check page says who confirms, and has no confirm button
    officer_page = as_role("officer").get(_check_url(empty)).content.decode()
    assert "senior sponsor confirms the assessment from this page" in officer_page and confirm not in officer_page


def _plan(place, framework, title, status="draft"):
    import datetime

    return ActionPlan.objects.create(
        place=place,
        framework=framework,
        title=title,
        status=status,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2029, 3, 31),
    )


def test_gap_asks_which_plan_confirms_and_then_writes_one_priority(
    as_role, place, other_place, make_assessment, framework
):
    client = as_role("officer")
    assessment = make_assessment(place, goals={"T2.1": 1, "T2.2": 2})
    draft = _plan(place, framework, "City plan 2026")
    other_draft = _plan(place, framework, "Neighbourhoods plan")
    published = _plan(place, framework, "Old plan", status="published")
    foreign = _plan(other_place, framework, "Their plan")
    url = reverse("assessments:priority", args=[place.code, assessment.pk, "T2"])

    page = client.get(url).content.decode()
    assert 'value="%s"' % draft.pk in page and 'value="%s"' % other_draft.pk in page
    assert 'value="new"' in page and "Start a new draft plan" in page
    assert "Old plan" not in page and "Their plan" not in page
    assert f'href="{assessment.get_absolute_url()}#next-steps"' in page  # cancel goes back to the assessment

    # no choice, or a plan that is not one of this place's drafts: a message on the field, nothing written
    for bad in [{}, {"plan": str(published.pk)}, {"plan": str(foreign.pk)}, {"plan": "nonsense"}]:
        response = client.post(url, bad)
        text = response.content.decode()
        assert response.status_code == 200 and "govuk-error-message" in text
        assert "Choose" in text
    response = client.post(url, {"plan": str(foreign.pk), "confirmed": "yes"})
    assert response.status_code == 200 and not Priority.objects.exists()

    # the confirmation page names the priority and the plan, and writes nothing
    response = client.post(url, {"plan": str(draft.pk)})
    text = response.content.decode()
    assert "This will add the priority “Close the gap: " in text and "to the plan “City plan 2026”" in text
    assert 'name="confirmed" value="yes"' in text
    assert not Priority.objects.exists()

    response = client.post(url, {"plan": str(draft.pk), "confirmed": "yes"})
    assert response.status_code == 302
    priority = Priority.objects.get()
    assert priority.plan == draft and [t.code for t in priority.themes.all()] == ["T2"]
    assert ActionPlan.objects.count() == 4  # no new plan
    # confirming twice (a double click) still gives one priority
    client.post(url, {"plan": str(draft.pk), "confirmed": "yes"})
    assert Priority.objects.count() == 1


def test_gap_into_a_new_plan(as_role, place, make_assessment, framework):
    client = as_role("officer")
    assessment = make_assessment(place, goals={"T3.1": 0})
    url = reverse("assessments:priority", args=[place.code, assessment.pk, "T3"])
    text = client.post(url, {"plan": "new"}).content.decode()
    assert "This will start a new draft plan" in text and not ActionPlan.objects.exists()
    client.post(url, {"plan": "new", "confirmed": "yes"})
    plan = ActionPlan.objects.get()
    assert plan.status == "draft" and plan.place == place
    assert [p.title for p in plan.priorities.all()] == [Priority.objects.get().title]


def test_a_supporting_file_is_checked_by_its_content(as_role, place, make_assessment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = as_role("officer")
    assessment = make_assessment(place)
    html_as_pdf = SimpleUploadedFile("evidence.pdf", b"<html><body>not a PDF</body></html>", "application/pdf")
    response = client.post(_answer_url(assessment, "T1.1"), {"level": "2", "file": html_as_pdf})
    assert response.status_code == 200
    assert "“evidence.pdf” is not a PDF file: its content is HTML." in response.content.decode()
    assert not Answer.objects.exists()
    pdf = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(_answer_url(assessment, "T1.1"), {"level": "2", "file": pdf})
    assert response.status_code == 302
    assert Answer.objects.get().file.name.endswith(".pdf")
