"""Who may see and change a place's narrative. Visibility is selectors.visible_q, written once."""

import rules

from inclusive_cities.accounts.rules import is_place_officer
from inclusive_cities.core.permissions import predicate_from_q


def _model():
    from .models import Narrative

    return Narrative


def _visible_q(user):
    from .selectors import visible_q

    return visible_q(user)


rules.add_perm("narrative.view_narrative", predicate_from_q(_model, _visible_q, name="narrative_visible"))
# Object: the Place (to start one) or the Narrative.
rules.add_perm("narrative.change_narrative", is_place_officer)
rules.add_perm("narrative.publish_narrative", is_place_officer)
