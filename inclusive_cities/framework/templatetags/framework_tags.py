"""The banner a place sees when its plan or assessment uses an older framework version than the current one."""

from django import template

from inclusive_cities.framework.selectors import framework_diff, newer_version

register = template.Library()


@register.inclusion_tag("framework/_newer_version_banner.html")
def newer_framework_banner(framework):
    newer = newer_version(framework)
    if newer is None:
        return {"newer": None}
    diff = framework_diff(framework, newer)
    changed = [t for t in diff["themes"] if t["changed"]]
    return {"old": framework, "newer": newer, "changed_goals": diff["changed_goals"], "changed_themes": changed}
