"""Helpers that let one visibility rule drive both object checks and list filters.

An app writes `visible_q(user) -> Q` once. Its selectors filter lists with it, and its rules.py turns it
into an object predicate with `predicate_from_q`, so a list and a detail page can never disagree.
"""

from collections.abc import Callable

import rules
from django.db.models import Model, Q
from django.http import Http404


def predicate_from_q(model_getter: Callable[[], type[Model]], q_for_user: Callable, name: str):
    """An object predicate that is true when the object is in `model.objects.filter(q_for_user(user))`."""

    @rules.predicate(name=name)
    def _in_scope(user, obj) -> bool:
        if obj is None:
            return False
        model = model_getter()
        return model._default_manager.filter(q_for_user(user), pk=obj.pk).exists()

    return _in_scope


def require(user, perm: str, obj=None) -> None:
    """Raise 404 rather than 403 when the user may not even know the object exists."""
    if not user.has_perm(perm, obj):
        raise Http404


def nothing() -> Q:
    return Q(pk__in=[])
