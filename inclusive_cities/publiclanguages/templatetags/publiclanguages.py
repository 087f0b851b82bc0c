"""`{% read_this_in plan %}` and `{% read_this_in narrative %}`: the "Read this in" links on an original page."""

from django import template

register = template.Library()


@register.inclusion_tag("publiclanguages/_read_this_in.html")
def read_this_in(obj):
    from inclusive_cities.narrative.models import Narrative

    from ..selectors import narrative_translations_shown, plan_translations_shown

    shown = narrative_translations_shown(obj) if isinstance(obj, Narrative) else plan_translations_shown(obj)
    return {"translations": list(shown.values())}
