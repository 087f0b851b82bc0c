"""The self-assessment section on the place page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection


def place_section(request, place):
    from .selectors import assessments_for_place

    assessments = list(assessments_for_place(user=request.user, place=place)[:5])
    can_add = request.user.has_perm("assessments.add_assessment", place)
    if not assessments and not can_add:
        return None
    html = render_to_string(
        "assessments/_place_section.html",
        {"place": place, "assessments": assessments, "can_add": can_add},
        request=request,
    )
    return PlaceSection(title=_("Self-assessment"), html=html, order=60)
