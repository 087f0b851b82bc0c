"""Public pages built on the data layer: a place's data profile, its chart CSVs, and the map of all authorities."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inclusive_cities.core import spreadsheet
from inclusive_cities.core.charts import csv_response, format_number
from inclusive_cities.core.formats import human_date
from inclusive_cities.core.hooks import PlaceSection
from inclusive_cities.network.selectors import place_get

from . import geo, indices, profiles, selectors
from .models import Indicator, Observation, Unit


def place_profile(request, code: str):
    place = place_get(code)
    profile = profiles.build_profile(place)
    return render(
        request,
        "data/profile.html",
        {
            "place": place,
            "profile": profile,
            "sources": selectors.sources_of(Observation.objects.filter(place=place)),
            "formulas": {
                "fractionalisation": indices.FRACTIONALISATION_FORMULA,
                "dissimilarity": indices.DISSIMILARITY_FORMULA,
                "isolation": indices.ISOLATION_FORMULA,
            },
        },
    )


def profile_chart_csv(request, code: str, chart_id: str):
    place = place_get(code)
    chart = profiles.build_profile(place).chart(chart_id)
    if chart is None:
        raise Http404(
            _("The profile of %(place)s has no chart “%(chart)s”.") % {"place": place.name, "chart": chart_id}
        )
    return csv_response(chart, f"{place.code}-{chart.chart_id}.csv")


MAP_DEFAULT = ("census21-born-outside-uk-pct", "Born outside the UK")


class MapForm(forms.Form):
    indicator = forms.ChoiceField(label=_lazy("Indicator"), required=False)
    category = forms.ChoiceField(label=_lazy("Group"), required=False)
    period = forms.ChoiceField(label=_lazy("Period"), required=False)

    def __init__(self, *args, indicators, categories, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.name) for i in indicators]
        self.fields["period"].choices = [
            (p, _("%(period)s (%(n)d areas)") % {"period": human_date(p), "n": n}) for p, n in periods
        ]
        self.fields["category"].choices = [("", _("Total"))] + [
            (c, profiles.leaf_label(c, categories)) for c in categories
        ]
        if not categories:
            del self.fields["category"]


def _map_indicators():
    with_places = Observation.objects.filter(indicator=OuterRef("pk"), place__isnull=False)
    return list(Indicator.objects.filter(Exists(with_places)).order_by("order", "name"))


def _default_indicator(indicators):
    by_code = {i.code: i for i in indicators}
    for code, category, *_label in [MAP_DEFAULT, *profiles.HEADLINES]:
        if code in by_code:
            return by_code[code], category
    return (indicators[0], "") if indicators else (None, "")


def map_view(request):
    indicators = _map_indicators()
    indicator, category = _default_indicator(indicators)
    requested = request.GET.get("indicator", "")
    if requested:
        indicator = next((i for i in indicators if i.code == requested), None)
        if indicator is None:
            raise Http404(
                _("No indicator with data for local authorities has the code “%(code)s”.") % {"code": requested[:100]}
            )
        category = request.GET.get("category", "")
    categories = []
    if indicator is not None and indicator.disaggregation:
        categories = sorted(
            set(
                Observation.objects.filter(indicator=indicator, place__isnull=False)
                .exclude(category="")
                .values_list("category", flat=True)
                .distinct()
            )
        )
    # a group or period left over from the previously chosen indicator falls back to the default
    if category not in categories:
        category = ""
    if not category and indicator is not None and indicator.unit != Unit.COUNT and categories:
        category = categories[0]
    periods = profiles.map_periods(indicator, category) if indicator else []
    period = request.GET.get("period", "")
    if period not in {p for p, _n in periods}:
        period = profiles.default_map_period(periods)
    form = MapForm(
        {"indicator": indicator.code if indicator else "", "category": category, "period": period},
        indicators=indicators,
        categories=categories,
        periods=periods,
    )
    values = profiles.map_values(indicator, category, period) if indicator else {}
    unit = "%" if indicator and indicator.unit == Unit.PERCENT else ""
    names = dict(geo_names())
    rows = sorted(
        ({"code": code, "name": names.get(code, code), "value": value} for code, value in values.items()),
        key=lambda r: r["name"],
    )
    title = ""
    if indicator is not None:
        title = (
            indicator.name
            + (f": {profiles.leaf_label(category, categories)}" if category else "")
            + f" ({human_date(period)})"
        )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="map-{indicator.code if indicator else "none"}.csv"'
        writer = spreadsheet.writer(response)
        writer.writerow([_("Area code"), _("Area"), title])
        for row in rows:
            writer.writerow([row["code"], row["name"], "" if row["value"] is None else row["value"]])
        return response
    for row in rows:
        row["text"] = format_number(row["value"], unit)
    year = geo.boundary_year(values)
    svg = geo.choropleth_svg(title=title, values=values, unit=unit, year=year) if indicator else ""
    drawn = geo.area_codes(year)
    missing = [r for r in rows if r["code"] not in drawn and r["code"] not in geo.CODE_ALIASES]
    return render(
        request,
        "data/map.html",
        {
            "form": form,
            "indicator": indicator,
            "category": category,
            "period": period,
            "title": title,
            "svg": svg,
            "rows": rows,
            "missing": missing,
            "boundary_year": year,
            "source": profiles.source_text(indicator) if indicator else "",
            "indicator_url": profiles.indicator_url(indicator.code) if indicator else "",
            "sources": selectors.sources_of(
                Observation.objects.filter(indicator=indicator, category=category, period=period)
            )
            if indicator
            else [],
        },
    )


def geo_names():
    from inclusive_cities.network.models import Place

    return Place.objects.filter(is_uk_local_authority=True).values_list("code", "name")


def place_section(request, place):
    """The place page's "Local data" section: 2-3 headline figures and a link to the full profile."""
    if not place.is_uk_local_authority:
        return None
    headlines = profiles.place_headlines(place)
    try:
        url = reverse("data:place_profile", args=[place.code])
    except NoReverseMatch:
        return None
    html = render_to_string("data/profile_place_section.html", {"place": place, "headlines": headlines, "url": url})
    return PlaceSection(title=str(_("Local data")), html=html, order=30)
