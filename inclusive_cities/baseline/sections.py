"""The baseline's section on the place page: how many activities, and how many theme x principle gaps."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors


def baseline_section(request, place) -> PlaceSection | None:
    if not request.user.has_perm("baseline.view_baseline", place):
        return None
    activities = selectors.baseline_for_place(place=place, user=request.user)
    html = render_to_string(
        "baseline/_place_section.html",
        {"place": place, "count": activities.count(), "grid": selectors.baseline_grid(activities=activities)},
        request=request,
    )
    return PlaceSection(title=_("Baseline of existing activity"), html=html, order=35)
