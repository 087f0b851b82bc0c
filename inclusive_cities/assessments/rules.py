"""Who may see and change self-assessments. Visibility is selectors.visible_q, written once."""

import rules

from inclusive_cities.accounts.rules import is_network_staff, is_place_officer, is_place_partner, is_place_sponsor
from inclusive_cities.core.permissions import predicate_from_q


def _assessment_model():
    from .models import Assessment

    return Assessment


def _visible_q(user):
    from .selectors import visible_q

    return visible_q(user)


can_see = predicate_from_q(_assessment_model, _visible_q, name="assessment_visible")


@rules.predicate
def is_draft(user, assessment) -> bool:
    return assessment is not None and assessment.is_draft


@rules.predicate
def is_asked_to_contribute(user, assessment) -> bool:
    return assessment is not None and assessment.contribution_requests.filter(partner_id=user.pk).exists()


# Object: a Place.
rules.add_perm("assessments.add_assessment", is_place_officer)
# Object: an Assessment.
rules.add_perm("assessments.view_assessment", can_see)
rules.add_perm("assessments.change_assessment", is_place_officer & is_draft)
rules.add_perm("assessments.confirm_assessment", is_place_sponsor & is_draft)
# "Send to the sponsor": the officers who answer tell the sponsor a draft is ready (again after changes).
rules.add_perm("assessments.send_to_sponsor", is_place_officer & is_draft)
# "Check your answers": the officers who answer and the sponsor who confirms, while a draft.
rules.add_perm("assessments.check_answers", (is_place_officer | is_place_sponsor) & is_draft)
rules.add_perm("assessments.invite_contributor", is_place_officer & is_draft)
rules.add_perm("assessments.contribute", is_place_partner & is_draft & is_asked_to_contribute)
rules.add_perm("assessments.make_priority", is_place_officer)
# No object: the network view of coverage and trends.
rules.add_perm("assessments.view_network", is_network_staff)
