"""Writes for self-assessments: create, answer, invite partners, accept contributions, send to the sponsor, confirm."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inclusive_cities.core.translated import writing_content
from inclusive_cities.notifications.services import notify

from .models import (
    Answer,
    Assessment,
    Confidence,
    Contribution,
    ContributionRequest,
    ContributionState,
    Sharing,
    Status,
)


def _check_draft(assessment: Assessment) -> None:
    if not assessment.is_draft:
        raise ValidationError(_("This assessment has been confirmed and can no longer be changed."))


def clean_links(links: str) -> str:
    validate = URLValidator(schemes=["http", "https"])
    lines = [line.strip() for line in (links or "").splitlines() if line.strip()]
    for line in lines:
        try:
            validate(line)
        except ValidationError:
            raise ValidationError(
                _("“%(link)s” is not a web address. Put one address starting with https:// on each line.")
                % {"link": line[:80]}
            ) from None
    return "\n".join(lines)


def _check_level(level) -> None:
    if level is not None and level not in range(0, 5):
        raise ValidationError(_("The maturity level must be from 0 (not started) to 4 (leading)."))


def _check_confidence(confidence: str) -> None:
    if confidence and confidence not in Confidence.values:
        raise ValidationError(_("Confidence must be low, medium or high."))


@transaction.atomic
def assessment_create(*, place, framework, title: str, sharing: str, by, is_illustrative: bool = False) -> Assessment:
    title = (title or "").strip()
    if not title:
        raise ValidationError(_("Give the assessment a title, for example “Baseline 2026”."))
    if sharing not in Sharing.values:
        raise ValidationError(_("Choose who can see the results: private, network or public."))
    if framework is None or framework.is_draft:
        raise ValidationError(_("There is no published framework version to assess against."))
    return Assessment.objects.create(
        place=place,
        framework=framework,
        title=title[:200],
        sharing=sharing,
        created_by=by,
        is_illustrative=is_illustrative,
    )


@transaction.atomic
def assessment_update(*, assessment: Assessment, title: str, sharing: str, by) -> Assessment:
    """Title only while a draft; sharing may change at any time (it is the place's choice)."""
    title = (title or "").strip()
    if sharing not in Sharing.values:
        raise ValidationError(_("Choose who can see the results: private, network or public."))
    if not title:
        raise ValidationError(_("Give the assessment a title, for example “Baseline 2026”."))
    if not assessment.is_draft and title != assessment.title:
        raise ValidationError(_("The title of a confirmed assessment cannot change."))
    assessment.title = title[:200]
    assessment.sharing = sharing
    assessment.save(update_fields=["title", "sharing", "updated_at"])
    return assessment


@transaction.atomic
def answer_save(
    *,
    assessment: Assessment,
    by,
    goal=None,
    principle=None,
    theme=None,
    level: int | None,
    evidence: str = "",
    links: str = "",
    confidence: str = "",
    file=None,
    clear_file: bool = False,
) -> Answer:
    _check_draft(assessment)
    _check_level(level)
    _check_confidence(confidence)
    links = clean_links(links)
    if goal is not None:
        if goal.theme.framework_id != assessment.framework_id:
            raise ValidationError(_("Goal %(code)s is not part of this framework version.") % {"code": goal.code})
        lookup = {"goal": goal}
    else:
        if principle is None or theme is None:
            raise ValidationError(_("An answer is for a goal, or for a principle within a theme."))
        if principle.framework_id != assessment.framework_id or theme.framework_id != assessment.framework_id:
            raise ValidationError(_("That principle or theme is not part of this framework version."))
        lookup = {"principle": principle, "theme": theme}
    answer, _created = Answer.objects.get_or_create(assessment=assessment, **lookup)
    answer.level = level
    answer.evidence = (evidence or "").strip()
    answer.links = links
    answer.confidence = confidence or ""
    answer.answered_by = by
    if file:
        answer.file = file
    elif clear_file:
        answer.file = ""
    answer.save()
    assessment.save(update_fields=["updated_at"])
    return answer


@transaction.atomic
def assessment_send_to_sponsor(*, assessment: Assessment, by) -> Assessment:
    """An officer tells the place's senior sponsors the draft is ready to confirm. Sending again (after changes)
    moves the date and tells them again; unanswered questions are allowed (the check page says how many)."""
    assessment = Assessment.objects.select_for_update().select_related("place").get(pk=assessment.pk)
    if not assessment.is_draft:
        raise ValidationError(_("This assessment is already confirmed by the sponsor: there is nothing to send."))
    if not assessment.answers.filter(level__isnull=False).exists():
        raise ValidationError(_("Answer at least one question before sending the assessment to the sponsor."))
    assessment.sent_to_sponsor_at = timezone.now()
    assessment.sent_to_sponsor_by = by
    # The history names who sent it even outside a request (the middleware fills it in within one).
    assessment._history_user = by
    assessment.save(update_fields=["sent_to_sponsor_at", "sent_to_sponsor_by", "updated_at"])
    notify("assessment_ready", assessment, by)
    return assessment


@transaction.atomic
def assessment_confirm(*, assessment: Assessment, by) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_draft(assessment)
    if not assessment.answers.filter(level__isnull=False).exists():
        raise ValidationError(_("Answer at least one question before the assessment is confirmed."))
    assessment.status = Status.CONFIRMED
    assessment.confirmed_by = by
    assessment.confirmed_at = timezone.localdate()
    assessment.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])
    return assessment


@transaction.atomic
def contribution_request_create(*, assessment: Assessment, partner, goals, message: str, by) -> ContributionRequest:
    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.accounts.roles import roles_of

    _check_draft(assessment)
    goals = list(goals)
    if not goals:
        raise ValidationError(_("Choose at least one goal for the partner to answer."))
    if not roles_of(partner).in_place(assessment.place_id, PlaceRole.PARTNER):
        raise ValidationError(_("%(who)s is not a partner of this place.") % {"who": partner})
    for goal in goals:
        if goal.theme.framework_id != assessment.framework_id:
            raise ValidationError(_("Goal %(code)s is not part of this framework version.") % {"code": goal.code})
    request = ContributionRequest.objects.create(
        assessment=assessment, partner=partner, message=(message or "").strip(), created_by=by
    )
    request.goals.set(goals)
    notify("partner_answer_requested", request, by)
    return request


@transaction.atomic
def contribution_submit(
    *, assessment: Assessment, goal, by, level, evidence: str = "", links: str = "", confidence: str = ""
) -> Contribution:
    _check_draft(assessment)
    _check_level(level)
    _check_confidence(confidence)
    links = clean_links(links)
    request = assessment.contribution_requests.filter(partner=by, goals=goal).first()
    if request is None:
        raise ValidationError(_("You have not been asked to answer goal %(code)s.") % {"code": goal.code})
    contribution, _created = Contribution.objects.update_or_create(
        request=request,
        goal=goal,
        state=ContributionState.PENDING,
        defaults={"level": level, "evidence": (evidence or "").strip(), "links": links, "confidence": confidence},
    )
    return contribution


@transaction.atomic
def contribution_decide(*, contribution: Contribution, accept: bool, by) -> Contribution:
    contribution = (
        Contribution.objects.select_for_update().select_related("request__assessment").get(pk=contribution.pk)
    )
    if contribution.state != ContributionState.PENDING:
        raise ValidationError(_("This contribution has already been dealt with."))
    assessment = contribution.request.assessment
    _check_draft(assessment)
    if accept:
        answer_save(
            assessment=assessment,
            by=contribution.request.partner,
            goal=contribution.goal,
            level=contribution.level,
            evidence=contribution.evidence,
            links=contribution.links,
            confidence=contribution.confidence,
        )
    contribution.state = ContributionState.ACCEPTED if accept else ContributionState.DECLINED
    contribution.decided_by = by
    contribution.save(update_fields=["state", "decided_by"])
    return contribution


@transaction.atomic
def gap_to_priority(*, assessment: Assessment, theme, by, plan=None):
    """Turn a weak theme into a priority of the draft plan the officer chose, or of a new draft plan when `plan`
    is None (the officer chose "start a new plan").

    Safe to repeat: the same gap from the same assessment in the same plan gives the same priority.
    """
    try:
        from inclusive_cities.plans import services as plan_services
        from inclusive_cities.plans.models import ActionPlan, PlanStatus
    except ImportError:
        raise ValidationError(
            _("Action plans are not available yet, so the gap cannot be turned into a priority.")
        ) from None
    from .selectors import gap_priority_text

    if theme.framework_id != assessment.framework_id:
        raise ValidationError(_("Theme %(code)s is not part of this assessment.") % {"code": theme.code})
    if plan is not None:
        plan = ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
        if plan is None or plan.place_id != assessment.place_id or plan.status != PlanStatus.DRAFT:
            raise ValidationError(_("Choose a draft plan of this place, or start a new plan."))
        if plan.framework_id != assessment.framework_id:
            raise ValidationError(
                _("The plan “%(plan)s” uses another framework version than this assessment.") % {"plan": plan.title}
            )
    else:
        today = timezone.localdate()
        plan = plan_services.plan_create(
            place=assessment.place,
            by=by,
            framework=assessment.framework,
            title=_("Draft action plan"),
            period_start=today,
            period_end=today.replace(year=today.year + 3),
        )
    with writing_content():  # the priority is written, and looked for, in English: the plan's original language
        title, description = gap_priority_text(assessment, theme)
        existing = plan.priorities.filter(title=title).first()
    if existing is not None:
        return existing
    order = plan.priorities.count() + 1
    return plan_services.priority_save(
        plan=plan, by=by, themes=[theme], title=title, description=description, order=order
    )
