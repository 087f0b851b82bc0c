"""Reads for consultations, scoped by who is asking.

Visibility, written once: anyone may see a consultation from the day it opens (it is a public invitation to
answer, so the priorities it asks about become public then); before that, the place's members and network staff.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from inclusive_cities.accounts.roles import roles_of

from .models import Consultation, ConsultationPriority, Outcome


def visible_q(user, prefix: str = "") -> Q:
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(**{f"{prefix}opens_on__lte": timezone.localdate()})
    place_ids = roles.place_ids()
    if place_ids:
        q |= Q(**{f"{prefix}plan__place_id__in": place_ids})
    return q


def consultation_get(*, user, place, pk: int) -> Consultation:
    consultation = (
        Consultation.objects.filter(visible_q(user), plan__place=place, pk=pk).select_related("plan__place").first()
    )
    if consultation is None:
        raise Http404
    return consultation


def for_place(*, user, place) -> QuerySet[Consultation]:
    return Consultation.objects.filter(visible_q(user), plan__place=place).select_related("plan")


def questions(consultation: Consultation) -> list[ConsultationPriority]:
    return list(consultation.questions.select_related("priority"))


def outcomes(consultation: Consultation) -> list[Outcome]:
    return list(consultation.outcomes.select_related("priority").exclude(we_did=""))


def published_outcomes_for_plan(plan) -> list[Outcome]:
    """The "you said, we did" record shown on a published plan: none before publication."""
    from inclusive_cities.plans.models import PUBLIC_STATUSES

    if plan.status not in PUBLIC_STATUSES:
        return []
    return list(Outcome.objects.filter(consultation__plan=plan).exclude(we_did="").select_related("priority"))


def tasks_for(user) -> list:
    """Residents' comments waiting for moderation, for the officers of the consultation's place (they moderate them,
    `consultation.manage_consultation`), open or closed: one task per consultation, in one query."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.translation import ngettext

    from inclusive_cities.accounts.models import PlaceRole
    from inclusive_cities.core.method import Task

    from .models import Moderation

    if not user or not user.is_authenticated:
        return []
    places = roles_of(user).place_ids(PlaceRole.OFFICER)
    if not places:
        return []
    waiting = Q(responses__answers__moderation=Moderation.PENDING) & ~Q(responses__answers__text="")
    consultations = (
        Consultation.objects.filter(plan__place_id__in=places)
        .annotate(waiting=Count("responses__answers", filter=waiting))
        .filter(waiting__gt=0)
        .select_related("plan__place")
        .order_by("closes_on", "pk")
    )
    return [
        Task(
            "consultation_moderation",
            ngettext(
                "%(n)s comment waiting for moderation in “%(title)s”",
                "%(n)s comments waiting for moderation in “%(title)s”",
                c.waiting,
            )
            % {"n": c.waiting, "title": c.title},
            reverse("consultation:moderate", args=[c.plan.place.code, c.pk]),
            place=c.plan.place,
            count=c.waiting,
        )
        for c in consultations
    ]
