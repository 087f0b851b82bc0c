"""Who may see and change a place's taskforce.

- The taskforce (organisations, members without the lived-experience flag, meetings, coverage) is seen by the
  place's members (officer, sponsor, partner) and network staff. It is not public: a taskforce lists named
  people, and publishing it would couple this app to plan publication; a published plan names its lead and
  partner organisations itself.
- Whether a member brings lived experience of the migration system is seen only by the place's officers and
  network staff (facilitators; administrators), the same people who may read the place's audit history.
- Writes: the place's officers and network staff.
"""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_place_member, is_place_officer
from inclusive_cities.core.permissions import predicate_from_q

from . import models
from .selectors import visible_q


def _visible(model_name: str):
    return predicate_from_q(
        lambda: getattr(models, model_name), visible_q, name=f"taskforce_{model_name.lower()}_visible"
    )


can_view_taskforce = is_network_staff | is_place_member
can_change_taskforce = is_network_staff | is_place_officer

rules.add_perm("taskforce.view_taskforce", can_view_taskforce)
rules.add_perm("taskforce.change_taskforce", can_change_taskforce)
rules.add_perm("taskforce.view_lived_experience", is_network_staff | is_place_officer)
rules.add_perm("taskforce.export_taskforce", is_network_staff | is_place_officer)
rules.add_perm("taskforce.view_network_coverage", is_network_staff)
rules.add_perm("taskforce.view_organisation", _visible("Organisation"))
rules.add_perm("taskforce.view_taskforcemember", _visible("TaskforceMember"))
rules.add_perm("taskforce.view_meeting", _visible("Meeting"))
