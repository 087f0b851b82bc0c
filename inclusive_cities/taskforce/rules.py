"""Who may see and change a place's taskforce.

- The taskforce (organisations, members without the lived-experience flag, meetings, coverage) is seen by the
  place's members (officer, sponsor, partner) and network staff.
- Whether a member brings lived experience of the migration system is seen only by the place's officers and
  network staff (facilitators; administrators), the same people who may read the place's audit history.
- Writes: the place's officers and network staff.
- The public (anyone, signed in or not) sees the names, sectors and websites of a place's taskforce
  organisations once the place has published an action plan: a published plan names its lead and partner
  organisations anyway. Members, meetings and coverage gaps stay with the place and network staff.
"""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_place_member, is_place_officer
from inclusive_cities.core.permissions import predicate_from_q

from . import models
from .selectors import has_published_plan, organisation_visible_q, visible_q


@rules.predicate
def place_has_published_plan(user, place) -> bool:
    return place is not None and has_published_plan(place)


def _visible(model_name: str, q=visible_q):
    return predicate_from_q(lambda: getattr(models, model_name), q, name=f"taskforce_{model_name.lower()}_visible")


can_view_taskforce = is_network_staff | is_place_member
can_change_taskforce = is_network_staff | is_place_officer

rules.add_perm("taskforce.view_taskforce", can_view_taskforce)
rules.add_perm("taskforce.change_taskforce", can_change_taskforce)
rules.add_perm("taskforce.view_lived_experience", is_network_staff | is_place_officer)
rules.add_perm("taskforce.export_taskforce", is_network_staff | is_place_officer)
rules.add_perm("taskforce.view_network_coverage", is_network_staff)
rules.add_perm("taskforce.view_public_organisations", can_view_taskforce | place_has_published_plan)
rules.add_perm("taskforce.view_organisation", _visible("Organisation", organisation_visible_q))
rules.add_perm("taskforce.view_taskforcemember", _visible("TaskforceMember"))
rules.add_perm("taskforce.view_meeting", _visible("Meeting"))
