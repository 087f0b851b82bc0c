"""Benchmarks for peer learning (synthetic volume, generated here):

- partnership suggestions over every pair of the 361 current UK councils (district or unitary level), each with a
  network-shared confirmed self-assessment (made by the assessments benchmark, or here when run alone);
- the results of a survey with 2,000 anonymous answers (every question of the template answered);
- the learning-report draft for a programme of 40 places with 12 convenings and that survey.
"""

import datetime
import random
import uuid

from django.test import Client

from inclusive_cities.core.bench import summary, timed
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Cohort, Membership, Place, Programme

from . import drafting, services
from .models import AnswerItem, ConveningKind, LearningPoint, QuestionKind, SurveyResponse
from .results import survey_results
from .suggestions import all_pair_scores, suggest


def _assessments(places) -> None:
    from inclusive_cities.assessments.bench import _generate
    from inclusive_cities.assessments.models import Assessment

    if not Assessment.objects.filter(place__in=places).exists():
        _generate(places, framework_current())


def _survey_answers(survey, n: int, rng: random.Random) -> int:
    questions = [q for s in survey.sections.prefetch_related("questions") for q in s.questions.all()]
    today = datetime.date.today()
    responses = [SurveyResponse(id=uuid.uuid4(), survey=survey, submitted_on=today) for _ in range(n)]
    SurveyResponse.objects.bulk_create(responses, batch_size=1000)
    items = []
    for response in responses:
        for q in questions:
            item = AnswerItem(id=uuid.uuid4(), response=response, question=q)
            if q.kind == QuestionKind.AGREEMENT:
                item.value = rng.randint(1, 5)
            elif q.kind == QuestionKind.SINGLE:
                item.choices = rng.choice(q.choice_list)
            elif q.kind == QuestionKind.MULTIPLE:
                item.choices = "\n".join(rng.sample(q.choice_list, 2))
            else:
                item.text = "A comment"
                item.reviewed_text = "A reviewed comment"
                item.review_state = "approved"
            items.append(item)
    AnswerItem.objects.bulk_create(items, batch_size=5000)
    return len(items)


def run(report) -> None:
    rng = random.Random(2026)
    places = list(Place.objects.filter(is_current=True, is_lower_tier_or_unitary=True, is_uk_local_authority=True))
    _assessments(places)
    report("places compared (every pair)", len(places), "")
    stats = summary(timed(lambda: all_pair_scores(places), 5))
    report("suggestion scores for every pair, p50 (ms)", stats["p50"], "ms")
    stats = summary(timed(lambda: suggest(places, limit=20), 5))
    report("top 20 suggestions with reasons, p50 (ms)", stats["p50"], "ms")

    facilitator = user_with_role("facilitator", email="bench.exchange.fac@example.org")
    programme = Programme.objects.create(code="bench-exchange", name="Bench programme", start_year=2024)
    cohort = Cohort.objects.create(programme=programme, code="bench-exchange-1", name="Cohort 1", start_year=2024)
    forty = places[:40]
    Membership.objects.bulk_create([Membership(cohort=cohort, place=p) for p in forty])
    survey = services.survey_from_template(by=facilitator, programme=programme, cohort=cohort)
    items = _survey_answers(survey, 2000, rng)
    report("survey answers (people / answer items)", 2000, "")
    report("survey answer items", items, "")
    stats = summary(timed(lambda: survey_results(survey), 10))
    report("survey results, 2,000 answers, with charts p50 (ms)", stats["p50"], "ms")
    report("survey results, 2,000 answers, with charts p95 (ms)", stats["p95"], "ms")
    client = Client()
    client.force_login(facilitator)
    assert client.get(f"/network/surveys/{survey.pk}/results/").status_code == 200
    stats = summary(timed(lambda: client.get(f"/network/surveys/{survey.pk}/results/"), 10))
    report("survey results page p50 (ms)", stats["p50"], "ms")

    framework = framework_current()
    themes = list(framework.themes.all())
    for i in range(12):
        convening = services.convening_create(
            by=facilitator,
            programme=programme,
            title=f"Convening {i + 1}",
            kind=ConveningKind.WORKING_GROUP,
            host=forty[i],
            start_date=datetime.date.today() - datetime.timedelta(days=30 * (12 - i)),
            aims="Share plans\nDiscuss learning\nAgree next steps",
            places=[(p, "member") for p in forty],
            notify=False,
        )
        for j in range(5):
            point = LearningPoint.objects.create(convening=convening, text=f"Learning point {j + 1}")
            point.themes.set([themes[j % len(themes)]])
    start, end = datetime.date.today() - datetime.timedelta(days=400), datetime.date.today()
    stats = summary(timed(lambda: drafting.draft(programme=programme, period_start=start, period_end=end), 10))
    report("learning report draft, 40 places, 12 convenings p50 (ms)", stats["p50"], "ms")
    report("learning report draft, 40 places, 12 convenings p95 (ms)", stats["p95"], "ms")
