"""The taskforce's section on the place page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors


def taskforce_section(request, place) -> PlaceSection | None:
    if not request.user.has_perm("taskforce.view_taskforce", place):
        if not request.user.has_perm("taskforce.view_public_organisations", place):
            return None
        html = render_to_string(
            "taskforce/_place_section_public.html",
            {"place": place, "organisations": selectors.public_organisations(place=place)},
            request=request,
        )
        return PlaceSection(title=_("Taskforce"), html=html, order=30)
    html = render_to_string(
        "taskforce/_place_section.html",
        {"place": place, "coverage": selectors.coverage(user=request.user, place=place)},
        request=request,
    )
    return PlaceSection(title=_("Taskforce"), html=html, order=30)
