"""Role predicates: the one place that says what each role means. Every app's rules.py builds on these."""

import rules

from .models import NetworkRole, PlaceRole
from .roles import roles_of


def place_id_of(obj) -> int | None:
    """The place an object belongs to: a Place itself, or anything with a `place` (or `place_id`)."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Place":
        return obj.pk
    if hasattr(obj, "place_id"):
        return obj.place_id
    get_place = getattr(obj, "get_place", None)
    if callable(get_place):
        place = get_place()
        return place.pk if place else None
    return None


@rules.predicate
def is_admin(user) -> bool:
    return roles_of(user).has_network(NetworkRole.ADMIN)


@rules.predicate
def is_facilitator(user) -> bool:
    return roles_of(user).has_network(NetworkRole.FACILITATOR)


@rules.predicate
def is_researcher(user) -> bool:
    return roles_of(user).has_network(NetworkRole.RESEARCHER)


is_network_staff = is_facilitator | is_admin


def _place_role(*roles: str, name: str):
    @rules.predicate(name=name)
    def predicate(user, obj) -> bool:
        return roles_of(user).in_place(place_id_of(obj), *roles)

    return predicate


is_place_officer = _place_role(PlaceRole.OFFICER, name="is_place_officer")
is_place_sponsor = _place_role(PlaceRole.SPONSOR, name="is_place_sponsor")
is_place_partner = _place_role(PlaceRole.PARTNER, name="is_place_partner")
is_place_member = _place_role(name="is_place_member")


@rules.predicate
def is_officer_somewhere(user) -> bool:
    return bool(roles_of(user).place_ids(PlaceRole.OFFICER))


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


# Accounts' own permissions.
rules.add_perm("accounts.view_account", is_signed_in)
rules.add_perm("accounts.invite_network", is_network_staff)
# Who may open the invitation pages at all (what they may invite to is checked per place below).
rules.add_perm("accounts.invite", is_network_staff | is_officer_somewhere)
# Who may invite people into a place: facilitators for any place, a place's officers for their own.
rules.add_perm("accounts.invite_to_place", is_network_staff | is_place_officer)


@rules.predicate
def manages_invitation(user, invitation) -> bool:
    """Withdraw or resend: whoever could send it now (administrators only for the administrator role)."""
    roles = roles_of(user)
    if invitation is None:
        return False
    if invitation.role == NetworkRole.ADMIN:
        return roles.has_network(NetworkRole.ADMIN)
    if roles.is_network_staff:
        return True
    return invitation.place_id is not None and roles.in_place(invitation.place_id, PlaceRole.OFFICER)


rules.add_perm("accounts.manage_invitation", manages_invitation)
rules.add_perm("accounts.view_place_people", is_network_staff | is_place_member)
# Audit history of a place's records: the place's officers and network staff.
rules.add_perm("core.view_history", is_network_staff | is_place_officer)
