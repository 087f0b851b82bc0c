"""Reads for action plans, scoped by who is asking.

Visibility, written once: published (and archived, formerly published) plans are public; drafts, plans in
review and signed-off plans awaiting publication are seen only by the place's members (officer, sponsor,
partner) and network staff (facilitators, administrators).
"""

import datetime
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.formats import human_date
from inclusive_cities.network.models import Place

from .models import (
    PUBLIC_STATUSES,
    Action,
    ActionPlan,
    ActionStatus,
    Measure,
    Milestone,
    PlanStatus,
    Priority,
    ProgressUpdate,
    ResourceState,
    ReviewComment,
)


def visible_q(user, prefix: str = "") -> Q:
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(**{f"{prefix}status__in": PUBLIC_STATUSES})
    place_ids = roles.place_ids()
    if place_ids:
        q |= Q(**{f"{prefix}place_id__in": place_ids})
    return q


def place_get(*, code: str) -> Place:
    place = Place.objects.filter(code=code[:32]).first()
    if place is None:
        raise Http404
    return place


def plans_for_place(*, user, place: Place) -> QuerySet[ActionPlan]:
    """The place's plans, each line's versions together, the most recently started line first."""
    return (
        ActionPlan.objects.filter(visible_q(user), place=place)
        .select_related("framework")
        .order_by("-line", "-version")
    )


def plan_get(*, user, place: Place, pk: int) -> ActionPlan:
    plan = (
        ActionPlan.objects.filter(visible_q(user), place=place, pk=pk)
        .select_related("place", "framework", "signed_off_by", "published_by", "previous")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def current_published(*, place: Place) -> ActionPlan | None:
    """The place's most recently published plan (a place may have several plans published side by side)."""
    return (
        ActionPlan.objects.filter(place=place, status=PlanStatus.PUBLISHED)
        .order_by(F("published_at").desc(nulls_last=True), "-pk")  # PostgreSQL puts NULL first otherwise
        .first()
    )


def replaceable_plans(*, place: Place, plan: ActionPlan | None = None) -> QuerySet[ActionPlan]:
    """The place's published plans that a new plan (or `plan`) may say it replaces: those of other lines (a plan's
    own line is replaced by its next version anyway)."""
    plans = ActionPlan.objects.filter(place=place, status=PlanStatus.PUBLISHED).order_by("line", "-version")
    return plans.exclude(line=plan.line) if plan is not None else plans


def published_plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(status=PlanStatus.PUBLISHED).select_related("place").order_by("place__name")


def network_status(*, user) -> QuerySet[ActionPlan]:
    """Every plan the user may see (all of them for network staff), the most recently started first per place."""
    return (
        ActionPlan.objects.filter(visible_q(user))
        .select_related("place", "signed_off_by")
        .order_by("place__name", "-pk")
    )


@dataclass
class PlaceOverview:
    place: Place
    newest: ActionPlan | None  # None: a place in a programme that has not started a plan
    published: ActionPlan | None  # the most recently started of its published plans
    versions: int
    # Every published plan of the place (several lines may be published side by side); monitoring counts them all.
    published_all: list = field(default_factory=list)
    last_update: datetime.date | None = None
    overdue: int = 0
    stale: int = 0


def network_overview(*, user, today: datetime.date | None = None) -> list[PlaceOverview]:
    """One row per place: its newest plan version and status, its published plan, and that plan's monitoring.

    Kept per viewer (what they may see depends on their roles) and per day in the shared cache until a write to
    plans, places and memberships, or accounts and roles (`core.pagecache.memoized_on`)."""
    from inclusive_cities.core.pagecache import memoized_on

    today = today or timezone.localdate()
    return memoized_on(
        ("plans", "network", "accounts"),
        "plans.network_overview",
        (user.pk if user is not None and user.is_authenticated else None, today.isoformat()),
        lambda: _network_overview(user=user, today=today),
    )


def _network_overview(*, user, today: datetime.date) -> list[PlaceOverview]:
    rows: dict[int, PlaceOverview] = {}
    for plan in network_status(user=user):
        row = rows.get(plan.place_id)
        if row is None:
            row = rows[plan.place_id] = PlaceOverview(place=plan.place, newest=plan, published=None, versions=0)
        row.versions += 1
        if plan.status == PlanStatus.PUBLISHED:
            row.published_all.append(plan)
            if row.published is None:
                row.published = plan
    _monitoring(rows, today=today)
    if roles_of(user).is_network_staff:
        # Every place in a programme now, with or without a plan (not having started is the first thing to see).
        from inclusive_cities.network.selectors import network_member_places

        for place in network_member_places().exclude(pk__in=rows):
            rows[place.pk] = PlaceOverview(place=place, newest=None, published=None, versions=0)
    return sorted(rows.values(), key=lambda r: r.place.name)


# Completed and cancelled actions need no more updates and cannot be overdue.
CLOSED_STATUSES = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)


def is_stale_date(
    last: datetime.date | None, plan: ActionPlan, today: datetime.date, *, action_start: datetime.date | None = None
) -> bool:
    """An update dated `last` is too old against the plan's update interval; with no update, the interval counts
    from the plan's start or the action's start, whichever is later (update_due_date decides, for everyone)."""
    return update_due_date(last=last, plan=plan, action_start=action_start) < today


def _monitoring(rows: dict[int, PlaceOverview], *, today: datetime.date) -> None:
    """Overdue and stale counts and the last update of each row's published plan, by the dashboard's rules,
    counted by the database (one query per distinct update interval, usually one, and one over the updates),
    not one dashboard per place nor one Python step per action.

    Stale is update_due_date's rule written for SQL: an open action is stale when its due date is before today,
    i.e. when the date it counts from is before `today - interval`; that date is its last update, or, with none,
    the later of the plan's start and the action's start (both before the threshold)."""
    by_plan = {plan.pk: row for row in rows.values() for plan in row.published_all}
    if not by_plan:
        return
    by_interval: dict[int, list[int]] = {}
    for row in rows.values():
        for plan in row.published_all:
            by_interval.setdefault(plan.update_interval_days, []).append(plan.pk)
    for interval, plan_ids in by_interval.items():
        threshold = today - datetime.timedelta(days=interval)
        updated = ProgressUpdate.objects.filter(action=OuterRef("pk"))
        never_updated_since = Q(priority__plan__period_start__lt=threshold) & (
            Q(start_date__isnull=True) | Q(start_date__lt=threshold)
        )
        stale = ~Exists(updated.filter(date__gte=threshold)) & (Exists(updated) | never_updated_since)
        counts = (
            Action.objects.filter(priority__plan_id__in=plan_ids)
            .exclude(status__in=CLOSED_STATUSES)
            .values("priority__plan_id")
            .annotate(overdue=Count("pk", filter=Q(end_date__lt=today)), stale=Count("pk", filter=stale))
            .values_list("priority__plan_id", "overdue", "stale")
        )
        for plan_id, overdue, stale_count in counts:
            row = by_plan[plan_id]
            row.overdue += overdue
            row.stale += stale_count
    last_updates = (
        ProgressUpdate.objects.filter(action__priority__plan__in=by_plan)
        .values("action__priority__plan_id")
        .annotate(last=Max("date"))
        .values_list("action__priority__plan_id", "last")
    )
    for plan_id, last in last_updates:
        row = by_plan[plan_id]
        row.last_update = max(last, row.last_update) if row.last_update else last


def actions_qs() -> QuerySet[Action]:
    return Action.objects.select_related("lead_user", "lead_organisation", "priority").prefetch_related(
        "partners",
        "target_groups",
        "domains",
        "measures",
        "milestones",
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author").prefetch_related("values")),
    )


def plan_tree(plan: ActionPlan) -> list[Priority]:
    """Priorities with their themes, principles and actions (and each action's measures, milestones, updates)."""
    return list(plan.priorities.prefetch_related("themes", "principles", Prefetch("actions", queryset=actions_qs())))


def action_get(*, plan: ActionPlan, pk: int) -> Action:
    action = actions_qs().filter(priority__plan=plan, pk=pk).first()
    if action is None:
        raise Http404
    return action


def action_meetings(*, user, action: Action) -> list:
    """Taskforce meetings where the action came up, as far as the user may see the place's taskforce."""
    from inclusive_cities.taskforce.selectors import visible_q as taskforce_visible_q

    return list(action.taskforce_meetings.filter(taskforce_visible_q(user)).order_by("-date"))


def baseline_context(*, user, place: Place) -> list:
    """The place's baseline of existing activities, carried into the plan as context (for those who may see it)."""
    try:
        from inclusive_cities.baseline.selectors import baseline_for_place
    except ImportError:  # pragma: no cover - the baseline app is optional to this one
        return []
    return list(baseline_for_place(place=place, user=user))


def priority_get(*, plan: ActionPlan, pk: int) -> Priority:
    priority = plan.priorities.filter(pk=pk).first()
    if priority is None:
        raise Http404
    return priority


def measure_get(*, plan: ActionPlan, pk: int) -> Measure:
    measure = Measure.objects.select_related("action__priority").filter(action__priority__plan=plan, pk=pk).first()
    if measure is None:
        raise Http404
    return measure


def milestone_get(*, plan: ActionPlan, pk: int) -> Milestone:
    milestone = Milestone.objects.select_related("action__priority").filter(action__priority__plan=plan, pk=pk).first()
    if milestone is None:
        raise Http404
    return milestone


def comment_threads(plan: ActionPlan) -> list[ReviewComment]:
    """Top-level comments, each with `.thread` = its replies in order (any depth flattened under the root)."""
    comments = list(plan.comments.select_related("author", "resolved_by", "parent"))
    by_id = {c.pk: c for c in comments}
    roots = []
    for comment in comments:
        comment.thread = []
    for comment in comments:
        root = comment
        while root.parent_id and root.parent_id in by_id:
            root = by_id[root.parent_id]
        if root is comment:
            roots.append(comment)
        else:
            root.thread.append(comment)
    return roots


# --- Roll-up and dashboard -------------------------------------------------------------------------------

CATEGORY_SEP = "|"
CENT = Decimal("0.01")
ON_TRACK_RULE = gettext_lazy(
    "Progress is how far the latest figure has moved from the baseline towards the target. A measure is on track "
    "when that share is at least the share of time gone from the plan's start to the measure's target date; "
    "without a target date, or without a baseline, target or latest figure, it is not judged."
)


ROLL_UP_RULE = gettext_lazy(
    "An action's progress is the share of its milestones that are completed. An action with no milestones has "
    "no progress figure: it is counted as “not measured” and left out, never treated as 0% or 100%. A "
    "priority's and the plan's progress is the total of completed milestones divided by the total of "
    "milestones across the actions that have milestones. Cancelled actions are left out."
)


@dataclass
class Progress:
    done: int = 0
    total: int = 0
    not_measured: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.total) if self.total else None

    def add(self, other: "Progress") -> None:
        self.done += other.done
        self.total += other.total
        self.not_measured += other.not_measured


def progress_of(status: str, *, total: int, done: int) -> Progress:
    """An action's progress: a cancelled action counts for nothing, one without milestones as not measured, any other
    by its milestones done (the rule of the dashboard, the network views and the report for funders)."""
    if status == ActionStatus.CANCELLED:
        return Progress()
    if not total:
        return Progress(not_measured=1)
    return Progress(done=done, total=total)


def add_resource(target, amount, state: str) -> None:
    """Count an action's resource amount as secured or sought on `target` (a Dashboard or a ProgressSummary)."""
    if amount:
        if state == ResourceState.SECURED:
            target.secured += amount
        elif state == ResourceState.SOUGHT:
            target.sought += amount


def action_progress(action: Action) -> Progress:
    milestones = list(action.milestones.all())
    return progress_of(action.status, total=len(milestones), done=sum(1 for m in milestones if m.is_done))


def latest_update(action: Action) -> ProgressUpdate | None:
    updates = list(action.updates.all())
    return max(updates, key=lambda u: (u.date, u.pk)) if updates else None


@dataclass
class Dashboard:
    plan: ActionPlan
    priorities: list
    by_theme: list = field(default_factory=list)  # (theme, {status: count}, Progress)
    overdue: list = field(default_factory=list)
    stale: list = field(default_factory=list)  # (action, last update date or None)
    secured: Decimal = Decimal("0")
    sought: Decimal = Decimal("0")
    progress: Progress = field(default_factory=Progress)
    action_count: int = 0
    rule: str = ROLL_UP_RULE
    measures: list = field(default_factory=list)
    on_track_rule: str = ON_TRACK_RULE


def dashboard(plan: ActionPlan, *, today: datetime.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    priorities = plan_tree(plan)
    result = Dashboard(plan=plan, priorities=priorities)
    themes: OrderedDict = OrderedDict()
    for priority in priorities:
        priority.progress = Progress()
        for action in priority.actions.all():
            result.action_count += 1
            action.progress = action_progress(action)
            action.latest = latest_update(action)
            priority.progress.add(action.progress)
            open_action = action.status not in CLOSED_STATUSES
            if open_action and action.end_date and action.end_date < today:
                result.overdue.append(action)
            last = action.latest.date if action.latest else None
            if open_action and is_stale_date(last, plan, today, action_start=action.start_date):
                result.stale.append((action, action.latest.date if action.latest else None))
            add_resource(result, action.resource_amount, action.resource_state)
            for theme in priority.themes.all():
                entry = themes.setdefault(theme.pk, [theme, {}, Progress()])
                entry[1][action.status] = entry[1].get(action.status, 0) + 1
                entry[2].add(action.progress)
        result.progress.add(priority.progress)
    result.by_theme = sorted(themes.values(), key=lambda e: e[0].code)
    actions = [a for p in priorities for a in p.actions.all()]
    annotate_measures(actions, plan, today=today)
    result.measures = [m for a in actions for m in a.measures.all()]
    return result


@dataclass
class ProgressSummary:
    """What the report for funders reads of a plan's dashboard (`dashboard`): progress, resources and progress by
    theme, counted by the database with the dashboard's rules."""

    plan: ActionPlan
    progress: Progress = field(default_factory=Progress)
    secured: Decimal = Decimal("0")
    sought: Decimal = Decimal("0")
    by_theme: list = field(default_factory=list)  # (theme, {status: count}, Progress), as on the dashboard


def progress_summaries(plans) -> dict[int, ProgressSummary]:
    """Each plan's `ProgressSummary`, by plan id, in three queries however many plans: an action's milestones are
    counted by the database and read by `progress_of`, not read as objects (17,328 actions with 52,000 milestones
    took 8 s that way)."""
    from inclusive_cities.framework.models import Theme

    summaries = {plan.pk: ProgressSummary(plan=plan) for plan in plans}
    themes_of: dict[int, list[int]] = {}
    for priority_id, theme_id in Priority.themes.through.objects.filter(priority__plan_id__in=summaries).values_list(
        "priority_id", "theme_id"
    ):
        themes_of.setdefault(priority_id, []).append(theme_id)
    themes = Theme.objects.in_bulk({t for ids in themes_of.values() for t in ids})
    by_theme: dict[int, OrderedDict] = {pk: OrderedDict() for pk in summaries}
    actions = (
        Action.objects.filter(priority__plan_id__in=summaries)
        .values_list("pk", "priority_id", "priority__plan_id", "status", "resource_amount", "resource_state")
        .annotate(total=Count("milestones"), done=Count("milestones", filter=Q(milestones__completed_on__isnull=False)))
    )
    for _pk, priority_id, plan_id, status, amount, resource_state, total, done in actions:
        progress = progress_of(status, total=total, done=done)
        summary = summaries[plan_id]
        summary.progress.add(progress)
        add_resource(summary, amount, resource_state)
        for theme_id in themes_of.get(priority_id, ()):
            entry = by_theme[plan_id].setdefault(theme_id, [themes[theme_id], {}, Progress()])
            entry[1][status] = entry[1].get(status, 0) + 1
            entry[2].add(progress)
    for pk, summary in summaries.items():
        summary.by_theme = sorted(by_theme[pk].values(), key=lambda e: e[0].code)
    return summaries


def is_stale(action: Action, plan: ActionPlan, today: datetime.date | None = None) -> bool:
    """As on the dashboard: an open action whose last update is older than the plan's interval (a completed or
    cancelled action needs no more updates)."""
    if action.status in CLOSED_STATUSES:
        return False
    last = latest_update(action)
    return is_stale_date(
        last.date if last else None, plan, today or timezone.localdate(), action_start=action.start_date
    )


# --- Canonical text, for comparing versions -------------------------------------------------------------


def _codes(qs) -> str:
    return ", ".join(sorted(obj.code for obj in qs)) or "–"


def plan_as_lines(plan: ActionPlan) -> list[str]:
    """A canonical, line-per-fact rendering of a plan; two versions are compared line by line."""
    none = "–"
    lines = [
        f"{_('Title')}: {plan.title}",
        f"{_('Period')}: {human_date(plan.period_start)} – {human_date(plan.period_end)}",
        f"{_('Framework')}: {plan.framework}",
        f"{_('Update interval')}: {plan.update_interval_days} {_('days')}",
        f"{_('Vision')}: {plan.vision}",
    ]
    for n, priority in enumerate(plan_tree(plan), start=1):
        lines += [
            f"{_('Priority')} {n}: {priority.title}",
            f"  {_('Description')}: {priority.description}",
            f"  {_('Themes')}: {_codes(priority.themes.all())}",
            f"  {_('Principles')}: {_codes(priority.principles.all())}",
        ]
        for m, action in enumerate(priority.actions.all(), start=1):
            p = f"  {_('Action')} {n}.{m}"
            partners = ", ".join(sorted(o.name for o in action.partners.all()))
            lines += [
                f"{p}: {action.title}",
                f"{p} {_('description')}: {action.description}",
                f"{p} {_('lead')}: {action.lead_organisation_label or none}; {action.lead_user or none}",
                f"{p} {_('partners')}: {partners} {action.partner_names}",
                f"{p} {_('success criteria')}: {action.success_criteria}",
                f"{p} {_('timescale')}: {action.get_timescale_display()}, {human_date(action.start_date, none)} – "
                f"{human_date(action.end_date, none)}",
                f"{p} {_('target groups')}: {_codes(action.target_groups.all())}",
                f"{p} {_('domains')}: {_codes(action.domains.all())}",
                f"{p} {_('resources')}: {action.resource_amount or none} {action.resource_source} "
                f"({action.get_resource_state_display()})",
                f"{p} {_('status')}: {action.get_status_display()}; {_('RAG')}: {action.get_rag_display()}",
            ]
            for measure in action.measures.all():
                lines.append(
                    f"{p} {_('measure')}: {measure.name} [{measure.indicator_code or '–'} {measure.category}] "
                    f"({_('baseline')} {measure.baseline} {measure.baseline_period}, {_('target')} {measure.target} "
                    f"{measure.unit} {human_date(measure.target_date)} {measure.get_direction_display()})"
                )
            for milestone in action.milestones.all():
                lines.append(
                    f"{p} {_('milestone')}: {milestone.title} ({_('due')} {human_date(milestone.due_date, none)})"
                )
    return lines


# --- The home page and the network dashboard (asked by inclusive_cities.home) ---------------------------------

# A progress update is "due" this many days before the plan's interval runs out (and "overdue" after).
UPDATE_DUE_WARNING_DAYS = 14


def waiting_alert_days() -> int:
    """Plans waiting in review, or signed off and not published, longer than this are flagged (a setting)."""
    from django.conf import settings

    return int(getattr(settings, "PLAN_WAITING_ALERT_DAYS", 30))


def update_due_date(*, last: datetime.date | None, plan: ActionPlan, action_start: datetime.date | None):
    """When an action's next progress update is due: the plan's interval after its last update, or, when it has
    none yet, after the plan's start or the action's start, whichever is later."""
    since = last or max(d for d in (plan.period_start, action_start) if d is not None)
    return since + datetime.timedelta(days=plan.update_interval_days)


def _plan_url(plan: ActionPlan, place: Place) -> str:
    from django.urls import reverse

    return reverse("plans:plan_detail", args=[place.code, plan.pk])


def method_steps(places, user, today: datetime.date | None = None) -> dict:
    """The plan's steps of the method for each place: drafted, in review, signed off, published, monitoring.

    The workflow steps follow the newest version; "published" and "monitoring" follow the published plan (a
    place drafting version 2 still monitors version 1). Bulk: three queries whatever the number of places."""
    from functools import lru_cache

    from django.utils.formats import date_format as _date_format

    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    today = today or timezone.localdate()
    by_id = {p.pk: p for p in places}
    rows: dict[int, PlaceOverview] = {}
    plans = (
        ActionPlan.objects.filter(visible_q(user), place_id__in=by_id)
        .exclude(status=PlanStatus.ARCHIVED)
        .order_by("place_id", "-pk")
    )
    for plan in plans:
        row = rows.get(plan.place_id)
        if row is None:
            row = rows[plan.place_id] = PlaceOverview(
                place=by_id[plan.place_id], newest=plan, published=None, versions=0
            )
        row.versions += 1
        if plan.status == PlanStatus.PUBLISHED:
            row.published_all.append(plan)
            if row.published is None:
                row.published = plan
    _monitoring(rows, today=today)
    limit = waiting_alert_days()
    date_format = lru_cache(maxsize=None)(_date_format)  # many plans share their dates
    # Links and words made once, not per place (reverse() and gettext() per row dominate at 361 places).
    places_url = url_maker("plans:place_plans", str)
    plan_url = url_maker("plans:plan_detail", str, int)
    dashboard_url = url_maker("plans:dashboard", str, int)
    status_label = {value: str(label) for value, label in PlanStatus.choices}
    words = {
        "no_plan": _("No plan yet."),
        "version": _("Version %(v)s: %(status)s"),
        "waiting_since": _("Waiting for sign-off since %(date)s (%(days)s days)."),
        "waiting_alert": _("In review for %(days)s days, waiting for sign-off."),
        "signed_since": _("Signed off on %(date)s; not yet published."),
        "signed_alert": _("Signed off %(days)s days ago and not yet published."),
        "published": _("Version %(v)s, %(start)s to %(end)s"),
        "ended": _("The published plan ended on %(date)s."),
        "behind": _("%(stale)s open actions need a progress update; %(overdue)s past their end date."),
        "stale": _("%(n)s open actions have no update within the plan’s %(days)s-day interval."),
        "up_to_date": _("Every open action is up to date."),
        "ready": _("Ready to publish."),
    }
    result = {}
    for place_id, place in by_id.items():
        row = rows.get(place_id)
        newest = row.newest if row else None
        published = row.published if row else None
        if newest is None:
            url = places_url(place.code)
            result[place_id] = [
                Step("plan_drafted", NOT_STARTED, words["no_plan"], url),
                Step("in_review", NOT_STARTED, url=url),
                Step("signed_off", NOT_STARTED, url=url),
                Step("published", NOT_STARTED, url=url),
                Step("monitoring", NOT_STARTED, url=url),
            ]
            continue
        url = plan_url(place.code, newest.pk)
        status = newest.status
        drafted = Step(
            "plan_drafted",
            IN_PROGRESS if status == PlanStatus.DRAFT else DONE,
            words["version"] % {"v": newest.version, "status": status_label[status]},
            url,
        )
        review = Step("in_review", NOT_STARTED, url=url)
        signed = Step("signed_off", NOT_STARTED, url=url)
        if status == PlanStatus.IN_REVIEW:
            review.state = IN_PROGRESS
            since = newest.submitted_at.date() if newest.submitted_at else None
            if since:
                days = (today - since).days
                review.detail = words["waiting_since"] % {
                    "date": date_format(since, "j F Y"),
                    "days": days,
                }
                if days > limit:
                    review.alerts.append(("waiting", words["waiting_alert"] % {"days": days}))
        elif status in (PlanStatus.SIGNED_OFF, PlanStatus.PUBLISHED):
            review.state = signed.state = DONE
        if status == PlanStatus.SIGNED_OFF and newest.signed_off_at:
            since = newest.signed_off_at.date()
            days = (today - since).days
            signed.detail = words["signed_since"] % {"date": date_format(since, "j F Y")}
            if days > limit:
                signed.alerts.append(("waiting", words["signed_alert"] % {"days": days}))
        pub = Step("published", NOT_STARTED, url=url)
        monitoring = Step("monitoring", NOT_STARTED, url=url)
        if published is not None:
            pub_url = plan_url(place.code, published.pk)
            pub.state, pub.url = DONE, pub_url
            pub.detail = words["published"] % {
                "v": published.version,
                "start": date_format(published.period_start, "F Y"),
                "end": date_format(published.period_end, "F Y"),
            }
            if published.period_end < today:
                pub.alerts.append(
                    (
                        "ended",
                        words["ended"] % {"date": date_format(published.period_end, "j F Y")},
                    )
                )
            monitoring.url = dashboard_url(place.code, published.pk)
            if row.stale or row.overdue:
                monitoring.state = IN_PROGRESS
                monitoring.detail = _(
                    "%(stale)s open actions need a progress update; %(overdue)s past their end date."
                ) % {
                    "stale": row.stale,
                    "overdue": row.overdue,
                }
                if row.stale:
                    monitoring.alerts.append(
                        (
                            "stale",
                            words["stale"] % {"n": row.stale, "days": published.update_interval_days},
                        )
                    )
            else:
                monitoring.state = DONE
                monitoring.detail = words["up_to_date"]
        elif status == PlanStatus.SIGNED_OFF:
            pub.state, pub.detail = IN_PROGRESS, words["ready"]
        result[place_id] = [drafted, review, signed, pub, monitoring]
    return result


def tasks_for(user, today: datetime.date | None = None) -> list:
    """What waits for this person in plans, by the plans rules:

    - review comments: plans in review that the person may comment on but neither writes (officers) nor signs off
      (the sponsor): the place's partners and the network's facilitators;
    - sign-off: plans in review, for the place's senior sponsor;
    - publish: signed-off plans, for the place's officers;
    - comments to resolve: open review comments on a draft or in-review plan, for the place's officers;
    - progress updates due (within UPDATE_DUE_WARNING_DAYS) or overdue, on open actions of a published plan that
      the person leads and may report on."""
    from django.db.models import Count
    from django.urls import reverse

    from inclusive_cities.accounts.models import NetworkRole, PlaceRole
    from inclusive_cities.core.method import Task

    roles = roles_of(user)
    if not user or not user.is_authenticated:
        return []
    today = today or timezone.localdate()
    officer = roles.place_ids(PlaceRole.OFFICER)
    sponsor = roles.place_ids(PlaceRole.SPONSOR)
    partner = roles.place_ids(PlaceRole.PARTNER)
    tasks: list = []
    in_review = ActionPlan.objects.filter(status=PlanStatus.IN_REVIEW).select_related("place")
    if roles.has_network(NetworkRole.ADMIN):
        reviewers = in_review.none()
    elif roles.has_network(NetworkRole.FACILITATOR):
        reviewers = in_review.exclude(place_id__in=officer | sponsor)
    else:
        reviewers = in_review.filter(place_id__in=partner - officer - sponsor)
    for plan in reviewers.order_by("submitted_at", "pk"):
        tasks.append(
            Task(
                "plan_review",
                _("Review %(place)s’s plan “%(title)s” and comment") % {"place": plan.place, "title": plan.title},
                _plan_url(plan, plan.place) + "#review",
                place=plan.place,
                due=plan.submitted_at.date() if plan.submitted_at else None,
            )
        )
    for plan in in_review.filter(place_id__in=sponsor).order_by("submitted_at", "pk"):
        tasks.append(
            Task(
                "plan_signoff",
                _("Sign off %(place)s’s plan “%(title)s”") % {"place": plan.place, "title": plan.title},
                reverse("plans:plan_step", args=[plan.place.code, plan.pk, "sign-off"]),
                place=plan.place,
                due=plan.submitted_at.date() if plan.submitted_at else None,
            )
        )
    for plan in ActionPlan.objects.filter(status=PlanStatus.SIGNED_OFF, place_id__in=officer).select_related("place"):
        tasks.append(
            Task(
                "plan_publish",
                _("Publish %(place)s’s signed-off plan “%(title)s”") % {"place": plan.place, "title": plan.title},
                reverse("plans:plan_step", args=[plan.place.code, plan.pk, "publish"]),
                place=plan.place,
            )
        )
    open_comments = (
        ActionPlan.objects.filter(place_id__in=officer, status__in=(PlanStatus.DRAFT, PlanStatus.IN_REVIEW))
        .select_related("place")
        .annotate(n=Count("comments", filter=Q(comments__parent__isnull=True, comments__resolved_at__isnull=True)))
        .filter(n__gt=0)
    )
    for plan in open_comments:
        tasks.append(
            Task(
                "comments_resolve",
                _("%(n)s review comments to resolve on “%(title)s”") % {"n": plan.n, "title": plan.title},
                _plan_url(plan, plan.place) + "#review",
                place=plan.place,
                count=plan.n,
            )
        )
    # Who may report progress (the rule plans.post_progress): the place's officers, a partner on an action they
    # lead, and administrators anywhere.
    led = Action.objects.filter(lead_user=user, priority__plan__status=PlanStatus.PUBLISHED)
    if not roles.has_network(NetworkRole.ADMIN):
        led = led.filter(priority__plan__place_id__in=officer | partner)
    led = (
        led.exclude(status__in=CLOSED_STATUSES)
        .select_related("priority__plan__place")
        .annotate(last=Max("updates__date"))
    )
    for action in led:
        plan = action.priority.plan
        due = update_due_date(last=action.last, plan=plan, action_start=action.start_date)
        if due - today > datetime.timedelta(days=UPDATE_DUE_WARNING_DAYS):
            continue
        overdue = due < today
        tasks.append(
            Task(
                "update_overdue" if overdue else "update_due",
                (_("Progress update overdue on “%(title)s”") if overdue else _("Progress update due on “%(title)s”"))
                % {"title": action.title},
                reverse("plans:progress_add", args=[plan.place.code, plan.pk, action.pk]),
                place=plan.place,
                due=due,
                overdue=overdue,
            )
        )
    return tasks


# --- Measures on local data ---------------------------------------------------------------------------------


def indicator_choices(*, place: Place, theme_codes) -> list:
    """The catalogue indicators (and categories) with figures for this place, as <select> option groups: those on
    the priority's themes first, then the others. Option values are "code|category"."""
    from inclusive_cities.data.models import Indicator, Observation

    pairs = (
        Observation.objects.filter(place=place, value__isnull=False)
        .values_list("indicator_id", "category")
        .distinct()
        .order_by()
    )
    categories: dict[int, set] = {}
    for indicator_id, category in pairs:
        categories.setdefault(indicator_id, set()).add(category)
    themes = set(theme_codes)
    matching, others = [], []
    for indicator in Indicator.objects.filter(pk__in=categories):
        options = [
            (
                f"{indicator.code}{CATEGORY_SEP}{category}",
                f"{indicator.name}: {category}" if category else indicator.name,
            )
            for category in sorted(categories[indicator.pk])
        ]
        (matching if themes & set(indicator.theme_codes or []) else others).extend(options)
    groups = []
    if matching:
        groups.append((_("On this priority’s themes"), matching))
    if others:
        groups.append((_("Other indicators with figures for %(place)s") % {"place": place.name}, others))
    return groups


def catalogue_indicator(code: str):
    from inclusive_cities.data.models import Indicator

    return Indicator.objects.filter(code=code).first()


def _figures_q(keys) -> Q:
    """The observations of each (place id, indicator code, category) in `keys`, as one filter."""
    query = Q()
    for place_id, code, category in keys:
        query |= Q(place_id=place_id, indicator__code=code, category=category)
    return query


def latest_figures(keys) -> dict:
    """{(place_id, indicator_code, category): {"value", "period", "source"}} for the newest observation of each, in
    one query. Keys with no figure are absent."""
    from inclusive_cities.data.models import Observation

    keys = set(keys)
    if not keys:
        return {}
    rows = (
        Observation.objects.filter(_figures_q(keys), value__isnull=False)
        .order_by("-period_start", "-pk")
        .values_list("place_id", "indicator__code", "category", "period", "value", "indicator__source")
    )
    found: dict = {}
    for place_id, code, category, period, value, source in rows:
        key = (place_id, code, category)
        if key not in found:
            found[key] = {"value": Decimal(str(value)).quantize(CENT), "period": period, "source": source}
    return found


def _measure_progress(measure: Measure, plan: ActionPlan, today: datetime.date) -> None:
    latest = measure.latest["value"] if measure.latest else None
    measure.percent = measure.on_track = None
    if latest is None or measure.baseline is None or measure.target is None or measure.target == measure.baseline:
        return
    measure.percent = round(100 * (latest - measure.baseline) / (measure.target - measure.baseline))
    if measure.target_date and measure.target_date > plan.period_start:
        gone = (today - plan.period_start).days / (measure.target_date - plan.period_start).days
        measure.on_track = measure.percent >= 100 * min(max(gone, 0), 1)
    elif measure.target_date:
        measure.on_track = measure.percent >= 100


def annotate_measures(actions, plan: ActionPlan, *, today: datetime.date | None = None) -> None:
    """Give each measure of these actions of one plan `.latest` ({"value", "period", "source"} or None), `.percent`
    (of the way from baseline to target) and `.on_track`."""
    _annotate([(action, plan) for action in actions], today or timezone.localdate())


def annotate_plan_measures(plans, *, today: datetime.date | None = None) -> None:
    """As annotate_measures, for every action of these plans (priorities and actions prefetched), in one query."""
    pairs = [
        (action, plan) for plan in plans for priority in plan.priorities.all() for action in priority.actions.all()
    ]
    _annotate(pairs, today or timezone.localdate())


def _annotate(pairs, today: datetime.date) -> None:
    """Catalogue measures read the place's newest observation (one query for all); local measures read their newest
    value from progress updates (already prefetched)."""
    keys = {
        (plan.place_id, m.indicator_code, m.category) for a, plan in pairs for m in a.measures.all() if m.indicator_code
    }
    figures = latest_figures(keys)
    for action, plan in pairs:
        values: dict = {}
        for update in sorted(action.updates.all(), key=lambda u: (u.date, u.pk)):
            for value in update.values.all():
                values[value.measure_id] = {"value": value.value, "period": update.date.isoformat(), "source": ""}
        for measure in action.measures.all():
            if measure.indicator_code:
                measure.latest = figures.get((plan.place_id, measure.indicator_code, measure.category))
            else:
                measure.latest = values.get(measure.pk)
            _measure_progress(measure, plan, today)


@dataclass
class SeriesPoint:
    """One figure of a measure over time: its period as published (or an update's ISO date), the value, a date to
    place it on a time axis (None when the period cannot be dated) and whether it is the measure's baseline."""

    period: str
    value: Decimal
    date: datetime.date | None
    is_baseline: bool = False


def period_date(period: str) -> datetime.date | None:
    """A date to place a period label on a time axis: an ISO date as it is, else the middle of its last year
    ("2019" and "mid-2019" -> 1 July 2019, "2019/20" -> 1 July 2020); None without a year."""
    text = str(period or "").strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        pass
    years = re.findall(r"\d{4}", text)
    if not years:
        return None
    year = int(years[-1])
    if re.fullmatch(r"\d{4}/\d{2}", text):  # a financial or academic year "2019/20" ends in its second year
        year += 1
    return datetime.date(year, 7, 1) if 1000 <= year <= 9999 else None


def measure_series(actions, plan: ActionPlan) -> None:
    """Give each measure of these actions of one plan `.series`: its figures in time order (SeriesPoint), the last
    being the latest. A catalogue measure: the place's observations of its indicator and category from the
    baseline period onwards (every period when the baseline period is not one of them, after a baseline point of
    its own); a local measure: its baseline, then the values posted with progress updates in date order.

    One query for the observations of every catalogue measure; local values come from the prefetched updates."""
    from inclusive_cities.data.models import Observation

    actions = list(actions)
    keys = {
        (plan.place_id, m.indicator_code, m.category) for a in actions for m in a.measures.all() if m.indicator_code
    }
    observed: dict = {key: {} for key in keys}
    if keys:
        rows = (
            Observation.objects.filter(_figures_q(keys), value__isnull=False)
            .order_by("period_start", "pk")
            .values_list("place_id", "indicator__code", "category", "period", "period_start", "value")
        )
        for place_id, code, category, period, start, value in rows:
            # One figure a period (the newest row wins, as for the latest figure).
            observed[(place_id, code, category)][period] = (start, Decimal(str(value)).quantize(CENT))
    for action in actions:
        updates = sorted(action.updates.all(), key=lambda u: (u.date, u.pk))
        for measure in action.measures.all():
            if measure.indicator_code:
                figures = sorted(
                    observed.get((plan.place_id, measure.indicator_code, measure.category), {}).items(),
                    key=lambda item: (item[1][0], item[0]),
                )
                measure.series = _catalogue_series(measure, figures)
            else:
                measure.series = _local_series(measure, plan, updates)


def _catalogue_series(measure: Measure, figures: list) -> list[SeriesPoint]:
    periods = [period for period, _figure in figures]
    if measure.baseline_period in periods:
        start = periods.index(measure.baseline_period)
        return [
            SeriesPoint(period, value, day, is_baseline=(n == start))
            for n, (period, (day, value)) in enumerate(figures)
            if n >= start
        ]
    points = []
    since = None
    if measure.baseline is not None:
        since = period_date(measure.baseline_period)
        points.append(SeriesPoint(measure.baseline_period, measure.baseline, since, is_baseline=True))
    return points + [
        SeriesPoint(period, value, day) for period, (day, value) in figures if since is None or day > since
    ]


def _local_series(measure: Measure, plan: ActionPlan, updates: list) -> list[SeriesPoint]:
    points = []
    if measure.baseline is not None:
        # A local baseline without a period is taken to be the plan's starting point.
        day = period_date(measure.baseline_period) if measure.baseline_period else plan.period_start
        points.append(SeriesPoint(measure.baseline_period, measure.baseline, day, is_baseline=True))
    for update in updates:
        for value in update.values.all():
            if value.measure_id == measure.pk:
                points.append(SeriesPoint(update.date.isoformat(), value.value, update.date))
    return points
