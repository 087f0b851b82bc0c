"""Fixtures for the home tests: one person in every role of conftest.ROLES, relative to `place` (Bristol)."""

import pytest

from conftest import ROLES


@pytest.fixture
def people(make_user, framework):
    """role -> user (None for anonymous), all existing at once."""
    return {role: make_user(role) for role in ROLES}


def kinds_for(user) -> set[str]:
    from inclusive_cities.home.selectors import tasks_for

    return {kind for kind, _heading, _tasks in tasks_for(user)} if user is not None else set()


def who_gets(people, kind: str) -> set[str]:
    """The roles whose home lists at least one task of `kind`."""
    return {role for role, user in people.items() if kind in kinds_for(user)}
