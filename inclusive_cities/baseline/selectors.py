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
