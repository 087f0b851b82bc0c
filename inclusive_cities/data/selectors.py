"""Reads for the data app. All figures are public, so nothing here depends on the user except import history."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Q, QuerySet

from .models import Import, Indicator, Observation


def indicator_list(*, q: str = "", theme: str = "", domain: str = "", publisher: str = "") -> QuerySet[Indicator]:
    qs = Indicator.objects.prefetch_related("domains")
    if q:
        qs = qs.filter(
            Q(name__icontains=q) | Q(definition__icontains=q) | Q(code__icontains=q) | Q(source__icontains=q)
        )
    if theme:
        # theme_codes is a JSON list; a LIKE on the stored text works on SQLite and PostgreSQL alike.
        qs = qs.filter(theme_codes__icontains=f'"{theme}"')
    if domain:
        qs = qs.filter(domains__code=domain)
    if publisher:
        qs = qs.filter(publisher=publisher)
    return qs.distinct()


def publishers() -> list[str]:
    return list(Indicator.objects.order_by("publisher").values_list("publisher", flat=True).distinct())


def indicator_coverage(indicator: Indicator) -> dict:
    """How many areas and periods an indicator has, its first and last period and its categories."""
    obs = Observation.objects.filter(indicator=indicator)
    agg = obs.aggregate(
        n=Count("id"), first=Min("period_start"), last=Max("period_start"), places=Count("place", distinct=True)
    )
    periods = list(obs.order_by("period_start").values_list("period", flat=True).distinct())
    categories = list(
        obs.exclude(category="")
        .order_by("disaggregation", "category")
        .values_list("disaggregation", "category", "category_label", "is_subtotal")
        .distinct()
    )
    areas = obs.values("area_code").distinct().count()
    mapped = list(
        obs.exclude(source_area_code="")
        .order_by("source_area_code")
        .values_list("source_area_code", "area_code", "area_name")
        .distinct()
    )
    return {**agg, "periods": periods, "categories": categories, "areas": areas, "mapped": mapped}


def observations_for(
    *, area_code: str = "", indicator: str = "", period: str = "", disaggregation=None, category=None
) -> QuerySet[Observation]:
    qs = Observation.objects.select_related("indicator")
    if area_code:
        qs = qs.filter(area_code=area_code)
    if indicator:
        qs = qs.filter(indicator__code__in=[c for c in indicator.split(",") if c])
    if period:
        qs = qs.filter(period=period)
    if disaggregation is not None:
        qs = qs.filter(disaggregation=disaggregation)
    if category is not None:
        qs = qs.filter(category=category)
    return qs.order_by("indicator_id", "period_start", "disaggregation", "category", "pk")


def known_area_code(code: str) -> bool:
    from inclusive_cities.network.models import Place

    return Place.objects.filter(code=code).exists() or Observation.objects.filter(area_code=code).exists()


def import_history(user) -> QuerySet[Import]:
    if not user.has_perm("data.view_imports"):
        return Import.objects.none()
    return Import.objects.select_related("user", "rolled_back_by", "place", "confirmed_by")


def import_changes(record: Import, *, kind: str = "") -> dict:
    """What an import added, changed (earlier and new value) and left unchanged, for its page.

    `kind` picks the list shown ("added", "changed", "unchanged", "rolled_back"); counts are always given."""
    from .models import ObservationRevision, RevisionKind

    revisions = ObservationRevision.objects.filter(source_import=record)
    counts = {
        "added": Observation.objects.filter(first_import=record).count(),
        "changed": revisions.filter(kind=RevisionKind.CHANGED).count(),
        "unchanged": revisions.filter(kind=RevisionKind.UNCHANGED).count(),
        "rolled_back": revisions.filter(kind=RevisionKind.ROLLED_BACK).count(),
    }
    kinds = [k for k in ("changed", "added", "unchanged", "rolled_back") if counts[k]]
    kind = kind if kind in kinds else (kinds[0] if kinds else "")
    if kind == "added":
        rows = (
            Observation.objects.filter(first_import=record)
            .select_related("indicator")
            .order_by("indicator__order", "area_code", "period_start", "category")
        )
    elif kind:
        rows = (
            revisions.filter(kind=kind)
            .select_related("indicator", "old_import")
            .order_by("indicator__order", "area_code", "period", "category")
        )
    else:
        rows = None
    return {"counts": counts, "kinds": kinds, "kind": kind, "rows": rows}


def figure_history(observation: Observation) -> QuerySet:
    """The revisions of one figure, newest first, each with the import (and release) that set it before."""
    from .models import ObservationRevision

    return (
        ObservationRevision.objects.filter(observation=observation)
        .exclude(kind="unchanged")
        .select_related("source_import", "old_import")
        .order_by("-at", "-pk")
    )


OBSERVATION_FIELDS = [
    "indicator",
    "place",
    "place_name",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "category",
    "category_label",
    "is_subtotal",
    "value",
    "unit",
    "status",
    "flag",
    "source_area_code",
    "source_import",
]
_SOURCES = [
    "indicator__code",
    "area_code",
    "area_name",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "category",
    "category_label",
    "is_subtotal",
    "value",
    "indicator__unit",
    "status",
    "flag",
    "source_area_code",
    "source_import_id",
    "source_import__release",
    "source_import__publisher",
    "source_import__file_name",
    "source_row",
]


def observation_values(queryset):
    """The queryset as tuples of the API's fields (see observation_rows)."""
    return queryset.values_list(*_SOURCES)


def observation_rows(values) -> list[dict]:
    """Observations as the API serves them (flat dicts, dates as ISO strings), from observation_values() tuples,
    without the serializer's per-field cost."""
    from django.urls import reverse

    base = reverse("data:source", args=[0])[: -len("0/")]
    rows = []
    n = len(OBSERVATION_FIELDS) - 1
    for value in values:
        row = dict(zip(OBSERVATION_FIELDS[:n], value[:n], strict=True))
        imp, release, publisher, file_name, source_row = value[n:]
        row["source_import"] = (
            None
            if imp is None
            else {
                "id": imp,
                "release": release,
                "publisher": publisher,
                "file_name": file_name,
                "row": source_row,
                "url": f"{base}{imp}/",
            }
        )
        row["period_start"] = row["period_start"].isoformat()
        if row["period_end"] is not None:
            row["period_end"] = row["period_end"].isoformat()
        rows.append(row)
    return rows


def public_sources() -> QuerySet[Import]:
    """Imports that set figures anyone can see (applied, or rolled back and kept for the history)."""
    return Import.objects.filter(status__in=["applied", "rolled_back"]).select_related("user")


def figure_with_source(pk: int) -> Observation | None:
    return Observation.objects.select_related("indicator", "source_import").filter(pk=pk).first()


def sources_of(queryset, limit: int = 8) -> list[Import]:
    """The imports that set the figures of a queryset of observations (newest first)."""
    ids = list(queryset.exclude(source_import=None).values_list("source_import_id", flat=True).distinct()[:200])
    return list(Import.objects.filter(pk__in=ids).order_by("-created_at")[:limit])
