"""Consultation results for the officer: per priority, how many chose each point of the agreement scale.

The suppression rule: a set of counts (a priority overall, or one breakdown of it: people or organisations, English
or Welsh) is shown only when at least MIN_ANSWERS answers make it up; below that, only that there were fewer.
Comments appear only as the officer moderated them. Counted in the database in a fixed number of queries.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from .models import AGREEMENT_LABELS, Answer, Moderation, RespondentKind, Response, site_languages

MIN_ANSWERS = 5


@dataclass
class Counts:
    label: str
    total: int
    rows: list[tuple[str, int]] | None  # None: suppressed (fewer than MIN_ANSWERS)

    @property
    def shown(self) -> bool:
        return self.rows is not None

    @property
    def agree_pct(self) -> float | None:
        if not self.rows or not self.total:
            return None
        return round((self.rows[3][1] + self.rows[4][1]) / self.total * 100)


@dataclass
class PriorityResult:
    priority: object
    overall: Counts
    breakdowns: list[Counts] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    pending: int = 0


@dataclass
class Results:
    consultation: object
    total: int
    organisations: list[str]
    priorities: list[PriorityResult]
    pending: int
    minimum: int = MIN_ANSWERS


def _counts(label: str, counter: Counter) -> Counts:
    total = sum(counter.values())
    rows = [(str(AGREEMENT_LABELS[v]), counter.get(v, 0)) for v in range(1, 6)] if total >= MIN_ANSWERS else None
    return Counts(label=label, total=total, rows=rows)


def consultation_results(consultation) -> Results:
    responses = Response.objects.filter(consultation=consultation)
    answers = Answer.objects.filter(response__consultation=consultation)
    overall = defaultdict(Counter)
    by_group = defaultdict(lambda: defaultdict(Counter))
    for pid, value, kind, language, n in (
        answers.filter(agreement__isnull=False)
        .values_list("priority_id", "agreement", "response__kind", "response__language")
        .annotate(n=Count("id"))
        .order_by()
    ):
        overall[pid][value] += n
        by_group[pid][("kind", kind)][value] += n
        by_group[pid][("language", language)][value] += n
    comments = defaultdict(list)
    for pid, text in (
        answers.filter(moderation=Moderation.APPROVED)
        .exclude(moderated_text="")
        .order_by("priority_id", "moderated_text")
        .values_list("priority_id", "moderated_text")
    ):
        comments[pid].append(text)
    pending = dict(
        answers.filter(moderation=Moderation.PENDING)
        .exclude(text="")
        .values_list("priority_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    groups = [("kind", value, label) for value, label in RespondentKind.choices] + [
        ("language", code, _("Answered in %(language)s") % {"language": name}) for code, name in site_languages()
    ]
    kind_labels = {
        RespondentKind.PERSON: _("People answering for themselves"),
        RespondentKind.ORGANISATION: _("Organisations"),
    }
    priorities = []
    for question in consultation.questions.select_related("priority"):
        pid = question.priority_id
        result = PriorityResult(
            priority=question.priority,
            overall=_counts(_("Everyone"), overall[pid]),
            comments=comments[pid],
            pending=pending.get(pid, 0),
        )
        for axis, value, label in groups:
            label = kind_labels.get(value, label) if axis == "kind" else label
            result.breakdowns.append(_counts(str(label), by_group[pid][(axis, value)]))
        priorities.append(result)
    organisations = sorted(
        set(responses.filter(kind=RespondentKind.ORGANISATION).values_list("organisation_name", flat=True))
    )
    return Results(
        consultation=consultation,
        total=responses.count(),
        organisations=organisations,
        priorities=priorities,
        pending=sum(pending.values()),
    )
