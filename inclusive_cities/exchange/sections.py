"""Peer learning's section on the place page: the convenings the place hosted or took part in, and (for the
network) its learning partnerships."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from inclusive_cities.core.hooks import PlaceSection

from . import selectors
from .models import Convening


def exchange_section(request, place) -> PlaceSection | None:
    convenings = list(
        Convening.objects.filter(participations__place=place).select_related("host", "programme").distinct()[:10]
    )
    hosted = list(Convening.objects.filter(host=place).exclude(pk__in=[c.pk for c in convenings])[:10])
    partnerships = []
    if request.user.has_perm("exchange.view_partnerships"):
        partnerships = list(
            selectors.partnership_list(user=request.user).filter(place_a=place)
            | selectors.partnership_list(user=request.user).filter(place_b=place)
        )
    if not (convenings or hosted or partnerships):
        return None
    html = render_to_string(
        "exchange/_place_section.html",
        {"place": place, "convenings": hosted + convenings, "partnerships": partnerships},
        request=request,
    )
    return PlaceSection(title=_("Peer learning"), html=html, order=70)
