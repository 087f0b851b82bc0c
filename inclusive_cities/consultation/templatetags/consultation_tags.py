"""{% consultation_for_plan plan %}: on a plan's page, the consultation while it is open (and the officer's links),
and once the plan is published, the "you said, we did" record."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("consultation/_plan.html", takes_context=True)
def consultation_for_plan(context, plan):
    request = context.get("request")
    user = getattr(request, "user", None)
    consultation = getattr(plan, "consultation", None)
    can_manage = bool(user and consultation and user.has_perm("consultation.manage_consultation", consultation))
    can_open = bool(
        user
        and consultation is None
        and plan.status == "in_review"
        and user.has_perm("consultation.add_consultation", plan)
    )
    visible = bool(consultation and user and user.has_perm("consultation.view_consultation", consultation))
    return {
        "plan": plan,
        "consultation": consultation if visible else None,
        "is_open": bool(visible and consultation.is_open()),
        "can_manage": can_manage,
        "can_open": can_open,
        "outcomes": selectors.published_outcomes_for_plan(plan),
    }
