"""Reads for narratives. Published: everyone; drafts: the place's members and facilitators."""

from django.db.models import Q
from django.http import Http404

from inclusive_cities.accounts.roles import roles_of

from .models import Narrative, NarrativeStatus


def visible_q(user) -> Q:
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(status=NarrativeStatus.PUBLISHED)
    member_of = roles.place_ids()
    if member_of:
        q |= Q(place_id__in=member_of)
    return q


def narrative_for_place(*, user, place) -> Narrative | None:
    return Narrative.objects.filter(visible_q(user), place=place).first()


def narrative_get(*, user, place) -> Narrative:
    narrative = narrative_for_place(user=user, place=place)
    if narrative is None:
        raise Http404
    return narrative


def published_narratives():
    return Narrative.objects.filter(status=NarrativeStatus.PUBLISHED).select_related("place")


def delivering_actions(narrative: Narrative) -> list:
    """The plan actions that deliver the narrative, once the plans app has them."""
    field = getattr(narrative, "actions", None)
    return list(field.all()) if field is not None else []
