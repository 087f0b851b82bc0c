"""Drafts written from the records: a learning report's sections (laid out as seed 004's report is: background,
process, outcomes, what participants said, thematic learning, next phase) and a network advocacy position.

Every sentence is built from stored records; the facilitator edits each section before publishing.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from inclusive_cities.network.models import Membership

from .models import BarrierKind, Convening, LearningPoint, Partnership, PartnershipState, Survey


def _date(d) -> str:
    return d.strftime("%-d %B %Y") if d else ""


def _name(name: str) -> str:
    """A framework name without its closing full stop, to sit inside a sentence."""
    return name.rstrip(".")


def _in_period(qs, field: str, start, end):
    return qs.filter(**{f"{field}__gte": start, f"{field}__lte": end})


def draft(*, programme, period_start, period_end) -> dict[str, str]:
    memberships = list(
        Membership.objects.filter(cohort__programme=programme)
        .select_related("place", "cohort")
        .order_by("cohort__start_year", "place__name")
    )
    place_ids = {m.place_id for m in memberships}
    convenings = list(
        _in_period(Convening.objects.filter(programme=programme), "start_date", period_start, period_end)
        .select_related("host")
        .prefetch_related("participations__place")
        .order_by("start_date")
    )
    points = list(LearningPoint.objects.filter(convening__in=convenings).prefetch_related("themes", "principles"))
    texts: dict[str, str] = {}

    # Background: the programme, its members.
    by_cohort = defaultdict(list)
    for m in memberships:
        label = m.place.name + (_(" (associate member)") if m.kind == "associate" else "")
        by_cohort[str(m.cohort.name)].append(label)
    lines = [programme.description or programme.name, ""]
    if programme.facilitator:
        lines.append(_("Facilitated by %(f)s.") % {"f": programme.facilitator})
    for cohort, names in by_cohort.items():
        lines.append(
            _("%(cohort)s: %(n)d places — %(names)s.") % {"cohort": cohort, "n": len(names), "names": ", ".join(names)}
        )
    texts["background"] = "\n".join(lines).strip()

    # Process: convenings with their aims.
    lines = []
    for c in convenings:
        when = c.dates_note or (
            _date(c.start_date) + (f" – {_date(c.end_date)}" if c.end_date and c.end_date != c.start_date else "")
        )
        host = _(", hosted by %(h)s") % {"h": c.host.name} if c.host else ""
        places = ", ".join(p.place.name for p in c.participations.all())
        lines.append(f"{c.title} ({when}{host}).")
        for i, aim in enumerate(c.aim_list, start=1):
            lines.append(f"  {i}. {aim}")
        if places:
            lines.append(_("  Places taking part: %(p)s.") % {"p": places})
        lines.append("")
    texts["process"] = "\n".join(lines).strip() or _("No convenings were recorded in this period.")

    # Outcomes: plan progress by theme across the programme's places, and partnerships.
    from inclusive_cities.plans.models import Action, PlanStatus

    rows = (
        Action.objects.filter(
            priority__plan__place_id__in=place_ids,
            priority__plan__status=PlanStatus.PUBLISHED,
        )
        .values_list("priority__themes__name", "status")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    by_theme: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for theme, status, n in rows:
        by_theme[_name(theme) if theme else _("No theme given")][status] += n
    lines = []
    for theme in sorted(by_theme):
        counts = by_theme[theme]
        total = sum(counts.values())
        lines.append(
            _(
                "%(theme)s: %(total)d actions in published plans, %(done)d completed, %(going)d in progress, "
                "%(late)d delayed."
            )
            % {
                "theme": theme,
                "total": total,
                "done": counts.get("completed", 0),
                "going": counts.get("in_progress", 0),
                "late": counts.get("delayed", 0),
            }
        )
    partnerships = Partnership.objects.filter(
        Q(place_a_id__in=place_ids) | Q(place_b_id__in=place_ids), programme=programme
    ).select_related("place_a", "place_b")
    for p in partnerships:
        lines.append(
            _("Partnership of %(a)s and %(b)s (%(state)s).")
            % {"a": p.place_a, "b": p.place_b, "state": p.get_state_display()}
        )
        if p.state == PartnershipState.CLOSED and p.learning_note:
            lines.append("  " + p.learning_note)
    texts["outcomes"] = "\n".join(lines) or _("No published plans or partnerships are recorded yet.")

    # What participants said: the survey's strongest and weakest aims, and reviewed comments.
    from .results import survey_results

    lines = []
    # a survey belongs to the period it closed in (or, without a closing date, the one it was created in)
    surveys = Survey.objects.filter(programme=programme).filter(
        Q(closes_on__gte=period_start, closes_on__lte=period_end)
        | Q(closes_on__isnull=True, created_at__date__gte=period_start, created_at__date__lte=period_end)
    )
    for survey in surveys:
        results = survey_results(survey, charts=False)
        if not results.shown:
            lines.append(_("%(title)s: fewer than 5 answers, so no results are reported.") % {"title": survey.title})
            continue
        scored, comments = [], []
        for section in results.sections:
            for qr in section.questions:
                if qr.agree_pct is not None:
                    scored.append((qr.agree_pct, section.aim))
                comments.extend(f"  – “{comment}” ({section.aim})" for comment in qr.comments[:3])
        lines.append(_("%(title)s: %(n)d people answered.") % {"title": survey.title, "n": results.total})
        if scored:
            # strengths: the two aims most agreed with; areas for development: the two least (seed 004's tables)
            scored.sort()
            top = "; ".join(f"{aim} ({pct:.0f}% agree)" for pct, aim in scored[::-1][:2])
            bottom = "; ".join(f"{aim} ({pct:.0f}% agree)" for pct, aim in scored[:2])
            lines.append(_("Strengths: %(s)s.") % {"s": top})
            lines.append(_("Areas for development: %(s)s.") % {"s": bottom})
        lines.extend(comments)
        lines.append("")
    texts["participants"] = "\n".join(lines).strip() or _("No survey results in this period.")

    # Thematic learning: learning points grouped by theme.
    grouped = defaultdict(list)
    for point in points:
        names = [_name(t.name) for t in point.themes.all()] + [_name(p.name) for p in point.principles.all()]
        names = names or [_("Across themes")]
        for name in names:
            grouped[name].append(point.text)
    lines = []
    for theme in sorted(grouped):
        lines.append(theme)
        lines.extend(f"  – {text}" for text in grouped[theme])
        lines.append("")
    texts["thematic"] = "\n".join(lines).strip() or _("No learning points were recorded in this period.")

    # Next phase: actions arising from the convenings.
    lines = []
    for c in convenings:
        for action in c.actions_arising.select_related("place"):
            lines.append(f"– {action.text}" + (f" ({action.place.name})" if action.place else ""))
    texts["next"] = "\n".join(lines) or _("Write what the next phase will do.")
    return texts


def _barrier_line(barrier) -> str:
    who = barrier.place.name if barrier.may_be_named else _("A member place")
    figures = f" {barrier.local_figures}" if barrier.local_figures else ""
    return f"– {who}: {barrier.title}.{figures}"


def position_text(*, kind: str, barriers) -> tuple[str, str]:
    """(summary, asks) for a network position on one kind of barrier, citing each place's evidence (named only
    where the place chose to be named)."""
    label = BarrierKind(kind).label
    n = len(barriers)
    actions = sum(b.actions.count() for b in barriers)
    summary = "\n".join(
        [
            _(
                "%(n)d places in the network report that “%(label)s” stands in the way of their plans, affecting "
                "%(a)d plan actions."
            )
            % {"n": n, "label": label, "a": actions},
            "",
            *[_barrier_line(b) for b in barriers],
        ]
    )
    asks = _("Write what the network asks of national government on “%(label)s”.") % {"label": label}
    return summary, asks
