"""Every write for peer learning: keyword-only functions, each in a transaction. Problems raise ValidationError
with a message naming them; nothing is half-written.

Notifications all go through `_notify`, which hands them to the platform's one notification service.
"""

import datetime
import logging
import secrets
from collections import deque

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inclusive_cities.accounts.models import PlaceRole, PlaceRoleAssignment

from . import drafting
from .models import (
    REPORT_SECTIONS,
    ActionArising,
    AnswerItem,
    Barrier,
    Convening,
    ConveningOutput,
    ConveningPlace,
    LearningPoint,
    LearningReport,
    LearningReportSection,
    Partnership,
    PartnershipMeeting,
    PartnershipState,
    Position,
    Post,
    Question,
    QuestionKind,
    Report,
    ReportState,
    ReviewState,
    Survey,
    SurveyRespondent,
    SurveyResponse,
    SurveySection,
    SurveyState,
    Thread,
)
from .selectors import MEMBER_ROLES, active_memberships

log = logging.getLogger(__name__)

# The latest notifications, as (kind, object, ids of the people told), for tests and debugging (bounded, so a
# long-running process does not grow).
SENT: deque[tuple[str, object, list[int]]] = deque(maxlen=200)


def _notify(kind: str, obj, recipients) -> list[int]:
    """The single place peer learning notifies people (new convening, partnership proposal, reply in a followed
    thread, survey invitation). Recipients are worked out by the caller and never include anyone outside the
    programme for discussion replies."""
    from inclusive_cities.notifications.services import notify

    people = [user for user in recipients if user is not None]
    told = notify(kind, obj, None, candidates=people)
    ids = sorted({n.recipient_id for n in told})
    SENT.append((kind, obj, ids))
    log.info("notify %s %s -> %d people", kind, getattr(obj, "pk", None), len(ids))
    return ids


def _programme_people(programme_id: int, cohort_id: int | None = None):
    from inclusive_cities.accounts.models import User

    members = active_memberships().filter(cohort__programme_id=programme_id)
    if cohort_id:
        members = members.filter(cohort_id=cohort_id)
    place_ids = members.values("place_id")
    user_ids = PlaceRoleAssignment.objects.filter(place_id__in=place_ids, role__in=MEMBER_ROLES).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True)


def _check_dates(start, end, what: str) -> None:
    if start and end and end < start:
        raise ValidationError(_("%(what)s ends before it starts.") % {"what": what})


# --- convenings ------------------------------------------------------------------------------------------------

CONVENING_FIELDS = (
    "programme",
    "title",
    "kind",
    "host",
    "start_date",
    "end_date",
    "dates_note",
    "location",
    "aims",
    "attendees",
    "sessions",
    "notes",
    "notes_network_only",
    "source",
)


def _set_places(convening: Convening, places) -> None:
    convening.participations.all().delete()
    seen = set()
    for place, kind in places:
        if place.pk in seen:
            continue
        seen.add(place.pk)
        ConveningPlace.objects.create(convening=convening, place=place, kind=kind)


@transaction.atomic
def convening_create(*, by, places=(), notify: bool = True, **fields) -> Convening:
    unknown = set(fields) - set(CONVENING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_dates(fields.get("start_date"), fields.get("end_date"), _("The convening"))
    convening = Convening(created_by=by, **fields)
    convening.full_clean()
    convening.save()
    _set_places(convening, places)
    if notify:
        _notify("convening_new", convening, _programme_people(convening.programme_id))
    return convening


@transaction.atomic
def convening_update(*, convening: Convening, by, places=None, **fields) -> Convening:
    for name, value in fields.items():
        if name not in CONVENING_FIELDS:
            raise TypeError(name)
        setattr(convening, name, value)
    _check_dates(convening.start_date, convening.end_date, _("The convening"))
    convening.full_clean()
    convening.save()
    if places is not None:
        _set_places(convening, places)
    return convening


@transaction.atomic
def output_add(*, convening: Convening, by, title: str, kind: str, url: str = "", file=None, body: str = "",
               is_public: bool = False) -> ConveningOutput:  # fmt: skip
    if not (url or file or body):
        raise ValidationError(_("Give the output a web address, a file or some text."))
    output = ConveningOutput(convening=convening, title=title, kind=kind, url=url, body=body, is_public=is_public)
    if file:
        output.file = file
    output.full_clean()
    output.save()
    return output


@transaction.atomic
def learning_point_add(*, convening: Convening, by, text: str, themes=(), principles=(), is_public=False):
    if not text.strip():
        raise ValidationError(_("Write the learning point."))
    point = LearningPoint.objects.create(convening=convening, text=text.strip(), is_public=is_public)
    point.themes.set(themes)
    point.principles.set(principles)
    return point


@transaction.atomic
def action_arising_add(*, convening: Convening, by, text: str, place=None, plan_action=None) -> ActionArising:
    if not text.strip():
        raise ValidationError(_("Write the action."))
    if plan_action is not None:
        action_place = plan_action.priority.plan.place
        if place is None:
            place = action_place
        elif action_place.pk != place.pk:
            raise ValidationError(
                _("The plan action belongs to %(other)s, not %(place)s.") % {"other": action_place, "place": place}
            )
    return ActionArising.objects.create(convening=convening, text=text.strip(), place=place, plan_action=plan_action)


# --- partnerships ----------------------------------------------------------------------------------------------

OPEN_STATES = (PartnershipState.PROPOSED, PartnershipState.ACTIVE)


def _officers(*places):
    from inclusive_cities.accounts.models import User

    ids = PlaceRoleAssignment.objects.filter(place__in=places, role=PlaceRole.OFFICER).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


@transaction.atomic
def partnership_propose(*, by, place_a, place_b, aims: str, reasons: str = "", programme=None) -> Partnership:
    if place_a.pk == place_b.pk:
        raise ValidationError(_("A partnership needs two different places."))
    if not aims.strip():
        raise ValidationError(_("Say what the partnership aims to do."))
    pair = [place_a.pk, place_b.pk]
    if Partnership.objects.filter(place_a_id__in=pair, place_b_id__in=pair, state__in=OPEN_STATES).exists():
        raise ValidationError(
            _("%(a)s and %(b)s already have a proposed or active partnership.") % {"a": place_a, "b": place_b}
        )
    partnership = Partnership.objects.create(
        created_by=by, place_a=place_a, place_b=place_b, aims=aims.strip(), reasons=reasons, programme=programme
    )
    _notify("partnership_proposed", partnership, _officers(place_a, place_b))
    return partnership


def _side(partnership: Partnership, by) -> str:
    from inclusive_cities.accounts.roles import roles_of

    roles = roles_of(by)
    if roles.in_place(partnership.place_a_id, PlaceRole.OFFICER):
        return "a"
    if roles.in_place(partnership.place_b_id, PlaceRole.OFFICER):
        return "b"
    raise ValidationError(_("Only an officer of one of the two places can answer for it."))


@transaction.atomic
def partnership_respond(*, partnership: Partnership, by, accept: bool, note: str = "") -> Partnership:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.state != PartnershipState.PROPOSED:
        raise ValidationError(_("This partnership is no longer waiting for an answer."))
    side = _side(partnership, by)
    if accept:
        setattr(partnership, f"{side}_accepted", True)
        if partnership.a_accepted and partnership.b_accepted:
            partnership.state = PartnershipState.ACTIVE
    else:
        partnership.state = PartnershipState.DECLINED
        partnership.declined_note = note.strip()
    partnership.save()
    return partnership


def _require_active(partnership: Partnership) -> None:
    if partnership.state != PartnershipState.ACTIVE:
        raise ValidationError(_("Only an active partnership (accepted by both places) can record this."))


@transaction.atomic
def partnership_meeting_add(*, partnership: Partnership, by, date: datetime.date, summary: str):
    _require_active(partnership)
    if not summary.strip():
        raise ValidationError(_("Say what was discussed."))
    return PartnershipMeeting.objects.create(partnership=partnership, date=date, summary=summary.strip())


@transaction.atomic
def partnership_record_learning(*, partnership: Partnership, by, text: str, side: str | None = None) -> Partnership:
    _require_active(partnership)
    side = side or _side(partnership, by)
    if side not in {"a", "b"}:
        raise ValidationError(_("Choose which place learnt this."))
    setattr(partnership, f"learnt_{side}", text.strip())
    partnership.save()
    return partnership


@transaction.atomic
def partnership_close(*, partnership: Partnership, by, learning_note: str, today=None) -> Partnership:
    _require_active(partnership)
    if not learning_note.strip():
        raise ValidationError(_("Write a short learning note before closing the partnership."))
    partnership.learning_note = learning_note.strip()
    partnership.state = PartnershipState.CLOSED
    partnership.closed_on = today or timezone.localdate()
    partnership.save()
    return partnership


# --- discussions -----------------------------------------------------------------------------------------------


def _author_place(by, programme_id: int):
    from inclusive_cities.accounts.roles import roles_of

    place_ids = roles_of(by).place_ids(*MEMBER_ROLES)
    membership = (
        active_memberships()
        .filter(place_id__in=place_ids, cohort__programme_id=programme_id)
        .select_related("place")
        .first()
    )
    return membership.place if membership else None


@transaction.atomic
def thread_start(*, by, programme, title: str, body: str, cohort=None, theme=None, chatham_house=False) -> Thread:
    if not title.strip():
        raise ValidationError(_("Give the thread a title."))
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError(_("That cohort is not part of %(programme)s.") % {"programme": programme})
    thread = Thread.objects.create(created_by=by, programme=programme, cohort=cohort, theme=theme, title=title.strip())
    thread.followers.add(by)
    post_add(thread=thread, by=by, body=body, chatham_house=chatham_house)
    return thread


@transaction.atomic
def post_add(*, thread: Thread, by, body: str, chatham_house: bool = False) -> Post:
    if not body.strip():
        raise ValidationError(_("Write a message."))
    post = Post.objects.create(
        thread=thread,
        author=by,
        place=_author_place(by, thread.programme_id),
        body=body.strip(),
        chatham_house=chatham_house,
        created_by=by,
    )
    thread.followers.add(by)
    thread.save(update_fields=["updated_at"])
    # Replies go to followers who are still members of the thread's programme (or moderators), never further.
    members = set(_programme_people(thread.programme_id, thread.cohort_id).values_list("pk", flat=True))
    recipients = [u for u in thread.followers.all() if u.pk != by.pk and (u.pk in members or _is_staff(u))]
    _notify("thread_reply", post, recipients)
    return post


def _is_staff(user) -> bool:
    from inclusive_cities.accounts.roles import roles_of

    return roles_of(user).is_network_staff


@transaction.atomic
def post_hide(*, post: Post, by, reason: str) -> Post:
    if not reason.strip():
        raise ValidationError(_("Give a reason for hiding the post; it is kept in the post’s history."))
    post.is_hidden = True
    post.hidden_reason = reason.strip()
    post._change_reason = reason.strip()[:100]
    post.save()
    post.reports.update(resolved=True)
    return post


@transaction.atomic
def post_restore(*, post: Post, by, reason: str = "") -> Post:
    post.is_hidden = False
    post._change_reason = (reason.strip() or "restored")[:100]
    post.save()
    return post


@transaction.atomic
def post_report(*, post: Post, by, reason: str) -> Report:
    if not reason.strip():
        raise ValidationError(_("Say why you are reporting this post."))
    return Report.objects.create(post=post, reported_by=by, reason=reason.strip())


# --- surveys ---------------------------------------------------------------------------------------------------


@transaction.atomic
def survey_create(*, by, programme, title: str, cohort=None, introduction: str = "", closes_on=None) -> Survey:
    if cohort is not None and cohort.programme_id != programme.pk:
        raise ValidationError(_("That cohort is not part of %(programme)s.") % {"programme": programme})
    survey = Survey(
        created_by=by, programme=programme, cohort=cohort, title=title, introduction=introduction, closes_on=closes_on
    )
    survey.full_clean()
    survey.save()
    return survey


def _editable(survey: Survey) -> None:
    if survey.state != SurveyState.DRAFT:
        raise ValidationError(_("The survey is open or closed: its questions can no longer change."))


@transaction.atomic
def section_add(*, survey: Survey, by, aim: str) -> SurveySection:
    _editable(survey)
    if not aim.strip():
        raise ValidationError(_("Name the aim these questions are about."))
    return SurveySection.objects.create(survey=survey, aim=aim.strip(), order=survey.sections.count() + 1)


@transaction.atomic
def question_add(*, section: SurveySection, by, text: str, kind: str, choices: str = "", required=False):
    _editable(section.survey)
    if not text.strip():
        raise ValidationError(_("Write the question."))
    if kind not in QuestionKind.values:
        raise ValidationError(_("Choose a kind of question."))
    lines = [c.strip() for c in choices.splitlines() if c.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(lines) < 2:
        raise ValidationError(_("A choice question needs at least two choices, one a line."))
    if len(set(lines)) != len(lines):
        raise ValidationError(_("Each choice must be different."))
    return Question.objects.create(
        section=section,
        text=text.strip(),
        kind=kind,
        choices="\n".join(lines) if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) else "",
        required=required,
        order=section.questions.count() + 1,
    )


@transaction.atomic
def survey_from_template(*, by, programme, cohort=None, closes_on=None, title: str = "") -> Survey:
    """A survey with the structure of the January 2019 participant survey (seed 004, 'What difference the work
    made'): for each of the programme's aims, how far it was met (1-5), what worked (a strength) and what could
    be better (an area for development), in our own words."""
    from .survey_template import TEMPLATE

    survey = survey_create(
        by=by,
        programme=programme,
        cohort=cohort,
        closes_on=closes_on,
        title=title or TEMPLATE["title"],
        introduction=TEMPLATE["introduction"],
    )
    for aim in TEMPLATE["aims"]:
        section = section_add(survey=survey, by=by, aim=aim["aim"])
        for question in aim["questions"]:
            question_add(section=section, by=by, **question)
    return survey


@transaction.atomic
def survey_open(*, survey: Survey, by) -> Survey:
    _editable(survey)
    if not Question.objects.filter(section__survey=survey).exists():
        raise ValidationError(_("Add at least one question before opening the survey."))
    survey.state = SurveyState.OPEN
    survey.save()
    _notify("survey_invitation", survey, _programme_people(survey.programme_id, survey.cohort_id))
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, by) -> Survey:
    if survey.state != SurveyState.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.state = SurveyState.CLOSED
    survey.save()
    return survey


class AnswerRefused(ValidationError):
    """A survey answer that cannot be taken: forged link, closed survey, or already answered."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_can_answer(*, survey: Survey, key: str, user, today=None) -> None:
    today = today or timezone.localdate()
    if not secrets.compare_digest(str(key), survey.link_key):
        raise AnswerRefused(
            _("This survey link is not valid. Use the link from your invitation, or ask the facilitator for it."),
            404,
        )
    if survey.state != SurveyState.OPEN or (survey.closes_on and today > survey.closes_on):
        raise AnswerRefused(_("This survey is closed, so it no longer takes answers."), 410)
    if SurveyRespondent.objects.filter(survey=survey, user=user).exists():
        raise AnswerRefused(_("You have already answered this survey. Each person can answer once."), 409)


def clean_answers(survey: Survey, data: dict) -> tuple[dict, dict]:
    """Check submitted answers against the survey's questions: ({question id: cleaned}, {field: error})."""
    cleaned, errors = {}, {}
    for section in survey.sections.prefetch_related("questions"):
        for question in section.questions.all():
            name = f"q{question.pk}"
            raw = data.get(name)
            if question.kind == QuestionKind.MULTIPLE:
                values = [v for v in (raw or []) if v]
                bad = [v for v in values if v not in question.choice_list]
                if bad:
                    errors[name] = _("Choose from the choices given.")
                elif values:
                    cleaned[question.pk] = values
            elif question.kind == QuestionKind.AGREEMENT:
                if raw not in (None, ""):
                    if str(raw) not in {"1", "2", "3", "4", "5"}:
                        errors[name] = _("Choose a number from 1 to 5.")
                    else:
                        cleaned[question.pk] = int(raw)
            elif question.kind == QuestionKind.SINGLE:
                if raw not in (None, ""):
                    if raw not in question.choice_list:
                        errors[name] = _("Choose one of the choices given.")
                    else:
                        cleaned[question.pk] = raw
            else:
                text = (raw or "").strip()
                if len(text) > 5000:
                    errors[name] = _("Keep your answer under 5,000 characters.")
                elif text:
                    cleaned[question.pk] = text
            if question.required and question.pk not in cleaned and name not in errors:
                errors[name] = _("Answer this question: “%(q)s”.") % {"q": question.text}
    return cleaned, errors


@transaction.atomic
def survey_submit(*, survey: Survey, key: str, user, answers: dict, cohort=None, today=None) -> None:
    """Store one person's answers anonymously. Who answered goes into SurveyRespondent; the answers go into a
    SurveyResponse with a random key and the day only. Refused (nothing stored) for a forged link, a closed
    survey, a second answer, or answers that do not fit the questions."""
    today = today or timezone.localdate()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    check_can_answer(survey=survey, key=key, user=user, today=today)
    cleaned, errors = clean_answers(survey, answers)
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Answer at least one question before sending."))
    if cohort is not None and (cohort.programme_id != survey.programme_id):
        raise ValidationError(_("Choose a cohort of this programme."))
    try:
        with transaction.atomic():
            SurveyRespondent.objects.create(survey=survey, user=user)
    except IntegrityError as error:
        raise AnswerRefused(_("You have already answered this survey. Each person can answer once."), 409) from error
    response = SurveyResponse.objects.create(survey=survey, cohort=cohort, submitted_on=today)
    questions = {q.pk: q for q in Question.objects.filter(section__survey=survey)}
    items = []
    for qid, value in cleaned.items():
        question = questions[qid]
        item = AnswerItem(response=response, question=question)
        if question.kind == QuestionKind.AGREEMENT:
            item.value = value
        elif question.kind == QuestionKind.SINGLE:
            item.choices = value
        elif question.kind == QuestionKind.MULTIPLE:
            item.choices = "\n".join(value)
        else:
            item.text = value
        items.append(item)
    AnswerItem.objects.bulk_create(items)


@transaction.atomic
def free_text_review(*, item: AnswerItem, by, text: str, approve: bool) -> AnswerItem:
    if approve and not text.strip():
        raise ValidationError(_("Give the reviewed text to show, or withhold the comment."))
    item.reviewed_text = text.strip() if approve else ""
    item.review_state = ReviewState.APPROVED if approve else ReviewState.WITHHELD
    item.save(update_fields=["reviewed_text", "review_state"])
    return item


# --- learning reports ------------------------------------------------------------------------------------------


@transaction.atomic
def report_start(*, by, programme, title: str, period_start, period_end) -> LearningReport:
    _check_dates(period_start, period_end, _("The report’s period"))
    report = LearningReport(
        created_by=by, programme=programme, title=title, period_start=period_start, period_end=period_end
    )
    report.full_clean()
    report.save()
    texts = drafting.draft(programme=programme, period_start=period_start, period_end=period_end)
    LearningReportSection.objects.bulk_create(
        LearningReportSection(report=report, key=key, order=i, heading=str(heading), body=texts.get(key, ""))
        for i, (key, heading) in enumerate(REPORT_SECTIONS, start=1)
    )
    return report


@transaction.atomic
def report_section_update(*, section: LearningReportSection, by, heading: str, body: str):
    if section.report.is_published:
        raise ValidationError(_("The report is published; its sections can no longer change."))
    if not heading.strip():
        raise ValidationError(_("Give the section a heading."))
    section.heading = heading.strip()
    section.body = body
    section.save()
    return section


@transaction.atomic
def report_publish(*, report: LearningReport, by) -> LearningReport:
    if report.is_published:
        raise ValidationError(_("The report is already published."))
    if not any(s.body.strip() for s in report.sections.all()):
        raise ValidationError(_("Every section is empty: write the report before publishing it."))
    report.state = ReportState.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    return report


# --- advocacy --------------------------------------------------------------------------------------------------

BARRIER_FIELDS = ("kind", "title", "rule", "evidence", "local_figures", "source", "may_be_named")


def _check_actions(place, actions) -> None:
    wrong = [a for a in actions if a.priority.plan.place_id != place.pk]
    if wrong:
        raise ValidationError(
            _("“%(action)s” is not an action in %(place)s’s plan.") % {"action": wrong[0], "place": place}
        )


@transaction.atomic
def barrier_record(*, by, place, actions=(), **fields) -> Barrier:
    _check_actions(place, actions)
    barrier = Barrier(created_by=by, place=place, **{k: v for k, v in fields.items() if k in BARRIER_FIELDS})
    barrier.full_clean()
    barrier.save()
    barrier.actions.set(actions)
    return barrier


@transaction.atomic
def barrier_update(*, barrier: Barrier, by, actions=None, **fields) -> Barrier:
    for name, value in fields.items():
        if name in BARRIER_FIELDS:
            setattr(barrier, name, value)
    barrier.full_clean()
    barrier.save()
    if actions is not None:
        _check_actions(barrier.place, actions)
        barrier.actions.set(actions)
    return barrier


@transaction.atomic
def position_draft(*, by, kind: str, title: str) -> Position:
    barriers = list(Barrier.objects.filter(kind=kind).select_related("place"))
    summary, asks = drafting.position_text(kind=kind, barriers=barriers)
    position = Position(created_by=by, kind=kind, title=title, summary=summary, asks=asks)
    position.full_clean()
    position.save()
    position.barriers.set(barriers)
    return position


@transaction.atomic
def position_update(*, position: Position, by, title: str, summary: str, asks: str, barriers=None) -> Position:
    if position.is_published:
        raise ValidationError(_("The position is published; it can no longer change."))
    position.title, position.summary, position.asks = title, summary, asks
    position.full_clean()
    position.save()
    if barriers is not None:
        position.barriers.set(barriers)
    return position


@transaction.atomic
def position_publish(*, position: Position, by) -> Position:
    if position.is_published:
        raise ValidationError(_("The position is already published."))
    if not position.barriers.exists():
        raise ValidationError(_("Cite at least one place’s evidence before publishing the position."))
    position.state = ReportState.PUBLISHED
    position.published_at = timezone.now()
    position.save()
    return position
