"""Reads for evaluations. Visibility is written once here (`visible_q`) and used by lists, pages, rules and the API."""

from django.db.models import Q, QuerySet

from inclusive_cities.accounts.roles import roles_of

from .models import Evaluation, Result, ResultStatus, Visibility


def visible_q(user) -> Q:
    """Public evaluations: everyone. Network ones: researchers and members of any place. Private ones: their author,
    the responsible place's members. Facilitators and administrators: all."""
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    q = Q(visibility=Visibility.PUBLIC)
    if user is None or not user.is_authenticated:
        return q
    member_of = roles.place_ids()
    if roles.has_network("researcher") or member_of:
        q |= Q(visibility=Visibility.NETWORK)
    q |= Q(created_by=user)
    if member_of:
        q |= Q(place_id__in=member_of)
    return q


def evaluation_list(*, user, q: str = "", design: str = "") -> QuerySet[Evaluation]:
    qs = (
        Evaluation.objects.filter(visible_q(user))
        .select_related("indicator", "place")
        .prefetch_related("treated__place")
    )
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(question__icontains=q))
    if design:
        qs = qs.filter(design=design)
    return qs.distinct()


def latest_result(evaluation: Evaluation) -> Result | None:
    return evaluation.results.order_by("-created_at").first()


def public_results_for_action(action) -> list[tuple[Evaluation, Result]]:
    """Finished results of public evaluations of an action, for the public plan page."""
    out = []
    for evaluation in Evaluation.objects.filter(action=action, visibility=Visibility.PUBLIC):
        result = evaluation.results.filter(status=ResultStatus.DONE).first()
        if result:
            out.append((evaluation, result))
    return out


def results_for_action(action, *, user) -> list[tuple[Evaluation, Result | None]]:
    return [(e, latest_result(e)) for e in Evaluation.objects.filter(visible_q(user), action=action)]


def public_results_for_plan(plan) -> list[tuple[Evaluation, Result]]:
    out = []
    evaluations = Evaluation.objects.filter(action__priority__plan=plan, visibility=Visibility.PUBLIC).select_related(
        "action"
    )
    for evaluation in evaluations:
        result = evaluation.results.filter(status=ResultStatus.DONE).first()
        if result:
            out.append((evaluation, result))
    return out
