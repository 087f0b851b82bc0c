"""Writes for consultations, each in a transaction, keyword-only arguments. Nothing is half-written: a refusal
raises ValidationError (with a message naming the problem) before anything is saved."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from inclusive_cities.core.formats import human_date
from inclusive_cities.plans.models import PlanStatus

from .models import (
    Answer,
    Consultation,
    ConsultationPriority,
    Moderation,
    Outcome,
    RespondentKind,
    Response,
    site_languages,
)

MAX_TEXT = 5000
MAX_DAYS = 366
FIELDS = ("title", "title_cy", "introduction", "introduction_cy", "opens_on", "closes_on")


def check_plan(plan) -> None:
    if plan.status == PlanStatus.IN_REVIEW:
        return
    if plan.status == PlanStatus.DRAFT:
        message = _("This plan is a draft: submit it for review before opening a consultation on it.")
    else:
        message = _(
            "This plan is %(status)s: a consultation can only be opened on a plan in review, while it can still change."
        ) % {"status": plan.get_status_display().lower()}
    raise ValidationError(message)


def _check_period(opens_on, closes_on, *, today, was_open_on=None) -> None:
    if opens_on is None or closes_on is None:
        raise ValidationError(_("Give the day the consultation opens and the day it closes."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The consultation must close on or after the day it opens.")})
    if closes_on < today:
        raise ValidationError({"closes_on": _("The closing day has passed: choose today or a later day.")})
    if opens_on < today and opens_on != was_open_on:
        raise ValidationError({"opens_on": _("The opening day has passed: choose today or a later day.")})
    if (closes_on - opens_on).days + 1 > MAX_DAYS:
        raise ValidationError({"closes_on": _("A consultation can run for a year at most.")})


def _check_languages(languages) -> str:
    known = [code for code, _name in site_languages()]
    chosen = [code for code in known if code in set(languages or [])]
    unknown = set(languages or []) - set(known)
    if unknown or not chosen:
        raise ValidationError({"languages": _("Choose at least one of the site’s languages.")})
    return ",".join(chosen)


def _check_priorities(plan, priorities) -> list:
    priorities = list(priorities or [])
    if not priorities:
        raise ValidationError({"priorities": _("Choose at least one priority to ask about.")})
    wrong = [p for p in priorities if p.plan_id != plan.pk]
    if wrong:
        raise ValidationError({"priorities": _("“%(p)s” is not a priority of this plan.") % {"p": wrong[0]}})
    return priorities


@transaction.atomic
def consultation_open(*, plan, by, priorities, languages, today=None, **fields) -> Consultation:
    """Open a consultation on a plan in review, for a set period, asking about the chosen priorities."""
    today = today or timezone.localdate()
    check_plan(plan)
    if Consultation.objects.filter(plan=plan).exists():
        raise ValidationError(_("This plan already has a consultation: edit that one."))
    _check_period(fields.get("opens_on"), fields.get("closes_on"), today=today)
    consultation = Consultation(
        plan=plan, created_by=by, languages=_check_languages(languages), **{k: fields.get(k) for k in FIELDS}
    )
    for key in ("title_cy", "introduction", "introduction_cy"):
        setattr(consultation, key, (getattr(consultation, key) or "").strip())
    priorities = _check_priorities(plan, priorities)
    consultation.full_clean()
    consultation.save()
    ConsultationPriority.objects.bulk_create(
        ConsultationPriority(consultation=consultation, priority=p) for p in priorities
    )
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, by, priorities, languages, today=None, **fields):
    """Change the wording, period, languages or priorities. Once anyone has answered, the priorities asked about
    stay as they were (answers would otherwise lose their question)."""
    today = today or timezone.localdate()
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    check_plan(consultation.plan)
    _check_period(fields.get("opens_on"), fields.get("closes_on"), today=today, was_open_on=consultation.opens_on)
    priorities = _check_priorities(consultation.plan, priorities)
    current = set(consultation.questions.values_list("priority_id", flat=True))
    if current != {p.pk for p in priorities} and consultation.responses.exists():
        raise ValidationError(
            {"priorities": _("People have answered already: the priorities asked about can no longer change.")}
        )
    for key in FIELDS:
        value = fields.get(key)
        setattr(consultation, key, value.strip() if isinstance(value, str) else value)
    consultation.languages = _check_languages(languages)
    consultation.full_clean()
    consultation.save()
    consultation.questions.exclude(priority__in=priorities).delete()
    ConsultationPriority.objects.bulk_create(
        ConsultationPriority(consultation=consultation, priority=p) for p in priorities if p.pk not in current
    )
    return consultation


class AnswerRefused(ValidationError):
    """An answer that cannot be taken: the consultation is closed (410) or has not opened yet (409)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def check_open(consultation: Consultation, *, today=None) -> None:
    today = today or timezone.localdate()
    if consultation.plan.status != PlanStatus.IN_REVIEW or (consultation.closes_on < today):
        raise AnswerRefused(_("This consultation is closed, so it no longer takes answers."), 410)
    if consultation.opens_on > today:
        raise AnswerRefused(_("This consultation opens on %(day)s.") % {"day": human_date(consultation.opens_on)}, 409)


def clean_answers(consultation: Consultation, data: dict) -> tuple[dict, dict]:
    """Check the submitted answers: ({priority id: (agreement or None, text)}, {field name: error})."""
    cleaned, errors = {}, {}
    for question in consultation.questions.select_related("priority"):
        pid = question.priority_id
        raw = data.get(f"agree_{pid}")
        agreement = None
        if raw not in (None, ""):
            if str(raw) not in {"1", "2", "3", "4", "5"}:
                errors[f"agree_{pid}"] = _("Choose one of the five answers, from strongly disagree to strongly agree.")
            else:
                agreement = int(raw)
        text = str(data.get(f"comment_{pid}") or "").strip()
        if len(text) > MAX_TEXT:
            errors[f"comment_{pid}"] = _("Keep your comment under 5,000 characters (it has %(n)s).") % {
                "n": f"{len(text):,}"
            }
        if agreement is not None or text:
            cleaned[pid] = (agreement, text[:MAX_TEXT])
    return cleaned, errors


@transaction.atomic
def response_submit(
    *, consultation: Consultation, answers: dict, kind: str = RespondentKind.PERSON, organisation_name: str = "",
    language: str = "", today=None,
) -> Response:  # fmt: skip
    """Store one set of answers anonymously: the day only, no link to a person. Refused (nothing stored) when the
    consultation is not open or the answers do not fit the questions."""
    today = today or timezone.localdate()
    consultation = Consultation.objects.select_for_update().select_related("plan").get(pk=consultation.pk)
    check_open(consultation, today=today)
    cleaned, errors = clean_answers(consultation, answers)
    organisation_name = (organisation_name or "").strip()
    if kind not in RespondentKind.values:
        errors["kind"] = _("Say whether you answer for yourself or for an organisation.")
    elif kind == RespondentKind.ORGANISATION and not organisation_name:
        errors["organisation_name"] = _("Give the organisation’s name, or answer for yourself.")
    elif len(organisation_name) > 200:
        errors["organisation_name"] = _("Keep the organisation’s name under 200 characters.")
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Answer at least one question before sending."))
    language = (language or get_language() or "")[:10]
    if language not in {code for code, _name in site_languages()}:
        language = ""
    response = Response.objects.create(
        consultation=consultation,
        submitted_on=today,
        kind=kind,
        organisation_name=organisation_name if kind == RespondentKind.ORGANISATION else "",
        language=language,
    )
    Answer.objects.bulk_create(
        Answer(response=response, priority_id=pid, agreement=agreement, text=text)
        for pid, (agreement, text) in cleaned.items()
    )
    return response


@transaction.atomic
def comment_moderate(*, answer: Answer, by, text: str, approve: bool) -> Answer:
    """Show a moderated copy of a comment (identifying details removed), or reject it. The raw text is kept for the
    officer's moderation page only; results pages show only the moderated copy."""
    text = (text or "").strip()
    if approve and not text:
        raise ValidationError({"text": _("Give the moderated text to show, or reject the comment.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Keep the moderated text under 5,000 characters.")})
    answer.moderated_text = text if approve else ""
    answer.moderation = Moderation.APPROVED if approve else Moderation.REJECTED
    answer.save(update_fields=["moderated_text", "moderation"])
    return answer


@transaction.atomic
def outcomes_save(*, consultation: Consultation, by, records: dict) -> list[Outcome]:
    """Record, per priority, what people said and what changed because of it: {priority id: (you_said, we_did)}.
    Both empty removes the record; what was said without what was done is refused."""
    asked = set(consultation.questions.values_list("priority_id", flat=True))
    errors = {}
    for pid, (you_said, we_did) in records.items():
        if pid not in asked:
            raise ValidationError(_("The consultation did not ask about that priority."))
        if len(you_said) > MAX_TEXT or len(we_did) > MAX_TEXT:
            errors[f"we_did_{pid}"] = _("Keep each text under 5,000 characters.")
        elif you_said.strip() and not we_did.strip():
            errors[f"we_did_{pid}"] = _("Say what changed (or that nothing changed, and why) for what people said.")
    if errors:
        raise ValidationError(errors)
    saved = []
    existing = {o.priority_id: o for o in consultation.outcomes.all()}
    for pid, (you_said, we_did) in records.items():
        outcome = existing.get(pid)
        if not we_did.strip():
            if outcome is not None:
                outcome.delete()
            continue
        if outcome is None:
            outcome = Outcome(consultation=consultation, priority_id=pid, created_by=by)
        elif outcome.you_said == you_said.strip() and outcome.we_did == we_did.strip():
            saved.append(outcome)
            continue
        outcome.you_said, outcome.we_did = you_said.strip(), we_did.strip()
        outcome.full_clean()
        outcome.save()
        saved.append(outcome)
    return saved
