"""The report for funders and boards: one programme, one period, every member place, each figure with its
definition. Reads the per-app selectors the per-place pages read (plans' dashboard, assessments' scoring), so the
report's figures and a place's own pages never disagree."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import Membership, Place, Programme

STAGES = [
    ("commitment", _("Commitment"), _("The place is a member of a cohort of the programme during the period.")),
    ("taskforce", _("Taskforce"), _("At least one taskforce member is recorded for the place.")),
    ("baseline", _("Baseline"), _("At least one existing activity is recorded in the place’s baseline.")),
    (
        "assessment",
        _("Self-assessment"),
        _("The place confirmed a self-assessment on or before the end of the period."),
    ),
    ("narrative", _("Narrative"), _("The place’s narrative of inclusion is published.")),
    ("plan", _("Plan published"), _("The place has a published action plan, published on or before the period ends.")),
    (
        "monitoring",
        _("Monitoring"),
        _("The place has a published plan and at least one progress update on its plans dated within the period."),
    ),
]

DEFINITIONS = {
    "places": _(
        "Places that were members of a cohort of the programme at some time in the period (joined by its "
        "end, not left before its start). A place recorded as having left without a year is left out."
    ),
    "progress": _(
        "Completed milestones divided by all milestones, over the actions of published plans that have "
        "milestones (the rule each plan’s dashboard states); actions without milestones are counted as "
        "not measured, cancelled actions are left out. By theme: the actions under priorities on that theme."
    ),
    "funding": _(
        "The sums of the resource amounts on the actions of published plans, marked secured or sought "
        "(as on each plan’s dashboard). Amounts on actions with no resource state are not counted."
    ),
    "assessment": _(
        "Each place’s latest confirmed self-assessment, confirmed by the end of the period and shared "
        "with the network or the public (a place whose latest is private is left out). Scores are read on "
        "the current framework version: a theme that changed since a place’s version does not count for "
        "that place. The median and quartiles of a theme are shown only when at least %(n)s places "
        "count towards it, so no place’s score can be worked out."
    ),
    "partnerships": _(
        "Convenings: the programme's recorded convenings (working-group meetings, exchange visits, webinars) that "
        "started in the period, with the places taking part. Partnerships: learning partnerships between two places "
        "proposed in the period, by their state now (proposed, active, declined, closed)."
    ),
}


@dataclass
class PlaceRow:
    place: Place
    membership: Membership
    stages: dict = field(default_factory=dict)
    stage_list: list = field(default_factory=list)
    plan: object = None
    dashboard: object = None


@dataclass
class FunderReport:
    programme: Programme
    start_year: int
    end_year: int
    rows: list
    stage_counts: list
    plans_published: int
    progress_by_theme: list
    progress: object
    secured: Decimal
    sought: Decimal
    assessment_places: int
    assessment_by_theme: list
    definitions: dict
    stages: list
    min_group: int
    convenings: list = field(default_factory=list)
    partnerships: dict = field(default_factory=dict)


def programme_memberships(*, programme: Programme, start_year: int, end_year: int):
    return (
        Membership.objects.filter(cohort__programme=programme)
        .filter(Q(joined_year__isnull=True) | Q(joined_year__lte=end_year))
        .filter(Q(left_year__isnull=True) | Q(left_year__gte=start_year))
        .exclude(Q(left_year__isnull=True) & ~Q(left_note=""))
        .select_related("place", "cohort")
        .order_by("place__name", "-cohort__start_year")
    )


def funder_report(*, programme: Programme, start_year: int, end_year: int) -> FunderReport:
    from inclusive_cities.assessments import scoring
    from inclusive_cities.assessments.models import Assessment, Sharing, Status
    from inclusive_cities.assessments.selectors import NEWEST_CONFIRMED, mapped_scores, structure
    from inclusive_cities.baseline.models import Activity
    from inclusive_cities.exchange import selectors as exchange
    from inclusive_cities.framework.selectors import framework_current
    from inclusive_cities.narrative.models import Narrative, NarrativeStatus
    from inclusive_cities.plans import selectors as plans
    from inclusive_cities.plans.models import ProgressUpdate
    from inclusive_cities.taskforce.models import TaskforceMember

    period_start = datetime.date(start_year, 1, 1)
    period_end = datetime.date(end_year, 12, 31)
    rows: dict[int, PlaceRow] = {}
    for membership in programme_memberships(programme=programme, start_year=start_year, end_year=end_year):
        rows.setdefault(membership.place_id, PlaceRow(place=membership.place, membership=membership))
    ids = list(rows)
    with_taskforce = set(TaskforceMember.objects.filter(place_id__in=ids).values_list("place_id", flat=True))
    with_baseline = set(Activity.objects.filter(place_id__in=ids).values_list("place_id", flat=True))
    confirmed = Assessment.objects.filter(
        place_id__in=ids, status=Status.CONFIRMED, confirmed_at__lte=period_end
    ).order_by("place_id", NEWEST_CONFIRMED, "-created_at")
    assessed = set(confirmed.values_list("place_id", flat=True))
    narrated = set(
        Narrative.objects.filter(place_id__in=ids, status=NarrativeStatus.PUBLISHED).values_list("place_id", flat=True)
    )
    monitored = set(
        ProgressUpdate.objects.filter(
            action__priority__plan__place_id__in=ids, date__gte=period_start, date__lte=period_end
        ).values_list("action__priority__plan__place_id", flat=True)
    )
    total = plans.Progress()
    secured = sought = Decimal("0")
    themes: dict[str, list] = {}
    # Each place's current published plan, as `plans.current_published` picks it (the latest published), in one query.
    current_plans: dict[int, object] = {}
    for plan in (
        plans.published_plans()
        .filter(place_id__in=ids)
        .order_by("place_id", F("published_at").desc(nulls_last=True), "-pk")
    ):
        current_plans.setdefault(plan.place_id, plan)
    current_plans = {
        place_id: plan
        for place_id, plan in current_plans.items()
        if not (plan.published_at and plan.published_at.date() > period_end)
    }
    boards = plans.progress_summaries(current_plans.values())
    for row in rows.values():
        plan = current_plans.get(row.place.pk)
        row.plan = plan
        if plan is not None:
            row.dashboard = board = boards[plan.pk]
            total.add(board.progress)
            secured += board.secured
            sought += board.sought
            for theme, _statuses, progress in board.by_theme:
                entry = themes.setdefault(theme.code, [theme.code, theme.name, plans.Progress()])
                entry[2].add(progress)
        row.stages = {
            "commitment": True,
            "taskforce": row.place.pk in with_taskforce,
            "baseline": row.place.pk in with_baseline,
            "assessment": row.place.pk in assessed,
            "narrative": row.place.pk in narrated,
            "plan": plan is not None,
            "monitoring": plan is not None and row.place.pk in monitored,
        }
        row.stage_list = [row.stages[key] for key, _l, _d in STAGES]
    ordered = sorted(rows.values(), key=lambda r: r.place.name)
    # Assessments, with their privacy rules: the latest confirmed per place, only if shared; minimum group size.
    latest, seen = [], set()
    for a in confirmed.select_related("framework", "place"):
        if a.place_id in seen:
            continue
        seen.add(a.place_id)
        if a.sharing in (Sharing.NETWORK, Sharing.PUBLIC):
            latest.append(a)
    by_theme = []
    current = framework_current()
    if current is not None and latest:
        theme_objs, principles = structure(current)
        scored = mapped_scores(latest, current, theme_objs, principles)
        for theme in theme_objs:
            values = [s.theme(theme.code).score for _a, s in scored if s.theme(theme.code).score is not None]
            by_theme.append(
                {"code": theme.code, "name": theme.name, "count": len(values), "spread": scoring.spread(values)}
            )
    return FunderReport(
        programme=programme,
        start_year=start_year,
        end_year=end_year,
        rows=ordered,
        stage_counts=[(key, label, sum(1 for r in ordered if r.stages[key]), d) for key, label, d in STAGES],
        plans_published=sum(1 for r in ordered if r.plan is not None),
        progress_by_theme=[themes[c] for c in sorted(themes)],
        progress=total,
        secured=secured,
        sought=sought,
        assessment_places=len(latest),
        assessment_by_theme=by_theme,
        definitions={**DEFINITIONS, "assessment": DEFINITIONS["assessment"] % {"n": scoring.MIN_GROUP}},
        stages=STAGES,
        min_group=scoring.MIN_GROUP,
        convenings=exchange.convenings_in(programme=programme, start_year=start_year, end_year=end_year),
        partnerships=exchange.partnership_counts(programme=programme, start_year=start_year, end_year=end_year),
    )


def report_csv_rows(report: FunderReport) -> list[list]:
    """One row per member place, then the totals: the same figures as the page and the PDF."""
    header = ["place", "ons_code", "cohort", "membership"] + [key for key, _l, _d in STAGES]
    header += ["plan", "milestones_done", "milestones_total", "progress_percent", "funding_secured", "funding_sought"]
    lines = [header]
    for row in report.rows:
        board = row.dashboard
        lines.append(
            [row.place.name, row.place.code, row.membership.cohort.name, row.membership.get_kind_display()]
            + ["yes" if row.stages[key] else "no" for key, _l, _d in STAGES]
            + (
                [
                    row.plan.title,
                    board.progress.done,
                    board.progress.total,
                    board.progress.percent,
                    board.secured,
                    board.sought,
                ]
                if board
                else ["", "", "", "", "", ""]
            )
        )
    lines.append(
        ["TOTAL", "", "", ""]
        + [count for _k, _l, count, _d in report.stage_counts]
        + [
            report.plans_published,
            report.progress.done,
            report.progress.total,
            report.progress.percent,
            report.secured,
            report.sought,
        ]
    )
    # the same convenings and partnerships as the page, after a blank line
    lines.append([])
    lines.append(["convening", "start_date", "end_date", "host", "places_taking_part"])
    for c in report.convenings:
        lines.append(
            [c.title, c.start_date or "", c.end_date or "", c.host.name if c.host else "", len(c.participations.all())]
        )
    lines.append([])
    lines.append(["partnership", "state"])
    for p in report.partnerships.get("pairs", []):
        lines.append([f"{p.place_a.name} with {p.place_b.name}", p.get_state_display()])
    return lines
