"""Open data API (read-only): places, indicators and observations, as JSON or CSV."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

from inclusive_cities.core import spreadsheet
from inclusive_cities.core.api import StrictPagination, capped_text, text_param
from inclusive_cities.core.sources import CitedSerializerMixin
from inclusive_cities.network.models import Place

from . import selectors
from .models import Indicator, Observation


def _flat(row: dict) -> dict:
    """A nested object (e.g. `source_import`) as columns `source_import_id`, `source_import_release`, ..."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update({f"{key}_{k}": v for k, v in value.items()})
        elif value is None and key == "source_import":
            out.update({f"{key}_{k}": "" for k in ("id", "release", "publisher", "file_name", "row", "url")})
        else:
            out[key] = value
    return out


class CSVRenderer(BaseRenderer):
    """Renders a list (or a paginated page's `results`) of flat dicts as CSV, header from the first item."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        buf = io.StringIO()
        view = (renderer_context or {}).get("view")
        if not rows and view is not None and hasattr(view, "get_serializer_class"):
            # No rows: still a header (and so a body with its Content-Type), from the serializer's fields.
            fields = list(view.get_serializer_class()().fields)
            spreadsheet.writer(buf, lineterminator="\n").writerow(fields)
        if rows:
            rows = [_flat(row) for row in rows]
            fields = list(rows[0].keys())
            writer = spreadsheet.dict_writer(buf, fields, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else v) for k, v in row.items()})
        response = (renderer_context or {}).get("response")
        if response is not None and isinstance(data, dict) and data.get("next"):
            response["Link"] = f'<{data["next"]}>; rel="next"'
        return buf.getvalue().encode("utf-8")


RENDERERS = [JSONRenderer, CSVRenderer, BrowsableAPIRenderer]


class Pagination(StrictPagination):
    page_size = 500
    max_page_size = 5000


class PlaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Place
        fields = ["code", "name", "nation", "region", "kind", "kind_name", "is_current", "latitude", "longitude"]


class IndicatorSerializer(CitedSerializerMixin, serializers.ModelSerializer):
    domains = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    themes = serializers.ListField(source="theme_codes", child=serializers.CharField(), read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "definition",
            "unit",
            "source",
            "publisher",
            "source_url",
            "licence",
            "geography",
            "period_covered",
            "caveats",
            "disaggregation",
            "themes",
            "domains",
        ]


class SourceImportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    release = serializers.CharField(help_text="the publisher's release (periods in the file)")
    publisher = serializers.CharField()
    file_name = serializers.CharField()
    row = serializers.CharField(help_text="the row of the file the figure came from")
    url = serializers.CharField(help_text="the page saying where the figure comes from")


class ObservationSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    source_import = SourceImportSerializer(allow_null=True, help_text="the import that set this figure")
    place = serializers.CharField(source="area_code")
    place_name = serializers.CharField(source="area_name")
    unit = serializers.CharField(source="indicator.unit")

    class Meta:
        model = Observation
        fields = [
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


@extend_schema(
    parameters=[
        text_param("nation", "England, Wales, Scotland or Northern Ireland"),
        text_param("region", "English region name, e.g. South West"),
        text_param("q", "part of the name, or the ONS code"),
    ]
)
class PlaceList(generics.ListAPIView):
    """UK local authorities (current and former) by ONS code."""

    serializer_class = PlaceSerializer
    pagination_class = Pagination
    renderer_classes = RENDERERS

    def get_queryset(self):
        qs = Place.objects.filter(is_uk_local_authority=True).order_by("code")
        p = self.request.query_params
        nation, region, q = (capped_text(p, name) for name in ("nation", "region", "q"))
        if nation:
            qs = qs.filter(nation__iexact=nation)
        if region:
            qs = qs.filter(region__iexact=region)
        if q:
            qs = qs.filter(name__icontains=q) | qs.filter(code__iexact=q)
        return qs


@extend_schema(
    parameters=[
        text_param("q", "words in the name, definition, code or source"),
        text_param("theme", "a theme code, e.g. T2"),
        text_param("domain", "a domain code"),
    ]
)
class IndicatorList(generics.ListAPIView):
    """The indicator catalogue."""

    serializer_class = IndicatorSerializer
    pagination_class = Pagination
    renderer_classes = RENDERERS

    def get_queryset(self):
        p = self.request.query_params
        return selectors.indicator_list(
            q=capped_text(p, "q"), theme=capped_text(p, "theme"), domain=capped_text(p, "domain")
        ).order_by("order", "code")


@extend_schema(
    responses=ObservationSerializer(many=True),
    parameters=[
        text_param("place", "ONS code of a local authority, region or nation"),
        text_param("indicator", "indicator code(s), comma-separated", max_length=2000),
        text_param("period", 'e.g. "2021", "mid-2023", "2024-09-30"'),
        text_param("disaggregation", 'breakdown, e.g. "country_of_birth"; "total" for totals only'),
        text_param("category", "a category of the breakdown"),
        OpenApiParameter("format", OpenApiTypes.STR, enum=["json", "csv"]),
    ],
)
class ObservationList(generics.ListAPIView):
    """Observations, filtered. `?place=<ONS code>` returns every observation of that place; with no filter, all
    observations page by page."""

    serializer_class = ObservationSerializer
    pagination_class = Pagination
    renderer_classes = RENDERERS

    def get_queryset(self):
        p = self.request.query_params
        place = capped_text(p, "place").upper()
        indicator = capped_text(p, "indicator", max_length=2000)
        if place and not selectors.known_area_code(place):
            raise NotFound(
                {"place": _("Unknown place code “%(code)s”: use an ONS code such as E06000023.") % {"code": place}}
            )
        if indicator:
            unknown = sorted(set(indicator.split(",")) - set(Indicator.objects.values_list("code", flat=True)))
            if unknown:
                raise NotFound(
                    {"indicator": _("Unknown indicator code(s): %(codes)s.") % {"codes": ", ".join(unknown)}}
                )
        disaggregation = capped_text(p, "disaggregation") if "disaggregation" in p else None
        if disaggregation == "total":
            disaggregation = ""
        qs = selectors.observations_for(
            area_code=place,
            indicator=indicator,
            period=capped_text(p, "period"),
            disaggregation=disaggregation,
            category=capped_text(p, "category") if "category" in p else None,
        )
        # Unfiltered, every observation is listed page by page in the order stored (cheap to page through).
        return qs if (place or indicator) else qs.order_by("pk")

    def list(self, request, *args, **kwargs):
        # Same fields as ObservationSerializer, built straight from database tuples: a page of 5,000 is several
        # times faster than through the serializer's per-field machinery.
        page = self.paginate_queryset(selectors.observation_values(self.get_queryset()))
        return self.get_paginated_response(selectors.observation_rows(page))
