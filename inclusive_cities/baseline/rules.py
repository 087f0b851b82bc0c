"""Who may see and change a place's baseline: the place's members and network staff see it; the place's
officers and network staff change it and export it. Not public: it is working material for the plan."""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_place_member, is_place_officer
from inclusive_cities.core.permissions import predicate_from_q

from .models import Activity
from .selectors import visible_q

rules.add_perm("baseline.view_baseline", is_network_staff | is_place_member)
rules.add_perm("baseline.change_baseline", is_network_staff | is_place_officer)
rules.add_perm("baseline.export_baseline", is_network_staff | is_place_officer)
rules.add_perm(
    "baseline.view_activity", predicate_from_q(lambda: Activity, visible_q, name="baseline_activity_visible")
)
