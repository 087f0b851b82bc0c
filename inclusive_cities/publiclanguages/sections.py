"""The newcomers' languages section on the place page: the languages offered, and the officers' way in."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection


def place_section(request, place):
    from .selectors import offered_languages

    languages = offered_languages(place)
    can_manage = request.user.has_perm("publiclanguages.manage", place)
    if not languages and not can_manage:
        return None
    html = render_to_string(
        "publiclanguages/_place_section.html",
        {"place": place, "languages": languages, "can_manage": can_manage},
        request=request,
    )
    return PlaceSection(title=_("Newcomers’ languages"), html=html, order=66)
