"""The narrative section on the place page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection


def place_section(request, place):
    from .selectors import narrative_for_place

    narrative = narrative_for_place(user=request.user, place=place)
    can_change = request.user.has_perm("narrative.change_narrative", place)
    if narrative is None and not can_change:
        return None
    html = render_to_string(
        "narrative/_place_section.html",
        {"place": place, "narrative": narrative, "can_change": can_change},
        request=request,
    )
    return PlaceSection(title=_("Narrative of inclusion"), html=html, order=65)
