"""Factories shared by every app's tests: people with exactly the role under test, places, the framework."""

import factory
from factory.django import DjangoModelFactory

from inclusive_cities.accounts.models import NetworkRoleAssignment, PlaceRoleAssignment, User
from inclusive_cities.network.models import Cohort, Membership, Place, Programme


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"E0699{n:04d}")
    name = factory.Sequence(lambda n: f"Testshire {n}")
    nation = "England"
    region = "South West"
    kind = "UA"
    kind_name = "Unitary authority"
    is_uk_local_authority = True
    is_lower_tier_or_unitary = True


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password("a-long-test-password")


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"programme-{n}")
    name = factory.Sequence(lambda n: f"Programme {n}")


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"cohort-{n}")
    name = factory.Sequence(lambda n: f"Cohort {n}")
    start_year = 2017


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    cohort = factory.SubFactory(CohortFactory)
    place = factory.SubFactory(PlaceFactory)


def user_with_role(role: str, place: Place | None = None, **kwargs) -> User:
    """A user holding exactly one role: a network role, or a place role at `place`."""
    user = UserFactory(**kwargs)
    if role in {"facilitator", "researcher", "admin"}:
        NetworkRoleAssignment.objects.create(user=user, role=role)
    elif role in {"officer", "sponsor", "partner"}:
        PlaceRoleAssignment.objects.create(user=user, place=place, role=role)
    elif role not in {"user", "anonymous"}:
        raise ValueError(role)
    return user
