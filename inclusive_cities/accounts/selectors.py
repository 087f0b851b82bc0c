"""Reads for people and roles."""

from django.db.models import QuerySet

from .models import Invitation, NetworkRoleAssignment, PlaceRoleAssignment
from .roles import roles_of


def place_people(*, place) -> QuerySet[PlaceRoleAssignment]:
    return PlaceRoleAssignment.objects.filter(place=place).select_related("user").order_by("role", "user__email")


def invitations_visible_to(user) -> QuerySet[Invitation]:
    """Facilitators see every invitation; a place's officers see their place's."""
    roles = roles_of(user)
    qs = Invitation.objects.select_related("place", "invited_by")
    if roles.is_network_staff:
        return qs
    return qs.filter(place_id__in=roles.place_ids("officer"))


def roles_summary(user) -> dict:
    return {
        "network": NetworkRoleAssignment.objects.filter(user=user),
        "places": PlaceRoleAssignment.objects.filter(user=user).select_related("place"),
    }
