"""Who may see and do what in peer learning. Built from the role predicates in accounts/rules.py; the visibility
of partnerships, threads, reports, barriers and positions is the selectors' `*_q(user)`, written once."""

import rules

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.accounts.rules import is_network_staff, is_officer_somewhere, is_place_officer, is_researcher
from inclusive_cities.core.permissions import predicate_from_q


def _model(name: str):
    def getter():
        from django.apps import apps

        return apps.get_model("exchange", name)

    return getter


def _q(name: str):
    def q_for_user(user):
        from . import selectors

        return getattr(selectors, name)(user)

    return q_for_user


@rules.predicate
def is_in_network(user) -> bool:
    from .selectors import in_network

    return in_network(user)


@rules.predicate
def is_programme_member(user) -> bool:
    """An officer or sponsor of a place that is a member of any programme."""
    from .selectors import programme_ids_of

    return bool(programme_ids_of(user))


@rules.predicate
def may_answer_survey(user, survey) -> bool:
    from .selectors import may_answer

    return survey is not None and may_answer(user, survey)


@rules.predicate
def is_partnership_officer(user, partnership) -> bool:
    if partnership is None:
        return False
    roles = roles_of(user)
    return roles.in_place(partnership.place_a_id, PlaceRole.OFFICER) or roles.in_place(
        partnership.place_b_id, PlaceRole.OFFICER
    )


can_see_partnership = predicate_from_q(_model("Partnership"), _q("partnership_q"), name="partnership_visible")
can_see_thread = predicate_from_q(_model("Thread"), _q("thread_q"), name="thread_visible")
can_see_report = predicate_from_q(_model("LearningReport"), _q("report_q"), name="report_visible")
can_see_barrier = predicate_from_q(_model("Barrier"), _q("barrier_q"), name="barrier_visible")
can_see_position = predicate_from_q(_model("Position"), _q("position_q"), name="position_visible")

# Convenings: public pages (public fields); network-only notes, attendees and outputs for the network.
rules.add_perm("exchange.view_convening", rules.always_allow)
rules.add_perm("exchange.view_convening_private", is_in_network)
rules.add_perm("exchange.manage_convenings", is_network_staff)

# Learning partnerships.
rules.add_perm("exchange.view_partnerships", is_in_network)
rules.add_perm("exchange.view_partnership", can_see_partnership)
rules.add_perm("exchange.propose_partnership", is_network_staff)
rules.add_perm("exchange.respond_partnership", is_partnership_officer)
rules.add_perm("exchange.record_partnership", is_network_staff | is_partnership_officer)

# The safe space: programme members and the facilitators who moderate it. Never the public, never researchers.
rules.add_perm("exchange.view_discussions", is_network_staff | is_programme_member)
rules.add_perm("exchange.view_thread", can_see_thread)
rules.add_perm("exchange.start_thread", is_network_staff | is_programme_member)
rules.add_perm("exchange.moderate", is_network_staff)

# The anonymous survey.
rules.add_perm("exchange.manage_surveys", is_network_staff)
rules.add_perm("exchange.view_surveys", is_network_staff | is_researcher | is_programme_member)
rules.add_perm("exchange.answer_survey", may_answer_survey)
rules.add_perm("exchange.view_survey_results", is_network_staff | is_researcher | may_answer_survey)

# Learning reports: drafts for facilitators, published reports for everyone.
rules.add_perm("exchange.manage_reports", is_network_staff)
rules.add_perm("exchange.view_report", can_see_report)

# Advocacy: officers record barriers for their own place; the network sees them; facilitators draft positions.
rules.add_perm("exchange.view_barriers", is_in_network)
rules.add_perm("exchange.view_barrier", can_see_barrier)
rules.add_perm("exchange.record_barrier", is_network_staff | is_officer_somewhere)
rules.add_perm("exchange.change_barrier", is_network_staff | is_place_officer)
rules.add_perm("exchange.manage_positions", is_network_staff)
rules.add_perm("exchange.view_position", can_see_position)

# The landing page: anyone (it lists what each visitor may open).
rules.add_perm("exchange.view_home", rules.always_allow)
