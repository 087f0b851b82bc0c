"""Who may see and change the network. Places and programmes are public; memberships are edited by facilitators."""

import rules

from inclusive_cities.accounts.rules import is_network_staff

rules.add_perm("network.view_place", rules.always_allow)
rules.add_perm("network.view_programme", rules.always_allow)
rules.add_perm("network.change_membership", is_network_staff)
rules.add_perm("network.add_cohort", is_network_staff)
rules.add_perm("network.view_funder_report", is_network_staff)
