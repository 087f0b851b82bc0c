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


def tasks_for(user) -> list:
    """Invitations this person may manage (`invitations_visible_to`) that are still pending: not accepted, withdrawn
    or expired. One task with the count, linking to the invitations page. One query."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from inclusive_cities.core.method import Task

    if not user or not user.is_authenticated or not user.has_perm("accounts.invite"):
        return []
    n = (
        invitations_visible_to(user)
        .filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now())
        .count()
    )
    if not n:
        return []
    return [
        Task(
            "invitations",
            _("%(n)s invitations not yet accepted") % {"n": n},
            reverse("accounts:invitation_list"),
            count=n,
        )
    ]


def places_for(user) -> list:
    """The places where this person holds a role, by name (the personal home's "Your places")."""
    from inclusive_cities.network.models import Place

    ids = roles_of(user).place_ids()
    return list(Place.objects.filter(pk__in=ids).order_by("name")) if ids else []
