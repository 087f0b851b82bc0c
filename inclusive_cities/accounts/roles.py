"""What roles a user holds, loaded once per request and cached on the user object."""

from dataclasses import dataclass, field

from .models import NetworkRole, PlaceRole

ALL_PLACE_ROLES = frozenset(PlaceRole.values)


@dataclass(frozen=True)
class Roles:
    network: frozenset[str] = frozenset()
    places: dict[int, frozenset[str]] = field(default_factory=dict)

    def has_network(self, *roles: str) -> bool:
        return bool(self.network.intersection(roles))

    def in_place(self, place_id: int | None, *roles: str) -> bool:
        wanted = set(roles) or ALL_PLACE_ROLES
        return bool(self.places.get(place_id, frozenset()) & wanted)

    def place_ids(self, *roles: str) -> set[int]:
        wanted = set(roles) or ALL_PLACE_ROLES
        return {pid for pid, held in self.places.items() if held & wanted}

    @property
    def is_network_staff(self) -> bool:
        return self.has_network(NetworkRole.FACILITATOR, NetworkRole.ADMIN)


ANONYMOUS = Roles()


def roles_of(user) -> Roles:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_ic_roles", None)
    if cached is not None:
        return cached
    network = set(user.network_roles.values_list("role", flat=True))
    if user.is_superuser:
        network.add(NetworkRole.ADMIN)
    places: dict[int, set[str]] = {}
    for place_id, role in user.place_roles.values_list("place_id", "role"):
        places.setdefault(place_id, set()).add(role)
    roles = Roles(frozenset(network), {pid: frozenset(r) for pid, r in places.items()})
    user._ic_roles = roles
    return roles


def forget_roles(user) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, "_ic_roles"):
        del user._ic_roles
