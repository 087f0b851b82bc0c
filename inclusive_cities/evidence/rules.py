"""Permissions for case studies, built from the role predicates in accounts/rules.py.

Who sees a case study is written once, as selectors.visible_q, and turned into the object predicate here.
"""

import rules

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.accounts.rules import is_network_staff, is_officer_somewhere
from inclusive_cities.core.permissions import predicate_from_q

from .models import CaseStudyStatus


def _model():
    from .models import CaseStudy

    return CaseStudy


def _visible_q(user):
    from .selectors import visible_q

    return visible_q(user)


can_see = predicate_from_q(_model, _visible_q, name="can_see_case_study")


@rules.predicate
def is_officer_of_credited_place(user, case_study) -> bool:
    if case_study is None or case_study.credited_place_id is None:
        return False
    return roles_of(user).in_place(case_study.credited_place_id, PlaceRole.OFFICER)


@rules.predicate
def is_editable_state(user, case_study) -> bool:
    return case_study is not None and case_study.status in {CaseStudyStatus.DRAFT, CaseStudyStatus.REJECTED}


@rules.predicate
def is_submitted(user, case_study) -> bool:
    return case_study is not None and case_study.status == CaseStudyStatus.SUBMITTED


rules.add_perm("evidence.view_casestudy", can_see)
# Contributing: any place's officer (for their own place), and network staff.
rules.add_perm("evidence.add_casestudy", is_officer_somewhere | is_network_staff)
# The contributing place's officers edit and submit their draft until it is submitted; staff may always edit.
rules.add_perm("evidence.change_casestudy", (is_officer_of_credited_place & is_editable_state) | is_network_staff)
rules.add_perm("evidence.submit_casestudy", is_officer_of_credited_place & is_editable_state)
# Moderation: facilitators (and admins) publish or return what was submitted.
rules.add_perm("evidence.review_casestudy", is_network_staff & is_submitted)
rules.add_perm("evidence.rate_casestudy", is_network_staff)


@rules.predicate
def may_change_plan(user, plan) -> bool:
    return plan is not None and user.has_perm("plans.change_actionplan", plan)


# Pinning case studies to a plan's priorities and actions: whoever may edit the plan (its officers, administrators).
rules.add_perm("evidence.pin_casestudy", may_change_plan)
rules.add_perm("evidence.view_contributions", is_officer_somewhere | is_network_staff)
