"""The evidence base's section on the place page: case studies about or contributed by the place."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors


def evidence_section(request, place) -> PlaceSection | None:
    case_studies = list(
        selectors.case_studies_visible(user=request.user)
        .filter(Q(place=place) | Q(credited_place=place))
        .order_by("title")[:50]
    )
    can_contribute = request.user.has_perm("evidence.add_casestudy") and request.user.has_perm(
        "accounts.invite_to_place", place
    )
    if not case_studies and not can_contribute:
        return None
    html = render_to_string(
        "evidence/_place_section.html",
        {"place": place, "case_studies": case_studies, "can_contribute": can_contribute},
        request=request,
    )
    return PlaceSection(title=_("Case studies"), html=html, order=60)
