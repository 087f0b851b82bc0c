"""The consultations' section on the place page: open consultations for everyone; all of them for those who run
them."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors


def consultation_section(request, place) -> PlaceSection | None:
    user = request.user
    rows = [
        (c, c.is_open(), user.has_perm("consultation.manage_consultation", c))
        for c in selectors.for_place(user=user, place=place)
    ]
    rows = [row for row in rows if row[1] or row[2]]
    if not rows:
        return None
    html = render_to_string("consultation/_place_section.html", {"place": place, "rows": rows}, request=request)
    return PlaceSection(title=_("Have your say"), html=html, order=25)
