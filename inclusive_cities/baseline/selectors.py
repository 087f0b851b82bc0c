"""Reads for the baseline, scoped by who is asking. `baseline_for_place` is what the plans app calls."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.permissions import nothing
from inclusive_cities.framework.models import Framework, Principle, Theme
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.models import Place

from .models import Activity


def visible_q(user) -> Q:
    """Activities a user may see: their own places', or every place's for network staff."""
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    place_ids = roles.place_ids()
    return Q(place_id__in=place_ids) if place_ids else nothing()


def place_for_baseline(*, user, code: str) -> Place:
    place = Place.objects.filter(code=code[:32]).first()
    if place is None or not user.has_perm("baseline.view_baseline", place):
        raise Http404
    return place


def baseline_for_place(*, place: Place, user) -> QuerySet[Activity]:
    """A place's baseline activities as this user may see them (none if they may not), ready to display.

    For the plans app: carry these into a plan as context. Each activity has `what`, `lead`, `themes`,
    `principles`, `target_groups`, `scale`, `people_reached`, funding fields, `status`, `is_illustrative`.
    """
    return (
        Activity.objects.filter(visible_q(user), place=place)
        .select_related("lead_organisation")
        .prefetch_related("themes", "principles", "target_groups")
        .order_by("what")
    )


def activity_get(*, user, place: Place, pk: int) -> Activity:
    activity = baseline_for_place(place=place, user=user).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return activity


@dataclass
class Grid:
    framework: Framework | None
    themes: list[Theme] = field(default_factory=list)
    principles: list[Principle] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # {"theme", "cells": [{"principle", "count"}], "total"}
    column_totals: list[int] = field(default_factory=list)
    unmapped: int = 0
    gaps: int = 0

    @property
    def column_pairs(self) -> list[tuple[Principle, int]]:
        return list(zip(self.principles, self.column_totals, strict=True))


def baseline_grid(*, activities, framework: Framework | None = None) -> Grid:
    """Counts of activities for each theme x principle of the framework (an activity counts in every cell it maps to)."""
    framework = framework or framework_current()
    if framework is None:
        return Grid(framework=None)
    themes = list(framework.themes.order_by("code"))
    principles = list(framework.principles.order_by("code"))
    # Counted in the database: one query per dimension, whatever the number of activities.
    base = activities.model.objects.filter(pk__in=activities.order_by().values("pk"))
    pairs = {
        (t, p): n
        for t, p, n in base.filter(themes__framework=framework, principles__framework=framework)
        .values_list("themes", "principles")
        .annotate(n=Count("pk", distinct=True))
        .values_list("themes", "principles", "n")
    }
    theme_totals = dict(
        base.filter(themes__framework=framework)
        .values_list("themes")
        .annotate(n=Count("pk", distinct=True))
        .values_list("themes", "n")
    )
    principle_totals = dict(
        base.filter(principles__framework=framework)
        .values_list("principles")
        .annotate(n=Count("pk", distinct=True))
        .values_list("principles", "n")
    )
    mapped = base.filter(Q(themes__framework=framework) | Q(principles__framework=framework)).values("pk")
    unmapped = base.exclude(pk__in=mapped).count()
    rows = [
        {
            "theme": t,
            "cells": [{"principle": p, "count": pairs.get((t.pk, p.pk), 0)} for p in principles],
            "total": theme_totals.get(t.pk, 0),
        }
        for t in themes
    ]
    gaps = sum(1 for row in rows for cell in row["cells"] if not cell["count"])
    return Grid(
        framework=framework,
        themes=themes,
        principles=principles,
        rows=rows,
        column_totals=[principle_totals.get(p.pk, 0) for p in principles],
        unmapped=unmapped,
        gaps=gaps,
    )


def method_steps(places, user) -> dict:
    """The "baseline mapped" step for each place: done when its activities reach every theme of the current
    framework, in progress while some themes have none, not started with no activity. Bulk: three queries."""
    from django.utils.translation import gettext as _

    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    ids = [p.pk for p in places]
    visible = Activity.objects.filter(visible_q(user), place_id__in=ids)
    activities = dict(visible.values_list("place_id").annotate(n=Count("pk")).order_by().values_list("place_id", "n"))
    framework = framework_current()
    theme_ids = set(framework.themes.values_list("pk", flat=True)) if framework else set()
    themes_by_place: dict[int, set[int]] = {}
    for place_id, theme_id in (
        Activity.themes.through.objects.filter(activity__in=visible, theme_id__in=theme_ids)
        .values_list("activity__place_id", "theme_id")
        .distinct()
    ):
        themes_by_place.setdefault(place_id, set()).add(theme_id)
    home_url = url_maker("baseline:home", str)
    result = {}
    for place in places:
        url = home_url(place.code)
        n = activities.get(place.pk, 0)
        if not n:
            result[place.pk] = [Step("baseline", NOT_STARTED, _("No existing activities mapped yet."), url)]
            continue
        covered = len(themes_by_place.get(place.pk, set()))
        detail = _("%(n)s activities on %(covered)s of %(all)s themes.") % {
            "n": n,
            "covered": covered,
            "all": len(theme_ids),
        }
        result[place.pk] = [Step("baseline", DONE if covered >= len(theme_ids) else IN_PROGRESS, detail, url)]
    return result
