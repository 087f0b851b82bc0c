"""Who may see and change the framework. Published versions are public; drafts belong to facilitators."""

import rules

from inclusive_cities.accounts.rules import is_network_staff


@rules.predicate
def is_published(user, framework) -> bool:
    return framework is not None and not framework.is_draft


@rules.predicate
def is_draft(user, framework) -> bool:
    return framework is not None and framework.is_draft


rules.add_perm("framework.view_framework", is_published | is_network_staff)
rules.add_perm("framework.add_framework", is_network_staff)
rules.add_perm("framework.change_framework", is_network_staff & is_draft)
rules.add_perm("framework.publish_framework", is_network_staff & is_draft)
