"""The plans section on the place page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors


def plans_section(request, place) -> PlaceSection | None:
    plans = list(selectors.plans_for_place(user=request.user, place=place)[:5])
    can_add = request.user.has_perm("plans.add_actionplan", place)
    if not plans and not can_add:
        return None
    html = render_to_string(
        "plans/_place_section.html", {"place": place, "plans": plans, "can_add": can_add}, request=request
    )
    return PlaceSection(title=_("Action plans"), html=html, order=40)
