"""Who may see and do what with a consultation.

- See the consultation page: anyone from the day it opens; before, the place's members and network staff
  (`selectors.visible_q`).
- Answer: anyone, signed in or not, while it is open (dates, and the plan still in review); checked by the service.
- Open a consultation on a plan, edit it, read the results, moderate comments, record "you said, we did": those who
  may write the plan (the place's officers and administrators, `plans.rules.is_plan_writer`). Opening needs the plan
  to be in review: the service refuses otherwise, with a message.
"""

import rules

from inclusive_cities.core.permissions import predicate_from_q
from inclusive_cities.plans.rules import can_view_plan, is_plan_writer

from .models import Consultation
from .selectors import visible_q

can_view_consultation = predicate_from_q(lambda: Consultation, visible_q, name="consultation_visible")

rules.add_perm("consultation.view_consultation", can_view_consultation)
# On an ActionPlan.
rules.add_perm("consultation.add_consultation", can_view_plan & is_plan_writer)
# On a Consultation.
rules.add_perm("consultation.manage_consultation", can_view_consultation & is_plan_writer)
