"""The shapes every app's home selectors return: a step of the method for a place, and a task for a person.

Each app answers two questions in its own `selectors.py`, from its own rules:
- `method_steps(places, user) -> dict[place_id, list[Step]]` — where each place stands in the app's steps,
  computed in bulk (a few queries for any number of places);
- `tasks_for(user) -> list[Task]` — what is waiting for this person to do in the app.
The personal home and the facilitators' network dashboard (`inclusive_cities.home`) only ask and lay out.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

DONE = "done"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"

STATE_LABELS = {DONE: _("Done"), IN_PROGRESS: _("In progress"), NOT_STARTED: _("Not started")}
STATE_SHORT = {DONE: _("Done"), IN_PROGRESS: _("Started"), NOT_STARTED: _("Not yet")}
STATE_TAGS = {DONE: "govuk-tag--green", IN_PROGRESS: "govuk-tag--blue", NOT_STARTED: "govuk-tag--grey"}

# The method's steps in the order the seeds give them; apps answer with these keys.
STEP_ORDER = [
    ("commitment", _("Commitment")),
    ("taskforce", _("Taskforce formed")),
    ("baseline", _("Baseline mapped")),
    ("assessment", _("Self-assessment confirmed")),
    ("narrative", _("Narrative")),
    ("plan_drafted", _("Plan drafted")),
    ("in_review", _("In review")),
    ("signed_off", _("Signed off")),
    ("published", _("Published")),
    ("monitoring", _("Monitoring")),
]
STEP_LABELS = dict(STEP_ORDER)

_translated: dict[tuple, str] = {}


def _text(table: dict, key: str) -> str:
    """A label from one of the tables above, translated once per language (a network table shows thousands)."""
    from django.utils.translation import get_language

    cache_key = (id(table), key, get_language())
    text = _translated.get(cache_key)
    if text is None:
        text = _translated[cache_key] = str(table.get(key, key))
    return text


@dataclass
class Step:
    key: str
    state: str
    detail: str = ""
    url: str = ""
    # Alerts for the network dashboard: (alert key, sentence). Keys are listed in home.views.ALERTS.
    alerts: list[tuple[str, str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _text(STEP_LABELS, self.key)

    @property
    def state_label(self) -> str:
        return _text(STATE_LABELS, self.state)

    @property
    def short_label(self) -> str:
        return _text(STATE_SHORT, self.state)

    @property
    def tag(self) -> str:
        return STATE_TAGS[self.state]


@dataclass
class Task:
    kind: str  # one of home.tasks.TASK_KINDS
    title: str
    url: str
    place: object = None
    due: datetime.date | None = None
    overdue: bool = False
    count: int = 1


def url_maker(name: str, *kinds: type):
    """`reverse(name)` once, then a function that fills in the arguments: for building the same kind of link for
    hundreds of places in a loop (reverse() per row dominates the network dashboard otherwise). `kinds` are the
    arguments' types (str or int), in order."""
    from urllib.parse import quote

    from django.urls import reverse

    marks = [f"zqzmark{i}zqz" if kind is str else 987654321000 + i for i, kind in enumerate(kinds)]
    template = reverse(name, args=marks)

    def make(*values) -> str:
        url = template
        for mark, value in zip(marks, values, strict=True):
            url = url.replace(str(mark), quote(str(value), safe=""), 1)
        return url

    return make
