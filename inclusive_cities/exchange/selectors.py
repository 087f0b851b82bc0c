"""Reads for peer learning, scoped by who is asking. Each visibility rule is written once as a `*_q(user)`."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.network.models import Membership, Place, Programme

from .models import (
    ActionArising,
    Barrier,
    Convening,
    ConveningOutput,
    ConveningPlace,
    LearningPoint,
    LearningReport,
    Partnership,
    Position,
    Post,
    ReportState,
    Survey,
    SurveyState,
    Thread,
)

# Who counts as a member of a programme's safe space: the officers and senior sponsors of its member places
# (taskforce partners are outside organisations, so they are not).
MEMBER_ROLES = (PlaceRole.OFFICER, PlaceRole.SPONSOR)


def active_memberships() -> QuerySet[Membership]:
    """Memberships of places still in a cohort (no leaving year and no recorded exit)."""
    return Membership.objects.filter(left_year__isnull=True, left_note="")


def programme_ids_of(user) -> set[int]:
    """The programmes whose member places the user is an officer or sponsor of."""
    place_ids = roles_of(user).place_ids(*MEMBER_ROLES)
    if not place_ids:
        return set()
    return set(active_memberships().filter(place_id__in=place_ids).values_list("cohort__programme_id", flat=True))


def cohort_ids_of(user) -> set[int]:
    place_ids = roles_of(user).place_ids(*MEMBER_ROLES)
    if not place_ids:
        return set()
    return set(active_memberships().filter(place_id__in=place_ids).values_list("cohort_id", flat=True))


def in_network(user) -> bool:
    """Signed in with any role in the network (a network role or a role at a place)."""
    roles = roles_of(user)
    return bool(roles.network or roles.places)


def is_programme_member(user, programme_id: int) -> bool:
    return programme_id in programme_ids_of(user)


# --- convenings ------------------------------------------------------------------------------------------------


def convening_list(*, programme: str = "", kind: str = "", q: str = "") -> QuerySet[Convening]:
    convenings = Convening.objects.select_related("programme", "host").prefetch_related(
        Prefetch("participations", queryset=ConveningPlace.objects.select_related("place"))
    )
    if programme:
        convenings = convenings.filter(programme__code=programme)
    if kind:
        convenings = convenings.filter(kind=kind)
    q = q.strip()[:100]
    if q:
        convenings = convenings.filter(Q(title__icontains=q) | Q(location__icontains=q) | Q(host__name__icontains=q))
    return convenings.order_by("-start_date", "title")


def convening_get(pk: int) -> Convening:
    convening = Convening.objects.select_related("programme", "host").filter(pk=pk).first()
    if convening is None:
        raise Http404
    return convening


def convening_outputs(*, user, convening: Convening) -> QuerySet[ConveningOutput]:
    outputs = convening.outputs.all()
    return outputs if in_network(user) else outputs.filter(is_public=True)


def convening_learning_points(*, user, convening: Convening) -> QuerySet[LearningPoint]:
    points = convening.learning_points.prefetch_related("themes", "principles")
    return points if in_network(user) else points.filter(is_public=True)


def convening_actions(*, convening: Convening) -> QuerySet[ActionArising]:
    return convening.actions_arising.select_related("place", "plan_action__priority__plan__place")


# --- partnerships ----------------------------------------------------------------------------------------------


def partnership_q(user) -> Q:
    roles = roles_of(user)
    if roles.is_network_staff or roles.has_network("researcher"):
        return Q()
    place_ids = roles.place_ids()
    if not place_ids:
        return Q(pk__in=[])
    return Q(place_a_id__in=place_ids) | Q(place_b_id__in=place_ids)


def partnership_list(*, user) -> QuerySet[Partnership]:
    return Partnership.objects.filter(partnership_q(user)).select_related("place_a", "place_b", "programme")


def partnership_get(*, user, pk: int) -> Partnership:
    partnership = partnership_list(user=user).filter(pk=pk).first()
    if partnership is None:
        raise Http404
    return partnership


# --- discussions -----------------------------------------------------------------------------------------------


def thread_q(user) -> Q:
    """Threads of the programmes the user's places are members of (a cohort thread: that cohort's members);
    facilitators and administrators see every thread. Nobody else, researchers included."""
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    programmes = programme_ids_of(user)
    if not programmes:
        return Q(pk__in=[])
    return Q(programme_id__in=programmes) & (Q(cohort__isnull=True) | Q(cohort_id__in=cohort_ids_of(user)))


def thread_list(*, user) -> QuerySet[Thread]:
    return Thread.objects.filter(thread_q(user)).select_related("programme", "cohort", "theme")


def thread_get(*, user, pk: int) -> Thread:
    thread = thread_list(user=user).filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def thread_posts(*, user, thread: Thread) -> list[Post]:
    """Posts as this viewer may see them: hidden posts only for moderators; a Chatham House post keeps its
    author's name and place only for the thread's own members (and moderators)."""
    roles = roles_of(user)
    posts = list(thread.posts.select_related("author", "place"))
    moderator = roles.is_network_staff
    member = moderator or thread.programme_id in programme_ids_of(user)
    shown = []
    for post in posts:
        if post.is_hidden and not moderator:
            continue
        post.show_author = member or not post.chatham_house
        shown.append(post)
    return shown


def post_get(*, user, pk: int) -> Post:
    post = Post.objects.filter(thread__in=thread_list(user=user), pk=pk).select_related("thread").first()
    if post is None:
        raise Http404
    return post


def open_reports():
    """Posts members reported that no moderator has dealt with yet (for facilitators)."""
    from .models import Report

    return Report.objects.filter(resolved=False).select_related("post__thread").order_by("-created_at")


# --- surveys ---------------------------------------------------------------------------------------------------


def survey_list() -> QuerySet[Survey]:
    return Survey.objects.select_related("programme", "cohort")


def survey_get(pk: int) -> Survey:
    survey = survey_list().filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def survey_structure(survey: Survey):
    return list(survey.sections.prefetch_related("questions"))


def may_answer(user, survey: Survey) -> bool:
    """Officers and sponsors of the places in the survey's programme (or cohort)."""
    place_ids = roles_of(user).place_ids(*MEMBER_ROLES)
    if not place_ids:
        return False
    members = active_memberships().filter(place_id__in=place_ids, cohort__programme_id=survey.programme_id)
    if survey.cohort_id:
        members = members.filter(cohort_id=survey.cohort_id)
    return members.exists()


def surveys_for(user) -> QuerySet[Survey]:
    """Facilitators and researchers: every survey; programme members: their programmes' surveys, once opened."""
    roles = roles_of(user)
    if roles.is_network_staff or roles.has_network("researcher"):
        return survey_list()
    return survey_list().filter(programme_id__in=programme_ids_of(user)).exclude(state=SurveyState.DRAFT)


def open_surveys_for(user) -> QuerySet[Survey]:
    return survey_list().filter(state=SurveyState.OPEN, programme_id__in=programme_ids_of(user))


# --- reports ---------------------------------------------------------------------------------------------------


def report_q(user) -> Q:
    if roles_of(user).is_network_staff:
        return Q()
    return Q(state=ReportState.PUBLISHED)


def report_list(*, user) -> QuerySet[LearningReport]:
    return LearningReport.objects.filter(report_q(user)).select_related("programme")


def report_get(*, user, pk: int) -> LearningReport:
    report = report_list(user=user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


# --- advocacy --------------------------------------------------------------------------------------------------


def barrier_q(user) -> Q:
    """Everyone with a role in the network sees the barriers places raise (named or not); nobody else."""
    return Q() if in_network(user) else Q(pk__in=[])


def barrier_list(*, user) -> QuerySet[Barrier]:
    return (
        Barrier.objects.filter(barrier_q(user))
        .select_related("place")
        .prefetch_related("actions__priority__plan__place")
    )


def barrier_get(*, user, pk: int) -> Barrier:
    barrier = barrier_list(user=user).filter(pk=pk).first()
    if barrier is None:
        raise Http404
    return barrier


def may_see_place_name(user, barrier: Barrier) -> bool:
    roles = roles_of(user)
    return barrier.may_be_named or roles.is_network_staff or roles.in_place(barrier.place_id)


def position_q(user) -> Q:
    if roles_of(user).is_network_staff:
        return Q()
    return Q(state=ReportState.PUBLISHED)


def position_list(*, user) -> QuerySet[Position]:
    return Position.objects.filter(position_q(user))


def position_get(*, user, pk: int) -> Position:
    position = position_list(user=user).filter(pk=pk).first()
    if position is None:
        raise Http404
    return position


def officer_places(user) -> QuerySet[Place]:
    return Place.objects.filter(pk__in=roles_of(user).place_ids(PlaceRole.OFFICER))


def programmes() -> QuerySet[Programme]:
    return Programme.objects.order_by("-start_year", "name")


# --- for the network's report for funders ---------------------------------------------------------------------------


def convenings_in(*, programme, start_year: int, end_year: int) -> list[Convening]:
    """A programme's convenings that started in the years given (public fields: the funder report shows no notes)."""
    return list(
        convening_list(programme=programme.code).filter(
            start_date__year__gte=start_year, start_date__year__lte=end_year
        )
    )


def partnership_counts(*, programme, start_year: int, end_year: int) -> dict:
    """A programme's learning partnerships proposed in the years given, by state, with the pairs."""
    pairs = (
        Partnership.objects.filter(
            programme=programme, created_at__year__gte=start_year, created_at__year__lte=end_year
        )
        .select_related("place_a", "place_b")
        .order_by("created_at")
    )
    counts = {state: 0 for state, _label in Partnership._meta.get_field("state").choices}
    for p in pairs:
        counts[p.state] += 1
    return {"counts": counts, "pairs": list(pairs)}
