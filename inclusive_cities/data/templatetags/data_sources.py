"""`{% load data_sources %}{% source_link figure %}`: a figure's source, one click away.

`figure` is an `Observation` (links to its import with the row it came from), an `Import`, or an import's id.
Any page that shows a figure (profile, map, indicator page, a plan's measures) can use it; it renders nothing
for a figure with no recorded import (e.g. typed in by hand)."""

from django import template
from django.urls import reverse

from inclusive_cities.data import profiles
from inclusive_cities.data.models import Import, Observation

register = template.Library()


@register.filter
def tidy_label(value) -> str:
    """A publisher's label as people read it ("Subsistence Only" -> "Subsistence only"); see `profiles.tidy_label`."""
    return profiles.tidy_label(str(value or ""))


@register.inclusion_tag("data/includes/source_link.html")
def source_link(figure, label: str = ""):
    record, row, figure_id = None, "", None
    if isinstance(figure, Observation):
        record, row, figure_id = figure.source_import, figure.source_row, figure.pk
    elif isinstance(figure, Import):
        record = figure
    elif isinstance(figure, int) or (isinstance(figure, str) and figure.isdigit()):
        record = Import.objects.filter(pk=int(figure)).only("pk", "release", "publisher", "file_name").first()
    if record is None:
        return {"url": ""}
    url = reverse("data:source", args=[record.pk])
    if figure_id:
        url += f"?figure={figure_id}"
    return {"url": url, "record": record, "row": row, "label": label}
