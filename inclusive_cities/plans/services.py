"""Every write to action plans. Keyword-only arguments, each in a transaction; ValidationError names the problem."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.translated import writing_content
from inclusive_cities.core.uploads import check_upload
from inclusive_cities.notifications.services import notify

from .models import (
    Action,
    ActionPlan,
    Measure,
    MeasureValue,
    Milestone,
    PlanStatus,
    Priority,
    ProgressUpdate,
    ReviewComment,
)

# Translated fields (`plans/translation.py`) are written with English active (`writing_content`), so `title` is the
# English and `title_cy` the Welsh, whatever the page's language.
PLAN_FIELDS = (
    "title",
    "title_cy",
    "period_start",
    "period_end",
    "vision",
    "vision_cy",
    "update_interval_days",
    "replaces",
)
PRIORITY_FIELDS = ("title", "title_cy", "description", "description_cy", "order")
PRIORITY_M2M = ("themes", "principles")
ACTION_FIELDS = (
    "title",
    "title_cy",
    "description",
    "description_cy",
    "order",
    "lead_user",
    "lead_organisation",
    "lead_organisation_name",
    "partner_names",
    "success_criteria",
    "success_criteria_cy",
    "timescale",
    "start_date",
    "end_date",
    "resource_amount",
    "resource_source",
    "resource_state",
    "status",
    "rag",
)
ACTION_M2M = ("partners", "target_groups", "domains")

EVIDENCE_EXTENSIONS = {".pdf", ".png", ".jpg", ".jpeg", ".csv", ".txt", ".docx", ".xlsx", ".odt", ".ods"}
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def _require_editable(plan: ActionPlan) -> None:
    if not plan.is_editable:
        raise ValidationError(
            _("This plan is %(status)s and can no longer be changed. Start a new version to make changes.")
            % {"status": plan.get_status_display().lower()}
        )


def _check_period(start, end, *, start_field: str, end_field: str, what: str) -> None:
    if start and end and end < start:
        raise ValidationError(
            {end_field: _("The %(what)s end date must be the same as or after its start date.") % {"what": what}}
        )


def _next_line(place) -> int:
    """A new plan starts its own line of versions: the place's next plan number."""
    return (ActionPlan.objects.filter(place=place).aggregate(highest=Max("line"))["highest"] or 0) + 1


def _next_version(plan: ActionPlan) -> int:
    """The next version number in this plan's own line (a plan of another line never counts)."""
    same_line = ActionPlan.objects.filter(place_id=plan.place_id, line=plan.line)
    return (same_line.aggregate(highest=Max("version"))["highest"] or 0) + 1


def _check_replaces(*, place, line: int | None, replaces: ActionPlan | None) -> None:
    if replaces is None:
        return
    if replaces.place_id != place.pk or replaces.status != PlanStatus.PUBLISHED or replaces.line == line:
        raise ValidationError(
            {"replaces": _("Choose one of %(place)s’s other published plans, or none.") % {"place": place}}
        )


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def action_date_errors(plan: ActionPlan, start, end) -> dict:
    """{field: message} for action dates outside the plan's period, naming the dates (empty when they fit)."""
    errors = {}
    if start and start < plan.period_start:
        errors["start_date"] = _("The action must start on or after %(date)s, when the plan starts.") % {
            "date": _day(plan.period_start)
        }
    elif start and start > plan.period_end:
        errors["start_date"] = _("The action must start by %(date)s, when the plan ends.") % {
            "date": _day(plan.period_end)
        }
    if end and end > plan.period_end:
        errors["end_date"] = _("The action must end by %(date)s, when the plan ends.") % {"date": _day(plan.period_end)}
    elif end and end < plan.period_start:
        errors["end_date"] = _("The action must end on or after %(date)s, when the plan starts.") % {
            "date": _day(plan.period_start)
        }
    return errors


def _check_interval(days) -> None:
    if days is None or not 7 <= days <= 366:
        raise ValidationError(
            {"update_interval_days": _("Enter an update interval between 7 and 366 days (for example 90, a quarter).")}
        )


def _check_framework_items(plan: ActionPlan, *, themes=(), principles=()) -> None:
    for item in [*themes, *principles]:
        if item.framework_id != plan.framework_id:
            raise ValidationError(
                _("%(code)s belongs to a different framework version from this plan’s (%(version)s).")
                % {"code": item.code, "version": plan.framework.version}
            )


def _check_organisations(plan: ActionPlan, organisations) -> None:
    for org in organisations:
        if org is not None and org.place_id != plan.place_id:
            raise ValidationError(_("“%(name)s” is not on this place’s taskforce list.") % {"name": org.name})


# --- Plans --------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    place,
    by,
    framework,
    title,
    period_start,
    period_end,
    vision="",
    update_interval_days=90,
    replaces=None,
    title_cy="",
    vision_cy="",
):
    """A new plan: version 1 of its own line, next to the place's other plans. It archives another published plan
    when it is published only if `replaces` names that plan."""
    _check_period(period_start, period_end, start_field="period_start", end_field="period_end", what=_("plan"))
    _check_interval(update_interval_days)
    _check_replaces(place=place, line=None, replaces=replaces)
    with writing_content():
        return ActionPlan.objects.create(
            place=place,
            line=_next_line(place),
            version=1,
            replaces=replaces,
            framework=framework,
            title=title,
            title_cy=title_cy,
            period_start=period_start,
            period_end=period_end,
            vision=vision,
            vision_cy=vision_cy,
            update_interval_days=update_interval_days,
            created_by=by,
        )


@transaction.atomic
def plan_update(*, plan: ActionPlan, by, **values) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_editable(plan)
    with writing_content():
        for name, value in values.items():
            if name not in PLAN_FIELDS:
                raise ValueError(name)
            setattr(plan, name, value)
    _check_period(
        plan.period_start, plan.period_end, start_field="period_start", end_field="period_end", what=_("plan")
    )
    _check_interval(plan.update_interval_days)
    _check_replaces(place=plan.place, line=plan.line, replaces=plan.replaces)
    _check_actions_in_period(plan)
    with writing_content():
        plan.save()
    return plan


def _check_actions_in_period(plan: ActionPlan) -> None:
    """A plan's period cannot shrink past its actions' dates (their own dates are checked against the period)."""
    actions = Action.objects.filter(priority__plan=plan)
    errors = {}
    early = actions.filter(Q(start_date__lt=plan.period_start) | Q(end_date__lt=plan.period_start)).count()
    if early:
        errors["period_start"] = _(
            "%(n)s actions are dated before %(date)s: change their dates before the plan starts later."
        ) % {"n": early, "date": _day(plan.period_start)}
    late = actions.filter(Q(start_date__gt=plan.period_end) | Q(end_date__gt=plan.period_end)).count()
    if late:
        errors["period_end"] = _(
            "%(n)s actions are dated after %(date)s: change their dates before the plan ends earlier."
        ) % {"n": late, "date": _day(plan.period_end)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_submit(*, plan: ActionPlan, by) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    if not plan.priorities.exists():
        raise ValidationError(_("Add at least one priority before submitting the plan for review."))
    plan.status = PlanStatus.IN_REVIEW
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    notify("review_requested", plan, by)
    notify("signoff_awaited", plan, by)
    return plan


@transaction.atomic
def plan_sign_off(*, plan: ActionPlan, by) -> ActionPlan:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if not roles_of(by).in_place(plan.place_id, "sponsor"):
        raise ValidationError(_("Only %(place)s’s senior sponsor can sign off its plan.") % {"place": plan.place})
    if plan.status != PlanStatus.IN_REVIEW:
        raise ValidationError(_("A plan can be signed off only while it is in review."))
    plan.status = PlanStatus.SIGNED_OFF
    plan.signed_off_by = by
    plan.signed_off_at = timezone.now()
    plan.save(update_fields=["status", "signed_off_by", "signed_off_at", "updated_at"])
    notify("signed_off", plan, by)
    return plan


@transaction.atomic
def plan_return_to_draft(*, plan: ActionPlan, by) -> ActionPlan:
    """Send a plan in review or signed off back to draft for changes; a sign-off is withdrawn (the history keeps
    who signed and when)."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in (PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF):
        raise ValidationError(_("Only a plan in review or signed off can go back to draft."))
    plan.status = PlanStatus.DRAFT
    plan.signed_off_by = None
    plan.signed_off_at = None
    plan.save(update_fields=["status", "signed_off_by", "signed_off_at", "updated_at"])
    notify("returned_to_draft", plan, by)
    return plan


KEEP = object()  # plan_publish: keep the plan's own choice of what it replaces


@transaction.atomic
def plan_publish(*, plan: ActionPlan, by, replaces=KEEP) -> ActionPlan:
    """Publish a signed-off plan. The earlier published version of its own line is archived; a plan of another line
    only when `replaces` names it (by default, the choice made when the plan was started)."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.SIGNED_OFF:
        raise ValidationError(_("A plan can be published only after its senior sponsor has signed it off."))
    if replaces is not KEEP:
        _check_replaces(place=plan.place, line=plan.line, replaces=replaces)
        plan.replaces = replaces
    # What it replaces stays readable at its own address, marked as archived.
    replaced = Q(line=plan.line)
    if plan.replaces_id:
        replaced |= Q(pk=plan.replaces_id)
    ActionPlan.objects.filter(replaced, place=plan.place, status=PlanStatus.PUBLISHED).exclude(pk=plan.pk).update(
        status=PlanStatus.ARCHIVED
    )
    plan.status = PlanStatus.PUBLISHED
    plan.published_by = by
    plan.published_at = timezone.now()
    plan.save(update_fields=["status", "replaces", "published_by", "published_at", "updated_at"])
    _carry_progress(plan)
    notify("published", plan, by)
    return plan


def _carry_progress(plan: ActionPlan) -> None:
    """Monitoring goes on across versions: each action copied from the version this one replaces takes that
    action's progress updates (with their measure values, matched by measure name) and milestones done, and, if
    progress was posted there after this version was started, its latest status and RAG."""
    old_updates = ProgressUpdate.objects.prefetch_related("values__measure").order_by("date", "pk")
    actions = (
        Action.objects.filter(priority__plan=plan, carried_from__isnull=False)
        .select_related("carried_from")
        .prefetch_related(
            "measures",
            "milestones",
            "updates",
            Prefetch("carried_from__updates", queryset=old_updates),
            "carried_from__milestones",
        )
    )
    for action in actions:
        old = action.carried_from
        if action.updates.all():
            continue  # already carried (publishing happens once; this keeps it safe to call again)
        measures = {m.name: m for m in action.measures.all()}
        updates = list(old.updates.all())
        for update in updates:
            copy = ProgressUpdate.objects.create(
                action=action,
                date=update.date,
                status=update.status,
                rag=update.rag,
                narrative=update.narrative,
                evidence_url=update.evidence_url,
                evidence_file=update.evidence_file.name,
                author=update.author,
                is_illustrative=update.is_illustrative,
            )
            MeasureValue.objects.bulk_create(
                MeasureValue(update=copy, measure=measures[v.measure.name], value=v.value)
                for v in update.values.all()
                if v.measure.name in measures
            )
        done = {m.title: m.completed_on for m in old.milestones.all() if m.completed_on}
        for milestone in action.milestones.all():
            if milestone.completed_on is None and milestone.title in done:
                milestone.completed_on = done[milestone.title]
                milestone.save(update_fields=["completed_on"])
        if any(update.created_at > plan.created_at for update in updates):
            action.status, action.rag = old.status, old.rag
            action.save(update_fields=["status", "rag", "updated_at"])


@transaction.atomic
def plan_new_version(*, plan: ActionPlan, by) -> ActionPlan:
    """Copy a published plan (priorities, actions, measures, milestones, pinned evidence) into a new draft version."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(_("Only the published plan can be the basis of a new version."))
    if ActionPlan.objects.filter(previous=plan).exists():
        raise ValidationError(_("A newer version of this plan has already been started."))
    # English active: `plan.title` reads, and `title=` writes, the English; the Welsh is copied by name.
    with writing_content():
        new = ActionPlan.objects.create(
            place=plan.place,
            framework=plan.framework,
            title=plan.title,
            title_cy=plan.title_cy,
            period_start=plan.period_start,
            period_end=plan.period_end,
            vision=plan.vision,
            vision_cy=plan.vision_cy,
            update_interval_days=plan.update_interval_days,
            line=plan.line,
            version=_next_version(plan),
            previous=plan,
            is_illustrative=plan.is_illustrative,
            source=plan.source,
            created_by=by,
        )
        copied_priorities, copied_actions = {}, {}
        for priority in plan.priorities.prefetch_related("themes", "principles", "actions"):
            new_priority = Priority.objects.create(
                plan=new,
                order=priority.order,
                title=priority.title,
                title_cy=priority.title_cy,
                description=priority.description,
                description_cy=priority.description_cy,
                created_by=by,
            )
            copied_priorities[priority.pk] = new_priority
            new_priority.themes.set(priority.themes.all())
            new_priority.principles.set(priority.principles.all())
            for action in priority.actions.prefetch_related(
                "partners", "target_groups", "domains", "measures", "milestones"
            ):
                values = {name: getattr(action, name) for name in ACTION_FIELDS}
                copy = Action.objects.create(
                    priority=new_priority,
                    is_illustrative=action.is_illustrative,
                    source=action.source,
                    carried_from=action,
                    created_by=by,
                    **values,
                )
                copied_actions[action.pk] = copy
                for name in ACTION_M2M:
                    getattr(copy, name).set(getattr(action, name).all())
                for measure in action.measures.all():
                    Measure.objects.create(
                        action=copy,
                        name=measure.name,
                        **{f: getattr(measure, f) for f in MEASURE_FIELDS if f != "name"},
                    )
                for milestone in action.milestones.all():
                    Milestone.objects.create(
                        action=copy,
                        title=milestone.title,
                        due_date=milestone.due_date,
                        completed_on=milestone.completed_on,
                    )
    _copy_pinned_evidence(copied_priorities, copied_actions)
    return new


def _copy_pinned_evidence(priorities: dict, actions: dict) -> None:
    """Evidence pinned to the old version's priorities and actions follows them into the new version."""
    try:
        from inclusive_cities.evidence.services import pins_copy
    except ImportError:  # pragma: no cover - the evidence app is optional to this one
        return
    pins_copy(priorities=priorities, actions=actions)


# --- Priorities and actions ---------------------------------------------------------------------------------


@transaction.atomic
def priority_save(*, plan: ActionPlan, by, priority: Priority | None = None, themes=(), principles=(), **values):
    _require_editable(plan)
    themes, principles = list(themes), list(principles)
    _check_framework_items(plan, themes=themes, principles=principles)
    if priority is None:
        priority = Priority(plan=plan, created_by=by)
    with writing_content():
        for name, value in values.items():
            if name not in PRIORITY_FIELDS:
                raise ValueError(name)
            setattr(priority, name, value)
        priority.save()
    priority.themes.set(themes)
    priority.principles.set(principles)
    return priority


@transaction.atomic
def priority_delete(*, priority: Priority, by) -> None:
    _require_editable(priority.plan)
    priority.delete()


@transaction.atomic
def action_delete(*, action: Action, by) -> None:
    _require_editable(action.priority.plan)
    action.delete()


@dataclass
class Conflict:
    field: str
    label: str
    yours: str
    theirs: str


class EditConflict(Exception):
    """Someone else saved the action after this person opened it."""

    def __init__(self, action: Action, differences: list[Conflict]):
        self.action = action
        self.differences = differences
        super().__init__(_("Someone else changed this action while you were editing it."))


def _display(value) -> str:
    if value is None or value == "":
        return "–"
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(v) for v in value)) or "–"
    return str(value)


def _comparable(value):
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple | set):
        return sorted(getattr(v, "pk", v) for v in value)
    return getattr(value, "pk", value)


def _check_action(plan, values, m2m) -> None:
    _check_period(
        values.get("start_date"),
        values.get("end_date"),
        start_field="start_date",
        end_field="end_date",
        what=_("action"),
    )
    dates = action_date_errors(plan, values.get("start_date"), values.get("end_date"))
    if dates:
        raise ValidationError(dates)
    _check_organisations(plan, [values.get("lead_organisation"), *m2m.get("partners", [])])
    amount = values.get("resource_amount")
    if amount is not None and amount < 0:
        raise ValidationError({"resource_amount": _("Enter the amount of resources as zero or more.")})


@transaction.atomic
def action_create(*, priority: Priority, by, **values) -> Action:
    plan = priority.plan
    _require_editable(plan)
    m2m = {name: list(values.pop(name, [])) for name in ACTION_M2M}
    _check_action(plan, values, m2m)
    with writing_content():
        action = Action(priority=priority, created_by=by)
        for name, value in values.items():
            if name not in ACTION_FIELDS + ("is_illustrative", "source"):
                raise ValueError(name)
            setattr(action, name, value)
        action.save()
    for name, items in m2m.items():
        getattr(action, name).set(items)
    return action


@transaction.atomic
def action_update(*, action: Action, by, expected_lock_version: int, **values) -> Action:
    """Save an action only if nobody else saved it since `expected_lock_version`; otherwise raise EditConflict."""
    current = Action.objects.select_for_update().select_related("priority__plan").get(pk=action.pk)
    plan = current.priority.plan
    _require_editable(plan)
    m2m = {name: list(values.pop(name)) for name in ACTION_M2M if name in values}
    if current.lock_version != expected_lock_version:
        differences = []
        for name, value in [*values.items(), *m2m.items()]:
            with writing_content():
                theirs = getattr(current, name)
            if name.endswith("_cy") and theirs is None:  # no Welsh yet reads as an empty Welsh field
                theirs = ""
            if _comparable(value) != _comparable(theirs):
                label = str(Action._meta.get_field(name).verbose_name)
                if name.endswith("_cy"):
                    label = _("%(field)s in Welsh") % {"field": label}
                differences.append(Conflict(name, label[:1].upper() + label[1:], _display(value), _display(theirs)))
        raise EditConflict(current, differences)
    _check_action(plan, {**{n: getattr(current, n) for n in ("start_date", "end_date")}, **values}, m2m)
    with writing_content():
        for name, value in values.items():
            if name not in ACTION_FIELDS:
                raise ValueError(name)
            setattr(current, name, value)
        if "priority" in values:
            raise ValueError("priority")
        current.lock_version += 1
        current.save()
    for name, items in m2m.items():
        getattr(current, name).set(items)
    return current


MEASURE_FIELDS = (
    "name",
    "indicator_code",
    "category",
    "baseline",
    "baseline_period",
    "target",
    "target_date",
    "direction",
    "unit",
    "is_illustrative",
)


def _measure_values(*, action: Action, values: dict) -> dict:
    """Check a measure's values and fill what the catalogue gives: a code must be in the data catalogue and have
    figures for the place (in the category, where given); an empty baseline takes the place's latest figure."""
    from . import selectors

    values = {k: v for k, v in values.items() if k in MEASURE_FIELDS}
    code = (values.get("indicator_code") or "").strip()
    category = (values.get("category") or "").strip()
    values["indicator_code"], values["category"] = code, category
    place = action.priority.plan.place
    if code:
        indicator = selectors.catalogue_indicator(code)
        if indicator is None:
            raise ValidationError(
                _(
                    "“%(code)s” is not an indicator in the data catalogue: choose one from the list, or leave the code "
                    "empty for a local measure."
                )
                % {"code": code}
            )
        latest = selectors.latest_figures([(place.pk, code, category)]).get((place.pk, code, category))
        if latest is None:
            what = f"{indicator.name}: {category}" if category else indicator.name
            raise ValidationError(
                _("The data catalogue has no figures of “%(what)s” for %(place)s.") % {"what": what, "place": place}
            )
        if values.get("baseline") is None:
            values["baseline"], values["baseline_period"] = latest["value"], latest["period"]
        if not (values.get("name") or "").strip():
            values["name"] = (f"{indicator.name}: {category}" if category else indicator.name)[:250]
        if not values.get("unit"):
            values["unit"] = "%" if indicator.unit == "percent" else indicator.get_unit_display()[:40]
    elif category:
        raise ValidationError(_("A category only goes with a catalogue indicator."))
    if not (values.get("name") or "").strip():
        raise ValidationError(_("Give the measure a name, or choose an indicator."))
    baseline, target, direction = values.get("baseline"), values.get("target"), values.get("direction") or "higher"
    values["direction"] = direction
    if baseline is not None and target is not None:
        if direction == "higher" and target < baseline:
            raise ValidationError(
                _("The target (%(t)s) is below the baseline (%(b)s) but higher is better: change one of them.")
                % {"t": target, "b": baseline}
            )
        if direction == "lower" and target > baseline:
            raise ValidationError(
                _("The target (%(t)s) is above the baseline (%(b)s) but lower is better: change one of them.")
                % {"t": target, "b": baseline}
            )
    return values


@transaction.atomic
def measure_add(*, action: Action, by, **values) -> Measure:
    _require_editable(action.priority.plan)
    return Measure.objects.create(action=action, **_measure_values(action=action, values=values))


@transaction.atomic
def measure_update(*, measure: Measure, by, **values) -> Measure:
    _require_editable(measure.action.priority.plan)
    for name, value in _measure_values(action=measure.action, values=values).items():
        setattr(measure, name, value)
    measure.save()
    return measure


@transaction.atomic
def milestone_add(*, action: Action, by, title, due_date=None, completed_on=None) -> Milestone:
    _require_editable(action.priority.plan)
    return Milestone.objects.create(action=action, title=title, due_date=due_date, completed_on=completed_on)


@transaction.atomic
def measure_delete(*, measure: Measure, by) -> None:
    # Progress (and so measure values) is only ever recorded on published plans, which are not editable.
    _require_editable(measure.action.priority.plan)
    measure.delete()


@transaction.atomic
def milestone_delete(*, milestone: Milestone, by) -> None:
    _require_editable(milestone.action.priority.plan)
    milestone.delete()


@transaction.atomic
def milestone_complete(*, milestone: Milestone, by, completed_on: datetime.date) -> Milestone:
    """Recording that a milestone is done is progress, allowed on a published plan too."""
    milestone.completed_on = completed_on
    milestone.save(update_fields=["completed_on"])
    return milestone


# --- Review ---------------------------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, plan: ActionPlan, by, body: str, parent: ReviewComment | None = None) -> ReviewComment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Enter a comment.")})
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.IN_REVIEW):
        raise ValidationError(_("Comments are closed once a plan has been signed off."))
    if parent is not None and parent.plan_id != plan.pk:
        raise ValidationError(_("That comment belongs to another plan."))
    comment = ReviewComment.objects.create(plan=plan, parent=parent, author=by, body=body)
    notify("comment_posted", comment, by)
    return comment


@transaction.atomic
def comment_resolve(*, comment: ReviewComment, by, resolved: bool = True) -> ReviewComment:
    comment.resolved_at = timezone.now() if resolved else None
    comment.resolved_by = by if resolved else None
    comment.save(update_fields=["resolved_at", "resolved_by"])
    if resolved:
        notify("comment_resolved", comment, by)
    return comment


# --- Progress -------------------------------------------------------------------------------------------------


def validate_evidence_file(upload) -> None:
    if upload is None:
        return
    suffix = Path(upload.name).suffix.lower()
    if suffix not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {
                "evidence_file": _("The evidence file must be one of: %(types)s.")
                % {"types": ", ".join(sorted(e.lstrip(".").upper() for e in EVIDENCE_EXTENSIONS))}
            }
        )
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"evidence_file": _("The evidence file must be smaller than 5 MB.")})
    try:
        check_upload(upload, EVIDENCE_EXTENSIONS)  # its content, not only its name
    except ValidationError as error:
        raise ValidationError({"evidence_file": error.messages}) from error


@transaction.atomic
def progress_post(
    *,
    action: Action,
    by,
    date,
    status,
    narrative,
    rag="",
    evidence_url="",
    evidence_file=None,
    measure_values: dict | None = None,
    is_illustrative: bool = False,
) -> ProgressUpdate:
    plan = action.priority.plan
    if plan.status != PlanStatus.PUBLISHED:
        raise ValidationError(_("Progress is reported on the published plan."))
    if date > timezone.localdate():
        raise ValidationError({"date": _("The date of an update cannot be in the future.")})
    validate_evidence_file(evidence_file)
    update = ProgressUpdate(
        action=action,
        date=date,
        status=status,
        rag=rag,
        narrative=narrative,
        evidence_url=evidence_url,
        author=by,
        is_illustrative=is_illustrative,
    )
    if evidence_file is not None:
        update.evidence_file.save(Path(evidence_file.name).name, evidence_file, save=False)
    update.save()
    for measure_id, value in (measure_values or {}).items():
        if value is None:
            continue
        measure = action.measures.filter(pk=measure_id).first()
        if measure is None:
            raise ValidationError(_("That measure belongs to another action."))
        MeasureValue.objects.create(update=update, measure=measure, value=value)
    # The action's current status and RAG follow its latest update (not the plan's text, which is immutable).
    latest = action.updates.order_by("-date", "-pk").first()
    if latest and latest.pk == update.pk:
        Action.objects.filter(pk=action.pk).update(status=status, rag=rag)
    return update
