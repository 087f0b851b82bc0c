"""Who may plan, run, see and publish an evaluation. Built from the role predicates in accounts/rules.py."""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_officer_somewhere, is_place_officer, is_researcher
from inclusive_cities.core.permissions import predicate_from_q


def _model():
    from .models import Evaluation

    return Evaluation


def _visible_q(user):
    from .selectors import visible_q

    return visible_q(user)


@rules.predicate
def is_author(user, evaluation) -> bool:
    return evaluation is not None and user.is_authenticated and evaluation.created_by_id == user.pk


rules.add_perm("evaluation.view_evaluation", predicate_from_q(_model, _visible_q, name="evaluation_visible"))
# Planning one: researchers, network staff, and a place's officers (for their own place).
rules.add_perm("evaluation.add_evaluation", is_network_staff | is_researcher | is_officer_somewhere)
# Editing, registering and running: its author, network staff, the responsible place's officers.
rules.add_perm("evaluation.change_evaluation", is_network_staff | is_author | is_place_officer)
# Making it public, or raising a case study's evidence level on its strength: facilitators and administrators.
rules.add_perm("evaluation.publish_evaluation", is_network_staff)
