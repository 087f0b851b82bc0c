"""The home page and the network dashboard only ask: each app answers from its own selectors.py.

- `method_steps(places, user)`: network (commitment), taskforce, baseline, assessments, narrative, plans
  (drafted, in review, signed off, published, monitoring), each in bulk for any number of places;
- `tasks_for(user)`: plans, assessments, evidence, accounts, consultation.
Nothing here repeats an app's rules.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, STEP_ORDER, Step, Task

STEP_SOURCES = ["network", "taskforce", "baseline", "assessments", "narrative", "plans"]
# What every app's steps read besides the app's own tables: the places and memberships, who holds which role (the
# rules of what a viewer may see), and the framework (themes). An app's steps on the network dashboard are kept
# until a write to one of these or to the app itself (core.pagecache.memoized_on).
STEP_SHARED_TABLES = ("network", "accounts", "framework")
TASK_SOURCES = ["plans", "assessments", "evidence", "accounts", "consultation"]

# Every kind of task, in the order the home page lists them, with a heading.
TASK_KINDS = {
    "plan_signoff": _("Plans waiting for your sign-off"),
    "plan_review": _("Plans waiting for your review comments"),
    "plan_publish": _("Signed-off plans to publish"),
    "comments_resolve": _("Review comments to resolve"),
    "update_overdue": _("Progress updates overdue on actions you lead"),
    "update_due": _("Progress updates due soon on actions you lead"),
    "assessment_to_confirm": _("Self-assessments waiting for your confirmation"),
    "partner_answers": _("Partner answers to accept or decline"),
    "answers_requested": _("Self-assessment answers asked of you"),
    "case_study_review": _("Contributed case studies to review"),
    "consultation_moderation": _("Consultation comments to moderate"),
    "invitations": _("Invitations not yet accepted"),
}

# The network dashboard's columns: the method's steps, with the plan's draft/review/sign-off as one "plan" column.
DASHBOARD_COLUMNS = [
    ("commitment", _("Commitment")),
    ("taskforce", _("Taskforce")),
    ("baseline", _("Baseline")),
    ("assessment", _("Self-assessment")),
    ("narrative", _("Narrative")),
    ("plan_drafted", _("Plan status")),
    ("published", _("Published")),
    ("monitoring", _("Monitoring")),
]

# The network dashboard's alerts, keyed as the apps' steps report them.
ALERTS = {
    "ended": _("Plan past its end date"),
    "waiting": _("Waiting too long in review or for publication"),
    "stale": _("Stale monitoring"),
    "hard_gaps": _("Taskforce missing the hardest sectors"),
    "not_started": _("Not started"),
}


def _selectors(app: str):
    return import_module(f"inclusive_cities.{app}.selectors")


@dataclass
class PlaceRow:
    place: object
    steps: list[Step]
    alerts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stage(self) -> Step | None:
        """The furthest step of the method done (None: nothing done yet)."""
        done = [s for s in self.steps if s.state == DONE]
        return done[-1] if done else None

    @property
    def alert_items(self) -> list[tuple[str, str, str]]:
        """(key, label, sentence) for each alert."""
        return [(key, str(ALERTS.get(key, key)), text) for key, text in self.alerts]

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def columns(self) -> list[Step | None]:
        """The network dashboard's columns (DASHBOARD_COLUMNS); the plan's workflow steps fold into one: the
        newest version's status, from the "plan drafted" step."""
        return [self.step(key) for key, _label in DASHBOARD_COLUMNS]


def place_rows(places, user, *, steps_of=None) -> list[PlaceRow]:
    """Each place with its steps of the method in the seeds' order, and the alerts the apps raised.

    `steps_of(app, places, user)` gives one app's steps (default: asks the app); the network dashboard passes one
    that keeps each app's answer until that app's data changes."""
    places = list(places)
    by_place: dict[int, list[Step]] = {p.pk: [] for p in places}
    for app in STEP_SOURCES:
        steps_by_place = steps_of(app, places, user) if steps_of else _selectors(app).method_steps(places, user)
        for place_id, steps in steps_by_place.items():
            by_place[place_id].extend(steps)
    order = {key: n for n, (key, _label) in enumerate(STEP_ORDER)}
    rows = []
    for place in places:
        steps = sorted(by_place[place.pk], key=lambda s: order.get(s.key, 99))
        row = PlaceRow(place=place, steps=steps, alerts=[a for s in steps for a in s.alerts])
        if all(s.state == NOT_STARTED for s in steps if s.key != "commitment"):
            row.alerts.append(("not_started", str(_("No step of the method started after the commitment."))))
        rows.append(row)
    return rows


def tasks_for(user) -> list[tuple[str, str, list[Task]]]:
    """(kind, heading, tasks) for each kind with at least one task for this person, in TASK_KINDS order."""
    tasks: list[Task] = []
    for app in TASK_SOURCES:
        tasks.extend(_selectors(app).tasks_for(user))
    grouped: dict[str, list[Task]] = {}
    for task in tasks:
        grouped.setdefault(task.kind, []).append(task)
    return [(kind, str(label), grouped[kind]) for kind, label in TASK_KINDS.items() if kind in grouped]


@dataclass
class NetworkDashboard:
    rows: list[PlaceRow]
    alert_counts: dict[str, int]
    awaiting_signoff: list[tuple[PlaceRow, Step]]
    case_studies_waiting: int

    @property
    def alert_summary(self) -> list[tuple[str, str, int]]:
        """(key, label, number of places) for every alert, in ALERTS order."""
        return [(key, str(label), self.alert_counts.get(key, 0)) for key, label in ALERTS.items()]


def network_dashboard(user, alert: str = "") -> NetworkDashboard:
    """Every place the facilitators follow (network.selectors.network_member_places) by stage, with alerts."""
    from inclusive_cities.accounts.roles import roles_of
    from inclusive_cities.core.pagecache import memoized_on
    from inclusive_cities.evidence.selectors import review_queue
    from inclusive_cities.network.selectors import network_member_places

    # What the rows depend on besides the database: the day (alerts count days), the language of their words, and
    # what the viewer may see (every network staff role sees every place's records alike).
    context = (timezone.localdate().isoformat(), get_language(), sorted(roles_of(user).network))

    def steps_of(app, places, user):
        # one app's column, kept until that app's data (or what every app reads) changes: after a plan is edited,
        # only the plans column is worked out again
        return memoized_on(
            (app, *STEP_SHARED_TABLES),
            f"home.network_steps.{app}",
            (*context, [p.pk for p in places]),
            lambda: _selectors(app).method_steps(places, user),
        )

    rows = memoized_on(
        (*STEP_SOURCES, *STEP_SHARED_TABLES),
        "home.network_rows",
        context,
        lambda: place_rows(network_member_places().order_by("name"), user, steps_of=steps_of),
    )
    counts = {key: 0 for key in ALERTS}
    for row in rows:
        for key in {k for k, _text in row.alerts}:
            counts[key] = counts.get(key, 0) + 1
    awaiting = [(row, s) for row in rows if (s := row.step("in_review")) and s.state == IN_PROGRESS]
    if alert in ALERTS:
        rows = [row for row in rows if any(k == alert for k, _text in row.alerts)]
    return NetworkDashboard(
        rows=rows, alert_counts=counts, awaiting_signoff=awaiting, case_studies_waiting=review_queue().count()
    )
