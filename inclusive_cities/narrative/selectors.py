"""Reads for narratives. Published: everyone; drafts: the place's members and facilitators."""

from django.db.models import Q
from django.http import Http404

from inclusive_cities.accounts.roles import roles_of

from .models import Narrative, NarrativeStatus


def visible_q(user) -> Q:
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(status=NarrativeStatus.PUBLISHED)
    member_of = roles.place_ids()
    if member_of:
        q |= Q(place_id__in=member_of)
    return q


def narrative_for_place(*, user, place) -> Narrative | None:
    return Narrative.objects.filter(visible_q(user), place=place).first()


def narrative_get(*, user, place) -> Narrative:
    narrative = narrative_for_place(user=user, place=place)
    if narrative is None:
        raise Http404
    return narrative


def published_narratives():
    return Narrative.objects.filter(status=NarrativeStatus.PUBLISHED).select_related("place")


def delivering_actions(narrative: Narrative, *, user) -> list:
    """The plan actions that deliver the narrative, only those in plans the user may see."""
    from inclusive_cities.plans.selectors import visible_q as plan_visible_q

    return list(
        narrative.actions.filter(plan_visible_q(user, "priority__plan__")).select_related("priority__plan__place")
    )


def actions_to_link(*, place):
    """The place's plan actions a narrative may link to (every version still in use, not archived ones)."""
    from inclusive_cities.plans.models import Action, PlanStatus

    return (
        Action.objects.filter(priority__plan__place=place)
        .exclude(priority__plan__status=PlanStatus.ARCHIVED)
        .select_related("priority__plan")
        .order_by("priority__plan__version", "priority__order", "order", "pk")
    )


def method_steps(places, user) -> dict:
    """The "narrative" step for each place: done once published, in progress as a draft. One query."""
    from django.utils.translation import gettext as _

    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    status = dict(
        Narrative.objects.filter(visible_q(user), place_id__in=[p.pk for p in places]).values_list("place_id", "status")
    )
    detail_url = url_maker("narrative:detail", str)
    result = {}
    for place in places:
        url = detail_url(place.code)
        state = status.get(place.pk)
        if state == NarrativeStatus.PUBLISHED:
            result[place.pk] = [Step("narrative", DONE, _("Published."), url)]
        elif state:
            result[place.pk] = [Step("narrative", IN_PROGRESS, _("Draft."), url)]
        else:
            result[place.pk] = [Step("narrative", NOT_STARTED, _("No narrative yet."), url)]
    return result
