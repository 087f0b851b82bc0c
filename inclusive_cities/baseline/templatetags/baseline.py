"""`{% baseline_context place %}`: the place's baseline, for showing as context beside a plan.

Usage in any template (for example the plans app's plan page): `{% load baseline %}{% baseline_context place %}`.
Shows nothing to people who may not see the place's baseline.
"""

from django import template
from django.template.loader import render_to_string

from ..selectors import baseline_for_place, baseline_grid

register = template.Library()


@register.simple_tag(takes_context=True)
def baseline_context(context, place, heading_level: int = 2):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or place is None or not user.has_perm("baseline.view_baseline", place):
        return ""
    activities = baseline_for_place(place=place, user=user)
    return render_to_string(
        "baseline/_plan_context.html",
        {
            "place": place,
            "activities": activities[:8],
            "count": activities.count(),
            "grid": baseline_grid(activities=activities),
            "heading": f"h{min(max(int(heading_level), 2), 4)}",
        },
        request=request,
    )
