"""Survey results: aggregates only, shown only when at least MIN_ANSWERS people answered (overall, and in each
breakdown). Counted in the database (a fixed number of queries, whatever the number of answers)."""

import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from inclusive_cities.core import spreadsheet
from inclusive_cities.core.charts import Chart, bar_chart
from inclusive_cities.network.models import Cohort

from .models import AGREEMENT_LABELS, AnswerItem, QuestionKind, ReviewState, Survey, SurveyResponse

MIN_ANSWERS = 5


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    agree_pct: float | None = None
    comments: list[str] = field(default_factory=list)
    chart: Chart | None = None


@dataclass
class SectionResult:
    aim: str
    questions: list[QuestionResult] = field(default_factory=list)


@dataclass
class Results:
    survey: Survey
    total: int
    shown: bool
    cohort: Cohort | None = None
    sections: list[SectionResult] = field(default_factory=list)
    breakdowns: list[dict] = field(default_factory=list)
    pending_comments: int = 0


def survey_results(survey: Survey, *, cohort: Cohort | None = None, charts: bool = True) -> Results:
    responses = SurveyResponse.objects.filter(survey=survey)
    if cohort is not None:
        responses = responses.filter(cohort=cohort)
    total = responses.count()
    results = Results(survey=survey, total=total, shown=total >= MIN_ANSWERS, cohort=cohort)
    results.breakdowns = [
        {
            "cohort": c,
            "count": counts.get(c.pk, 0),
            "shown": counts.get(c.pk, 0) >= MIN_ANSWERS,
        }
        for counts in [
            dict(
                SurveyResponse.objects.filter(survey=survey, cohort__isnull=False)
                .values_list("cohort_id")
                .annotate(n=Count("id"))
                .order_by()
            )
        ]
        for c in Cohort.objects.filter(programme_id=survey.programme_id).order_by("start_year", "name")
    ]
    items = AnswerItem.objects.filter(response__survey=survey)
    if cohort is not None:
        items = items.filter(response__cohort=cohort)
    results.pending_comments = (
        items.filter(question__kind=QuestionKind.TEXT, review_state=ReviewState.PENDING).exclude(text="").count()
    )
    if not results.shown:
        # Below the minimum: the structure only, no figures at all.
        for section in survey.sections.prefetch_related("questions"):
            results.sections.append(
                SectionResult(aim=section.aim, questions=[QuestionResult(q) for q in section.questions.all()])
            )
        return results
    values = defaultdict(Counter)
    for qid, value, n in (
        items.filter(value__isnull=False).values_list("question_id", "value").annotate(n=Count("id")).order_by()
    ):
        values[qid][value] = n
    choices = defaultdict(Counter)
    for qid, text in items.exclude(choices="").values_list("question_id", "choices").iterator():
        for choice in text.splitlines():
            choices[qid][choice] += 1
    answered = dict(items.values_list("question_id").annotate(n=Count("id")).order_by())
    comments = defaultdict(list)
    for qid, text in (
        items.filter(review_state=ReviewState.APPROVED)
        .exclude(reviewed_text="")
        .order_by("question_id", "reviewed_text")
        .values_list("question_id", "reviewed_text")
    ):
        comments[qid].append(text)
    for section in survey.sections.prefetch_related("questions"):
        sr = SectionResult(aim=section.aim)
        for question in section.questions.all():
            qr = QuestionResult(question, answered=answered.get(question.pk, 0))
            if question.kind == QuestionKind.AGREEMENT:
                counts = values[question.pk]
                qr.rows = [(str(AGREEMENT_LABELS[v]), counts.get(v, 0)) for v in range(1, 6)]
                n = sum(counts.values())
                if n:
                    qr.mean = round(sum(v * c for v, c in counts.items()) / n, 2)
                    qr.agree_pct = round((counts.get(4, 0) + counts.get(5, 0)) / n * 100, 1)
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                counts = choices[question.pk]
                qr.rows = [(choice, counts.get(choice, 0)) for choice in question.choice_list]
            else:
                qr.comments = comments[question.pk]
            if qr.rows and charts:
                qr.chart = bar_chart(
                    chart_id=f"q{question.pk}",
                    title=question.text,
                    labels=[label for label, _n in qr.rows],
                    values=[n for _label, n in qr.rows],
                    value_label=_("Answers"),
                    label_header=_("Answer"),
                    source=_("Anonymous participant survey: %(title)s") % {"title": survey.title},
                )
            sr.questions.append(qr)
        results.sections.append(sr)
    return results


def results_csv(results: Results) -> str:
    """Aggregates only: one row per answer option per question, with counts. Never a single response."""
    out = io.StringIO()
    writer = spreadsheet.writer(out)
    writer.writerow([_("Aim"), _("Question"), _("Answer"), _("Count")])
    if results.shown:
        for section in results.sections:
            for qr in section.questions:
                for label, n in qr.rows:
                    writer.writerow([section.aim, qr.question.text, label, n])
    writer.writerow([])
    writer.writerow([_("People who answered"), results.total])
    if not results.shown:
        writer.writerow([_("Fewer than %(n)d answers: no figures are shown.") % {"n": MIN_ANSWERS}])
    return out.getvalue()
