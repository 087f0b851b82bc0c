"""Reads for self-assessments, scoped by who is asking; scores, change, network and peer comparisons."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.http import Http404

from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.framework.models import Framework

from . import scoring
from .models import Answer, Assessment, Contribution, ContributionRequest, ContributionState, Sharing, Status


def visible_q(user) -> Q:
    """Who may see an assessment. The one rule: lists filter with it, rules.py turns it into the object check.

    - the place's own members (officer, sponsor, partner) and facilitators/administrators: every assessment;
    - anyone signed in with any role in the network (including researchers): confirmed assessments shared
      with the network or the public;
    - everyone else, signed in or not: confirmed public assessments.
    Drafts are only ever seen by the place's members and facilitators.
    """
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    confirmed = Q(status=Status.CONFIRMED)
    q = confirmed & Q(sharing=Sharing.PUBLIC)
    if roles.network or roles.places:
        q |= confirmed & Q(sharing=Sharing.NETWORK)
    member_of = roles.place_ids()
    if member_of:
        q |= Q(place_id__in=member_of)
    return q


def assessments_for_place(*, user, place) -> QuerySet[Assessment]:
    return Assessment.objects.filter(visible_q(user), place=place).select_related("framework", "confirmed_by")


def assessment_get(*, user, place, pk: int) -> Assessment:
    assessment = (
        Assessment.objects.filter(visible_q(user), place=place, pk=pk)
        .select_related("place", "framework", "confirmed_by", "sent_to_sponsor_by")
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def structure(framework: Framework):
    """Themes with their goals, and principles, of one framework version (three queries)."""
    themes = list(framework.themes.prefetch_related("goals"))
    principles = list(framework.principles.all())
    return themes, principles


def answers_by_key(assessment: Assessment) -> dict[str, Answer]:
    answers = Answer.objects.filter(assessment=assessment).select_related("goal", "principle", "theme", "answered_by")
    return {answer.key: answer for answer in answers}


def _levels_of(assessment_ids) -> dict[int, tuple[dict, dict]]:
    goals: dict[int, dict] = defaultdict(dict)
    cells: dict[int, dict] = defaultdict(dict)
    rows = Answer.objects.filter(assessment_id__in=list(assessment_ids)).values_list(
        "assessment_id", "goal__code", "principle__code", "theme__code", "level"
    )
    for aid, goal, principle, theme, level in rows:
        if goal:
            goals[aid][goal] = level
        else:
            cells[aid][(principle, theme)] = level
    return {aid: (goals[aid], cells[aid]) for aid in set(goals) | set(cells)}


def _scores_for(themes, principles, goal_levels, cell_levels) -> scoring.Scores:
    return scoring.compute(
        themes=[(t.code, t.name, [g.code for g in t.goals.all()]) for t in themes],
        principles=[(p.code, p.name) for p in principles],
        goal_levels=goal_levels,
        cell_levels=cell_levels,
    )


def assessment_scores(assessment: Assessment, themes=None, principles=None) -> scoring.Scores:
    if themes is None:
        themes, principles = structure(assessment.framework)
    goal_levels, cell_levels = _levels_of([assessment.pk]).get(assessment.pk, ({}, {}))
    return _scores_for(themes, principles, goal_levels, cell_levels)


@dataclass
class Question:
    """One question of the self-assessment, in the order the flow asks them, with its answer (if any)."""

    key: str  # "T1.2" for a goal, "P3-T1" for a principle within a theme
    number: int
    theme: object
    goal: object = None
    principle: object = None
    answer: Answer | None = None

    @property
    def answered(self) -> bool:
        return self.answer is not None and self.answer.level is not None


@dataclass
class Flow:
    questions: list[Question]

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def answered(self) -> int:
        return sum(q.answered for q in self.questions)

    @property
    def unanswered(self) -> list[Question]:
        return [q for q in self.questions if not q.answered]

    def get(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def next_after(self, key: str) -> Question | None:
        """The next unanswered question after `key`, going round to the start; None when all are answered."""
        index = next((i for i, q in enumerate(self.questions) if q.key == key), -1)
        for q in self.questions[index + 1 :] + self.questions[: index + 1]:
            if not q.answered and q.key != key:
                return q
        return None

    def by_theme(self) -> list[dict]:
        blocks: list[dict] = []
        for q in self.questions:
            if not blocks or blocks[-1]["theme"] != q.theme:
                blocks.append({"theme": q.theme, "questions": []})
            blocks[-1]["questions"].append(q)
        return blocks


def flow(assessment: Assessment) -> Flow:
    """The questions in the order they are asked: theme by theme, its goals and then each principle within it
    (the same order as the assessment page). "Answered" means a maturity level was chosen, as in the scores."""
    themes, principles = structure(assessment.framework)
    answers = answers_by_key(assessment)
    questions = []
    for theme in themes:
        for goal in theme.goals.all():
            questions.append(Question(goal.code, len(questions) + 1, theme, goal=goal, answer=answers.get(goal.code)))
        for principle in principles:
            key = f"{principle.code}-{theme.code}"
            questions.append(Question(key, len(questions) + 1, theme, principle=principle, answer=answers.get(key)))
    return Flow(questions)


def gap_plans(assessment: Assessment) -> list:
    """The draft plans of the assessment's place on its framework version, where a gap can become a priority."""
    from inclusive_cities.plans.models import ActionPlan, PlanStatus

    return list(
        ActionPlan.objects.filter(
            place_id=assessment.place_id, status=PlanStatus.DRAFT, framework_id=assessment.framework_id
        ).order_by("-created_at")
    )


def gap_priority_text(assessment: Assessment, theme) -> tuple[str, str]:
    """The title and description a gap's priority gets: shown on the confirmation page, then written."""
    from django.utils.translation import gettext as _

    title = (_("Close the gap: %(theme)s") % {"theme": theme.name.rstrip(".")})[:200]
    line = assessment_scores(assessment).theme(theme.code)
    answers = answers_by_key(assessment)
    weak_goals = []
    for goal in theme.goals.all():
        answer = answers.get(goal.code)
        level = answer.level if answer else None
        if level is None or level <= 1:
            label = _("not answered") if level is None else answer.get_level_display().lower()
            weak_goals.append(f"{goal.code} {goal.title} ({label})")
    description = _(
        "From the self-assessment “%(title)s”: %(theme)s scored %(score)s out of 100 (%(answered)s of %(total)s "
        "goals answered)."
    ) % {
        "title": assessment.title,
        "theme": theme.name.rstrip("."),
        "score": "–" if line.score is None else f"{line.score:.1f}",
        "answered": line.answered,
        "total": line.total,
    }
    if weak_goals:
        description += " " + _("Goals to work on: %(goals)s.") % {"goals": "; ".join(weak_goals)}
    return title, description


# How widely each sharing level shows an assessment: a comparison never draws on one shared less widely than
# what it is shown beside, or a reader could work the hidden scores out (score minus change).
REACH = {Sharing.PRIVATE: 0, Sharing.NETWORK: 1, Sharing.PUBLIC: 2}


def shared_at_least_as_widely(sharing: str) -> list[str]:
    return [level for level, reach in REACH.items() if reach >= REACH[sharing]]


def previous_confirmed(assessment: Assessment) -> Assessment | None:
    """The place's confirmed assessment before this one (by confirmation date, then creation), among those shared
    at least as widely as this one."""
    earlier = Assessment.objects.filter(
        place_id=assessment.place_id,
        status=Status.CONFIRMED,
        sharing__in=shared_at_least_as_widely(assessment.sharing),
    ).exclude(pk=assessment.pk)
    if assessment.confirmed_at:
        earlier = earlier.filter(
            Q(confirmed_at__lt=assessment.confirmed_at)
            | Q(confirmed_at=assessment.confirmed_at, created_at__lt=assessment.created_at)
        )
    return earlier.order_by("-confirmed_at", "-created_at").first()


# Newest confirmation first; an assessment without a date sorts last on every database (PostgreSQL puts NULL
# first in a descending order, SQLite last).
NEWEST_CONFIRMED = F("confirmed_at").desc(nulls_last=True)


def shared_latest(
    framework: Framework | None, *, levels=(Sharing.NETWORK, Sharing.PUBLIC), exclude_place_id: int | None = None
) -> QuerySet[Assessment]:
    """Each place's latest confirmed assessment against this framework version (or on any version when
    `framework` is None), where the place shared it at one of `levels` (a place whose latest is shared less widely
    is left out, not replaced by an older one)."""
    latest_ids = []
    seen = set()
    on_version = Q(framework=framework) if framework is not None else Q()
    rows = (
        Assessment.objects.filter(on_version, status=Status.CONFIRMED)
        .order_by("place_id", NEWEST_CONFIRMED, "-created_at")
        .values_list("pk", "place_id", "sharing")
    )
    for pk, place_id, sharing in rows:
        if place_id in seen:
            continue
        seen.add(place_id)
        if sharing in levels and place_id != exclude_place_id:
            latest_ids.append(pk)
    return Assessment.objects.filter(pk__in=latest_ids).select_related("place", "framework")


def group_scores(assessments, themes, principles) -> list[tuple[Assessment, scoring.Scores]]:
    assessments = list(assessments)
    levels = _levels_of([a.pk for a in assessments])
    return [(a, _scores_for(themes, principles, *levels.get(a.pk, ({}, {})))) for a in assessments]


def comparison(scored: list[tuple[Assessment, scoring.Scores]], scores: scoring.Scores) -> dict:
    """Spread per theme and principle over a group; None for each when the group is below the minimum."""
    shown = len(scored) >= scoring.MIN_GROUP
    themes = {}
    principles = {}
    for line in scores.themes:
        values = [s.theme(line.code).score for _a, s in scored if s.theme(line.code)]
        themes[line.code] = scoring.spread(values) if shown else None
    for line in scores.principles:
        values = [s.principle(line.code).score for _a, s in scored if s.principle(line.code)]
        principles[line.code] = scoring.spread(values) if shown else None
    overall = scoring.spread([s.overall for _a, s in scored]) if shown else None
    return {"count": len(scored), "shown": shown, "themes": themes, "principles": principles, "overall": overall}


# Peer rules: population between half and double the place's; share born abroad within 5 percentage points.
SIZE_FACTOR = 2.0
BORN_ABROAD_POINTS = 5.0
POPULATION_INDICATOR = ("population-mid-year", "")
BORN_ABROAD_INDICATOR = ("census21-born-outside-uk-pct", "Born outside the UK")


def place_figures() -> dict[str, dict[str, float | None]]:
    """Population and % born outside the UK per place code, each place at its own latest period (mid-2023
    population covers England and Wales only, so Scotland and Northern Ireland fall back to mid-2022; one stray
    newer figure for one place never blanks the others).

    Reads the data app's observations directly (one query per indicator): the data app has no stable selector
    for "these figures for every place" yet.
    """
    try:
        from inclusive_cities.data.models import Observation
    except ImportError:
        return {}
    figures: dict[str, dict[str, float | None]] = {}
    for key, (code, category) in {"population": POPULATION_INDICATOR, "born_abroad": BORN_ABROAD_INDICATOR}.items():
        rows = (
            Observation.objects.filter(
                indicator__code=code, category=category, place__isnull=False, value__isnull=False
            )
            .order_by("place__code", "-period_start")
            .values_list("place__code", "value")
        )
        for place_code, value in rows:
            figures.setdefault(place_code, {}).setdefault(key, value)  # the first row per place is its latest
    return figures


def peer_groups(assessment: Assessment, scored) -> list[dict]:
    """Peers among the places that shared: same nation, same region, similar size, similar share born abroad.

    A figure-based group is "unavailable" (with the reason shown) when the place itself has no figure.
    """
    place = assessment.place
    groups = []
    if place.nation:
        members = [(a, s) for a, s in scored if a.place.nation == place.nation]
        groups.append({"kind": "nation", "label": place.nation, "scored": members, "available": True})
    if place.region:
        members = [(a, s) for a, s in scored if a.place.region == place.region]
        groups.append({"kind": "region", "label": place.region, "scored": members, "available": True})
    figures = place_figures()
    mine = figures.get(place.code, {})
    population = mine.get("population")
    if population:
        low, high = population / SIZE_FACTOR, population * SIZE_FACTOR
        members = [
            (a, s) for a, s in scored if (v := figures.get(a.place.code, {}).get("population")) and low <= v <= high
        ]
        groups.append({"kind": "size", "label": f"{low:,.0f}–{high:,.0f}", "scored": members, "available": True})
    else:
        groups.append({"kind": "size", "label": "", "scored": [], "available": False})
    born = mine.get("born_abroad")
    if born is not None:
        low, high = born - BORN_ABROAD_POINTS, born + BORN_ABROAD_POINTS
        members = [
            (a, s)
            for a, s in scored
            if (v := figures.get(a.place.code, {}).get("born_abroad")) is not None and low <= v <= high
        ]
        groups.append(
            {"kind": "born_abroad", "label": f"{max(low, 0):.1f}%–{high:.1f}%", "scored": members, "available": True}
        )
    else:
        groups.append({"kind": "born_abroad", "label": "", "scored": [], "available": False})
    return groups


def protect_groups(scored, network: dict, peers: list[dict]) -> None:
    """Complementary suppression across the groups shown beside an assessment (`disclosure.suppress`): every peer
    group lies inside the network, so the network's figures and a group's give away the places outside the group,
    and a group inside another (a region in its nation) gives away the rest of the larger one. When such a
    difference counts fewer than MIN_GROUP places, enough of the groups are hidden (`protected`) that it cannot be
    worked out. Works in place on the `comparison` dicts."""
    from .disclosure import suppress

    members = {"network": frozenset(a.pk for a, _s in scored)}
    for group in peers:
        if group["available"]:
            members[group["kind"]] = frozenset(a.pk for a, _s in group["scored"])
    network["members"] = members["network"]
    for group in peers:
        group["members"] = members.get(group["kind"], frozenset())
    counts = {name: len(ids) for name, ids in members.items()}
    relations = []
    names = list(members)
    for big in names:
        for small in names:
            if small != big and members[small] < members[big]:
                rest = f"{big} outside {small}"
                counts[rest] = counts[big] - counts[small]
                relations.append((big, [small, rest]))
    hidden = suppress(counts, relations, minimum=scoring.MIN_GROUP)
    if "network" in hidden and network["shown"]:
        network.update(shown=False, protected=True, overall=None)
        network["themes"] = dict.fromkeys(network["themes"])
        network["principles"] = dict.fromkeys(network["principles"])
    for group in peers:
        if group["kind"] in hidden and group["shown"]:
            group.update(shown=False, protected=True, overall=None)
            group["cmp"] = {**group["cmp"], "shown": False, "overall": None}


def weakest(scores: scoring.Scores, limit: int = 2) -> list[scoring.Line]:
    """The lowest-scoring themes that have a score (ties: theme order)."""
    scored = [line for line in scores.themes if line.score is not None]
    return sorted(scored, key=lambda line: line.score)[:limit]


def contribution_requests(*, assessment) -> QuerySet[ContributionRequest]:
    return assessment.contribution_requests.select_related("partner").prefetch_related("goals", "contributions__goal")


def pending_contributions(*, assessment) -> QuerySet[Contribution]:
    return Contribution.objects.filter(request__assessment=assessment, state=ContributionState.PENDING).select_related(
        "goal", "request__partner"
    )


def requests_for_partner(*, assessment, user) -> QuerySet[ContributionRequest]:
    if user is None or not user.is_authenticated:
        return ContributionRequest.objects.none()
    return assessment.contribution_requests.filter(partner=user).prefetch_related("goals")


def mapped_scores(assessments, target: Framework, themes, principles) -> list[tuple[Assessment, scoring.Scores]]:
    """Scores of assessments on any version, read on `target`'s structure: answers count only for the themes
    whose goals are unchanged between the two versions (same codes, same text) and the principles unchanged;
    the rest of a mapped assessment is left out (its theme scores show as none), never guessed."""
    from inclusive_cities.framework.selectors import framework_diff

    assessments = list(assessments)
    levels = _levels_of([a.pk for a in assessments])
    comparable: dict[int, tuple[set, set]] = {}
    result = []
    for a in assessments:
        goal_levels, cell_levels = levels.get(a.pk, ({}, {}))
        if a.framework_id != target.pk:
            if a.framework_id not in comparable:
                diff = framework_diff(a.framework, target)
                comparable[a.framework_id] = (diff["comparable_themes"], diff["comparable_principles"])
            themes_ok, principles_ok = comparable[a.framework_id]
            goals_ok = {g.code for t in themes if t.code in themes_ok for g in t.goals.all()}
            goal_levels = {code: v for code, v in goal_levels.items() if code in goals_ok}
            cell_levels = {(p, t): v for (p, t), v in cell_levels.items() if p in principles_ok and t in themes_ok}
        result.append((a, _scores_for(themes, principles, goal_levels, cell_levels)))
    return result


def _theme_means(scored, theme_codes) -> list[dict]:
    return [
        {
            "mean": _mean([s.theme(code).score for _a, s in scored]),
            "count": sum(1 for _a, s in scored if s.theme(code).score is not None),
        }
        for code in theme_codes
    ]


def _named(themes, means) -> list[dict]:
    return [{"code": t.code, "name": t.name.rstrip("."), **m} for t, m in zip(themes, means, strict=True)]


def network_overview(framework: Framework | None, *, version: Framework | None = None) -> dict:
    """For facilitators: which places in a programme have assessed, their status and sharing, and the trend.

    By default (`version` None) scores are read on `framework` (the current version): each confirmed assessment on
    any version counts, mapped across versions for the themes whose goals did not change (`mapped_scores`), and a
    table per version shows every theme as answered. With `version`, only assessments on that version count.
    """
    from inclusive_cities.network.selectors import network_member_places

    # Only places in a programme now (the places facilitators follow): a council outside every programme, such as
    # Coventry with its private baseline, is not part of the network's figures.
    members = network_member_places()
    assessments = list(
        Assessment.objects.filter(place__in=members)
        .select_related("place", "framework")
        .order_by("place__name", NEWEST_CONFIRMED, "-created_at")
    )
    places: dict[int, dict] = {}
    for a in assessments:
        entry = places.setdefault(a.place_id, {"place": a.place, "assessments": []})
        entry["assessments"].append(a)
    rows = []
    for entry in places.values():
        confirmed = [a for a in entry["assessments"] if a.status == Status.CONFIRMED]
        rows.append(
            {
                "place": entry["place"],
                "count": len(entry["assessments"]),
                "confirmed": len(confirmed),
                "latest": entry["assessments"][0],
                "latest_confirmed": confirmed[0] if confirmed else None,
            }
        )
    # Every place in a programme now, with or without an assessment (not having started is coverage too).
    for place in members.exclude(pk__in=places):
        rows.append({"place": place, "count": 0, "confirmed": 0, "latest": None, "latest_confirmed": None})
    rows.sort(key=lambda row: row["place"].name)
    target = version or framework
    trend, themes_named, latest_means, per_version, themes = [], [], [], [], []
    shared_places = 0
    if target is not None:
        themes, principles = structure(target)
        themes_named = [(t.code, t.name) for t in themes]
        theme_codes = [t.code for t in themes]
        confirmed_all = [a for a in assessments if a.status == Status.CONFIRMED]
        if version is not None:
            confirmed_all = [a for a in confirmed_all if a.framework_id == version.pk]
        scored = dict((a.pk, s) for a, s in mapped_scores(confirmed_all, target, themes, principles))
        by_year: dict[int, list[scoring.Scores]] = defaultdict(list)
        for a in confirmed_all:
            by_year[a.confirmed_at.year if a.confirmed_at else a.created_at.year].append((a, scored[a.pk]))
        for year in sorted(by_year):
            trend.append(
                {
                    "year": year,
                    "count": len(by_year[year]),
                    "mean": _mean([s.overall for _a, s in by_year[year]]),
                    "themes": [t["mean"] for t in _theme_means(by_year[year], theme_codes)],
                }
            )
        # Each place's latest confirmed assessment (on the chosen version, or on any version by default).
        latest = []
        counted = {a.pk for a in confirmed_all}
        for row in rows:
            candidates = [a for a in places.get(row["place"].pk, {}).get("assessments", []) if a.pk in counted]
            if candidates:
                latest.append(candidates[0])
        shared = [a for a in latest if a.sharing in (Sharing.NETWORK, Sharing.PUBLIC)]
        shared_places = len(shared)
        latest_scored = [(a, scored[a.pk]) for a in latest]
        latest_means = _theme_means(latest_scored, theme_codes)
        # Per version, every theme as answered on that version (the themes that changed are compared here).
        by_version: dict[int, list[Assessment]] = defaultdict(list)
        for a in latest:
            by_version[a.framework_id].append(a)
        for assessments_on in sorted(by_version.values(), key=lambda items: items[0].framework.version):
            own = assessments_on[0].framework
            own_themes, own_principles = structure(own)
            per_version.append(
                {
                    "framework": own,
                    "count": len(assessments_on),
                    "themes": [(t.code, t.name) for t in own_themes],
                    "rows": _named(
                        own_themes,
                        _theme_means(
                            group_scores(assessments_on, own_themes, own_principles), [t.code for t in own_themes]
                        ),
                    ),
                }
            )
    return {
        "rows": rows,
        "places": sum(1 for r in rows if r["count"]),
        "not_started": sum(1 for r in rows if not r["count"]),
        "confirmed_places": sum(1 for r in rows if r["confirmed"]),
        "shared_places": shared_places,
        "trend": trend,
        "theme_codes": [code for code, _n in themes_named],
        "themes": themes_named,
        "latest_rows": _named(themes, latest_means) if target is not None else [],
        "per_version": per_version,
        "target": target,
        "mapped": version is None,
    }


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 1) if values else None


def suggestions_for(line: scoring.Line, limit: int = 3) -> list:
    """Case studies from the evidence base for a weak theme, with the reason each was suggested."""
    try:
        from inclusive_cities.evidence.selectors import recommend
    except ImportError:
        return []
    from django.utils.translation import get_language

    from inclusive_cities.core.pagecache import memoized_on

    # Scoring every published case study: the same for every viewer, kept until the evidence or framework changes.
    return memoized_on(
        ("evidence", "framework"),
        "assessments.suggestions",
        (line.code, str(line.name), limit, get_language()),
        lambda: list(recommend(theme_codes=[line.code], principle_codes=[], text=line.name, limit=limit)),
    )


def _benchmarks(assessment, levels, scores, themes, principles) -> tuple[dict, list[dict]]:
    """The network's and the peer groups' figures beside one assessment, after complementary suppression.

    The same for every viewer of the assessment (they read only what was shared, never who views), and costly at
    national volume (every sharing place's answers scored on this framework version): kept in the shared cache
    until a write to the tables they read (assessments, the framework, places and their figures)."""
    from inclusive_cities.core.pagecache import memoized_on

    def compute():
        group = shared_latest(None, levels=levels, exclude_place_id=assessment.place_id)
        scored = mapped_scores(group, assessment.framework, themes, principles)
        network = comparison(scored, scores)
        peers = []
        for group in peer_groups(assessment, scored):
            cmp = comparison(group["scored"], scores)
            peers.append({**group, "count": cmp["count"], "shown": cmp["shown"], "overall": cmp["overall"], "cmp": cmp})
        protect_groups(scored, network, peers)
        for peer in peers:
            del peer["scored"]  # the other places' assessments: used above, never shown, not kept
        return network, peers

    return memoized_on(
        ("assessments", "framework", "network", "data"),
        "assessments.benchmarks",
        (assessment.pk, assessment.framework_id, assessment.place_id, assessment.sharing, tuple(levels)),
        compute,
    )


def report(assessment: Assessment, *, with_suggestions: bool = True) -> dict:
    """Everything the results page, the PDF and the CSV show about one assessment."""
    themes, principles = structure(assessment.framework)
    scores = assessment_scores(assessment, themes, principles)
    previous = previous_confirmed(assessment)
    if previous is not None and previous.framework_id == assessment.framework_id:
        before = assessment_scores(previous, themes, principles)
        for line in scores.themes:
            line.change = scoring.change(line.score, before.theme(line.code).score)
        for line in scores.principles:
            line.change = scoring.change(line.score, before.principle(line.code).score)
        overall_change = scoring.change(scores.overall, before.overall)
    else:
        overall_change = None
    # The comparison group: other places only (never the place itself), and, beside a public assessment, only
    # publicly shared ones, since its readers may not see what was shared with the network alone.
    levels = (Sharing.PUBLIC,) if assessment.sharing == Sharing.PUBLIC else (Sharing.NETWORK, Sharing.PUBLIC)
    # Each other place's latest shared assessment on any framework version, read on this one's version: themes
    # whose goals changed between the versions do not count (`mapped_scores`), so a new version keeps comparisons.
    network, peers = _benchmarks(assessment, levels, scores, themes, principles)
    for line in scores.themes:
        line.network = network["themes"].get(line.code)
    for line in scores.principles:
        line.network = network["principles"].get(line.code)
    weak = weakest(scores)
    answers = answers_by_key(assessment)
    questions = []
    for theme in themes:
        goal_rows = [(goal, answers.get(goal.code)) for goal in theme.goals.all()]
        cell_rows = [(p, answers.get(f"{p.code}-{theme.code}")) for p in principles]
        questions.append({"theme": theme, "goals": goal_rows, "principles": cell_rows})
    heat_rows = [
        {
            "theme": line,
            "cells": [
                {
                    "principle": p,
                    "value": scores.heat[line.code][p.code],
                    "band": scoring.band(scores.heat[line.code][p.code]),
                }
                for p in principles
            ],
        }
        for line in scores.themes
    ]
    # A theme whose goals and whose principle cells tell different stories (Bristol's T2: goals 43.8, every
    # principle within it 75) says why beside the heat map: they are separate questions, neither averages the other.
    contrasts = []
    for line in scores.themes:
        cells = _mean(list(scores.heat[line.code].values()))
        if line.score is not None and cells is not None and abs(line.score - cells) >= 20:
            contrasts.append({"theme": line, "cells": cells})
    return {
        "contrasts": contrasts,
        "assessment": assessment,
        "themes": themes,
        "principles": principles,
        "scores": scores,
        "overall_change": overall_change,
        "previous": previous,
        "network": network,
        "peers": peers,
        "weakest": [(line, suggestions_for(line) if with_suggestions else []) for line in weak],
        "questions": questions,
        "heat_rows": heat_rows,
        "min_group": scoring.MIN_GROUP,
    }


def method_steps(places, user) -> dict:
    """The "self-assessment confirmed" step for each place: done once the sponsor has confirmed one, in progress
    while a draft exists. One query."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    best: dict[int, Assessment] = {}
    for a in Assessment.objects.filter(visible_q(user), place_id__in=[p.pk for p in places]).order_by(
        "place_id", "-confirmed_at", "-created_at"
    ):
        current = best.get(a.place_id)
        if current is None or (current.status != Status.CONFIRMED and a.status == Status.CONFIRMED):
            best[a.place_id] = a
    list_url = url_maker("assessments:list", str)
    detail_url = url_maker("assessments:detail", str, int)
    result = {}
    for place in places:
        a = best.get(place.pk)
        if a is None:
            url = list_url(place.code)
            result[place.pk] = [Step("assessment", NOT_STARTED, _("No self-assessment yet."), url)]
            continue
        url = detail_url(place.code, a.pk)
        if a.status == Status.CONFIRMED:
            detail = (
                _("Confirmed on %(date)s.") % {"date": date_format(a.confirmed_at, "j F Y")} if a.confirmed_at else ""
            )
            result[place.pk] = [Step("assessment", DONE, detail, url)]
        elif a.sent_to_sponsor_at:
            sent = date_format(timezone.localdate(a.sent_to_sponsor_at), "j F Y")
            detail = _("Sent to the sponsor on %(date)s, waiting for confirmation.") % {"date": sent}
            result[place.pk] = [Step("assessment", IN_PROGRESS, detail, url)]
        else:
            result[place.pk] = [Step("assessment", IN_PROGRESS, _("Draft, not yet confirmed by the sponsor."), url)]
    return result


def tasks_for(user) -> list:
    """What waits for this person in self-assessments, by the assessments rules:
    - partner answers to accept or decline: pending contributions on a draft, for the place's officers;
    - answers requested from you: a partner asked to contribute to a draft (assessments.contribute);
    - an assessment to confirm: a draft the officers sent to the sponsor, for the place's sponsors
      (assessments.confirm_assessment)."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.core.method import Task

    if not user or not user.is_authenticated:
        return []
    roles = roles_of(user)
    tasks = []
    pending = (
        Assessment.objects.filter(
            place_id__in=roles.place_ids(PlaceRole.OFFICER),
            status=Status.DRAFT,
            contribution_requests__contributions__state=ContributionState.PENDING,
        )
        .select_related("place")
        .annotate(n=Count("contribution_requests__contributions"))
    )
    for a in pending:
        tasks.append(
            Task(
                "partner_answers",
                _("%(n)s partner answers to accept or decline on “%(title)s”") % {"n": a.n, "title": a.title},
                reverse("assessments:detail", args=[a.place.code, a.pk]),
                place=a.place,
                count=a.n,
            )
        )
    requests = ContributionRequest.objects.filter(
        partner=user,
        assessment__status=Status.DRAFT,
        assessment__place_id__in=roles.place_ids(PlaceRole.PARTNER),
    ).select_related("assessment__place")
    for req in requests:
        a = req.assessment
        tasks.append(
            Task(
                "answers_requested",
                _("Answer the questions %(place)s asked you on “%(title)s”") % {"place": a.place, "title": a.title},
                reverse("assessments:detail", args=[a.place.code, a.pk]),
                place=a.place,
            )
        )
    to_confirm = Assessment.objects.filter(
        place_id__in=roles.place_ids(PlaceRole.SPONSOR), status=Status.DRAFT, sent_to_sponsor_at__isnull=False
    ).select_related("place")
    for a in to_confirm.order_by("sent_to_sponsor_at", "pk"):
        tasks.append(
            Task(
                "assessment_to_confirm",
                _("Confirm the self-assessment “%(title)s” (%(place)s)") % {"title": a.title, "place": a.place},
                reverse("assessments:check", args=[a.place.code, a.pk]),
                place=a.place,
                due=timezone.localdate(a.sent_to_sponsor_at),
            )
        )
    return tasks


def place_sponsors(place) -> list:
    """The place's senior sponsors with an account: the people who confirm its assessments."""
    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.accounts.selectors import place_people

    return [a.user for a in place_people(place=place).filter(role=PlaceRole.SPONSOR, user__is_active=True)]
