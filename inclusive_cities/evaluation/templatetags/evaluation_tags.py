"""{% evaluation_results_for action %}: an action's evaluations and their results, as the viewer may see them."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("evaluation/_action_results.html", takes_context=True)
def evaluation_results_for(context, action):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        rows = selectors.public_results_for_action(action)
    else:
        rows = selectors.results_for_action(action, user=user)
    can_add = bool(user and user.has_perm("evaluation.add_evaluation"))
    return {"rows": rows, "action": action, "can_add": can_add}


@register.inclusion_tag("evaluation/_plan_results.html", takes_context=True)
def evaluation_results_for_plan(context, plan):
    """Public evaluations of a published plan's actions, with their latest finished result; and, for those who may
    plan one, a link to evaluate the plan as a whole."""
    rows = selectors.public_results_for_plan(plan) if plan.status == "published" else []
    request = context.get("request")
    user = getattr(request, "user", None)
    can_add = bool(user and user.has_perm("evaluation.add_evaluation") and user.has_perm("plans.view_actionplan", plan))
    return {"rows": rows, "plan": plan, "can_add": can_add}
