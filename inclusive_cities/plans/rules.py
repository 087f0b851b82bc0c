"""Who may see and do what with action plans.

- See a plan: anyone once it is published (or archived after a newer version); before that, the place's
  members (officer, sponsor, partner) and network staff. One rule: `selectors.visible_q`.
- Write a plan (create, edit, priorities, actions, import, start a new version, publish): the place's officers
  and administrators. Editing only while draft or in review.
- Comment and resolve comments during review: the place's members and facilitators/administrators.
- Sign off: only the place's senior sponsor, only while in review.
- Post progress: the place's officers and administrators, and a partner on an action they lead; only on a
  published plan (progress is monitoring, not a change to the plan).
- The network view of every plan's status: network staff.
"""

import rules

from inclusive_cities.accounts.rules import (
    is_admin,
    is_network_staff,
    is_place_member,
    is_place_officer,
    is_place_partner,
    is_place_sponsor,
)
from inclusive_cities.core.permissions import predicate_from_q

from .models import ActionPlan, PlanStatus
from .selectors import visible_q

can_view_plan = predicate_from_q(lambda: ActionPlan, visible_q, name="plans_plan_visible")


def _status(*statuses: str):
    @rules.predicate(name=f"plan_status_{'_'.join(statuses)}")
    def predicate(user, plan) -> bool:
        return plan is not None and plan.status in statuses

    return predicate


@rules.predicate
def is_plan_writer(user, obj) -> bool:
    return bool(is_place_officer(user, obj) or is_admin(user))


@rules.predicate
def plan_is_editable(user, plan) -> bool:
    return plan is not None and plan.is_editable


@rules.predicate
def has_no_newer_version(user, plan) -> bool:
    return plan is not None and not ActionPlan.objects.filter(previous=plan).exists()


@rules.predicate
def leads_action(user, action) -> bool:
    return action is not None and user.is_authenticated and action.lead_user_id == user.pk


@rules.predicate
def action_plan_published(user, action) -> bool:
    return action is not None and action.priority.plan.status == PlanStatus.PUBLISHED


rules.add_perm("plans.view_actionplan", can_view_plan)
# On a Place: may start a plan there.
rules.add_perm("plans.add_actionplan", is_plan_writer)
rules.add_perm("plans.change_actionplan", can_view_plan & is_plan_writer & plan_is_editable)
rules.add_perm("plans.submit_actionplan", can_view_plan & is_plan_writer & _status(PlanStatus.DRAFT))
rules.add_perm(
    "plans.comment_actionplan",
    can_view_plan & (is_place_member | is_network_staff) & _status(PlanStatus.DRAFT, PlanStatus.IN_REVIEW),
)
# Review comments are the place's and the network's working conversation, not part of the published plan.
rules.add_perm("plans.view_comments", can_view_plan & (is_place_member | is_network_staff))
rules.add_perm("plans.signoff_actionplan", is_place_sponsor & _status(PlanStatus.IN_REVIEW))
rules.add_perm("plans.publish_actionplan", is_plan_writer & _status(PlanStatus.SIGNED_OFF))
# Back to draft for changes: by the place's writers or its sponsor (instead of signing off, or after it).
rules.add_perm(
    "plans.return_actionplan",
    (is_plan_writer | is_place_sponsor) & _status(PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF),
)
rules.add_perm("plans.new_version_actionplan", is_plan_writer & _status(PlanStatus.PUBLISHED) & has_no_newer_version)
rules.add_perm("plans.view_dashboard", can_view_plan)
# On an Action.
rules.add_perm(
    "plans.post_progress", action_plan_published & (is_place_officer | is_admin | (is_place_partner & leads_action))
)
rules.add_perm("plans.view_network", is_network_staff)
