"""Reads for the taskforce, scoped by who is asking."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.permissions import nothing
from inclusive_cities.network.models import Place
from inclusive_cities.network.selectors import network_member_places

from .models import HARD_TO_REACH_SECTORS, Meeting, Organisation, Sector, TaskforceMember


def visible_q(user) -> Q:
    """Organisations, members and meetings a user may see: their own places', or all for network staff."""
    roles = roles_of(user)
    if roles.is_network_staff:
        return Q()
    place_ids = roles.place_ids()
    return Q(place_id__in=place_ids) if place_ids else nothing()


def published_plan_place_ids():
    """Places that have published an action plan (a subquery)."""
    from inclusive_cities.plans.models import PUBLIC_STATUSES, ActionPlan

    return ActionPlan.objects.filter(status__in=PUBLIC_STATUSES).values("place_id")


def organisation_visible_q(user) -> Q:
    """Organisations (names and sectors only) are public once the place has published an action plan."""
    if roles_of(user).is_network_staff:
        return Q()  # not `Q() | ...`: an empty Q is dropped when combined, which would narrow, not widen
    return visible_q(user) | Q(place_id__in=published_plan_place_ids())


def has_published_plan(place: Place) -> bool:
    return Place.objects.filter(pk=place.pk, pk__in=published_plan_place_ids()).exists()


def public_organisations(*, place: Place) -> QuerySet[Organisation]:
    return Organisation.objects.filter(organisation_visible_q(None), place=place).order_by("sector", "name")


def place_for_taskforce(*, user, code: str, perm: str = "taskforce.view_taskforce") -> Place:
    """The place, or 404 when the user may not see its taskforce at all (403 is the view's job for writes)."""
    place = Place.objects.filter(code=code[:32]).first()
    if place is None or not user.has_perm("taskforce.view_taskforce", place):
        raise Http404
    return place


def organisations(*, user, place: Place) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(visible_q(user), place=place)
        .annotate(member_count=Count("members"))
        .order_by("sector", "name")
    )


def organisation_get(*, user, place: Place, pk: int) -> Organisation:
    obj = Organisation.objects.filter(visible_q(user), place=place, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def members(*, user, place: Place) -> QuerySet[TaskforceMember]:
    return TaskforceMember.objects.filter(visible_q(user), place=place).select_related("organisation")


def member_get(*, user, place: Place, pk: int) -> TaskforceMember:
    obj = TaskforceMember.objects.filter(visible_q(user), place=place, pk=pk).select_related("organisation").first()
    if obj is None:
        raise Http404
    return obj


def meetings(*, user, place: Place) -> QuerySet[Meeting]:
    return Meeting.objects.filter(visible_q(user), place=place).annotate(attendee_count=Count("attendees"))


def meeting_get(*, user, place: Place, pk: int) -> Meeting:
    obj = Meeting.objects.filter(visible_q(user), place=place, pk=pk).prefetch_related("attendees").first()
    if obj is None:
        raise Http404
    return obj


def linkable_actions(*, place: Place):
    """Actions in the place's plans that a meeting may link to: drafts and in-review versions, and the current
    published one (older, replaced versions are left out)."""
    from inclusive_cities.plans.models import Action, PlanStatus

    return (
        Action.objects.filter(priority__plan__place=place)
        .exclude(priority__plan__status=PlanStatus.ARCHIVED)
        .select_related("priority__plan")
        .order_by("-priority__plan__version", "priority__order", "order", "title")
    )


def meeting_linked_actions(*, user, meeting: Meeting):
    """The plan actions linked to a meeting that this user may see (plans decide who sees a plan)."""
    from inclusive_cities.plans.selectors import visible_q as plan_visible_q

    return meeting.linked_actions.filter(plan_visible_q(user, "priority__plan__")).select_related(
        "priority__plan", "priority__plan__place"
    )


LIVED_EXPERIENCE_LABEL = gettext_lazy("Lived experience of the migration system")


@dataclass
class Coverage:
    place: Place
    counts: dict[str, int]  # sector value -> number of organisations
    lived_experience: int | None  # None when the viewer may not know

    @property
    def rows(self) -> list[tuple[str, str, int, bool]]:
        """(sector value, label, count, hard to reach) for every sector in the fixed list."""
        return [(s.value, s.label, self.counts.get(s.value, 0), s in HARD_TO_REACH_SECTORS) for s in Sector]

    @property
    def covered(self) -> list[str]:
        return [label for value, label, count, _hard in self.rows if count]

    @property
    def missing(self) -> list[str]:
        return [label for value, label, count, _hard in self.rows if not count]

    @property
    def hard_gaps(self) -> list[str]:
        """The hardest to bring in that are still missing: business and new communities (sectors), and people with
        lived experience of the migration system (members), one rule for every place. Lived experience is left out
        only when the viewer may not know it (None), never read as covered when the count is 0."""
        gaps = [label for value, label, count, hard in self.rows if hard and not count]
        if self.lived_experience == 0:
            gaps.append(str(LIVED_EXPERIENCE_LABEL))
        return gaps

    @property
    def other_gaps(self) -> list[str]:
        return [label for value, label, count, hard in self.rows if not hard and not count]

    @property
    def organisation_count(self) -> int:
        return sum(self.counts.values())


def coverage(*, user, place: Place) -> Coverage:
    counts = dict(
        Organisation.objects.filter(visible_q(user), place=place)
        .values_list("sector")
        .annotate(n=Count("pk"))
        .values_list("sector", "n")
    )
    lived = None
    if user.has_perm("taskforce.view_lived_experience", place):
        lived = TaskforceMember.objects.filter(place=place, lived_experience=True).count()
    return Coverage(place=place, counts=counts, lived_experience=lived)


def network_coverage(*, user) -> list[Coverage]:
    """Every programme place and every place with a taskforce, with its sector coverage (network staff only)."""
    if not user.has_perm("taskforce.view_network_coverage"):
        return []
    counts: dict[int, dict[str, int]] = {}
    for place_id, sector, n in (
        Organisation.objects.filter(visible_q(user)).values_list("place_id", "sector").annotate(n=Count("pk"))
    ):
        counts.setdefault(place_id, {})[sector] = n
    lived = dict(
        TaskforceMember.objects.filter(visible_q(user), lived_experience=True)
        .values_list("place_id")
        .annotate(n=Count("pk"))
        .values_list("place_id", "n")
    )
    member_places = set(TaskforceMember.objects.filter(visible_q(user)).values_list("place_id", flat=True))
    # Every place in a programme now, with or without a taskforce yet (an empty taskforce is the biggest gap).
    in_programme = set(network_member_places().values_list("pk", flat=True))
    places = Place.objects.filter(pk__in=set(counts) | member_places | in_programme).order_by("name")
    return [Coverage(place=p, counts=counts.get(p.pk, {}), lived_experience=lived.get(p.pk, 0)) for p in places]


def method_steps(places, user) -> dict:
    """The "taskforce formed" step for each place, by its sector coverage (the `Coverage.hard_gaps` rule): done
    when it has members or organisations and none of the hardest to bring in is missing; in progress when it has
    begun; not started when empty. Bulk: three queries whatever the number of places."""
    from django.utils.translation import gettext as _

    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    ids = [p.pk for p in places]
    counts: dict[int, dict[str, int]] = {}
    for place_id, sector, n in (
        Organisation.objects.filter(visible_q(user), place_id__in=ids)
        .values_list("place_id", "sector")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(place_id, {})[sector] = n
    members_by_place: dict[int, tuple[int, int]] = {}
    for place_id, n, lived in (
        TaskforceMember.objects.filter(visible_q(user), place_id__in=ids)
        .values_list("place_id")
        .annotate(n=Count("pk"), lived=Count("pk", filter=Q(lived_experience=True)))
        .order_by()
        .values_list("place_id", "n", "lived")
    ):
        members_by_place[place_id] = (n, lived)
    coverage_url = url_maker("taskforce:coverage", str)
    result = {}
    for place in places:
        n_members, lived = members_by_place.get(place.pk, (0, 0))
        may_know = user.has_perm("taskforce.view_lived_experience", place)
        cov = Coverage(place=place, counts=counts.get(place.pk, {}), lived_experience=lived if may_know else None)
        url = coverage_url(place.code)
        if not cov.organisation_count and not n_members:
            result[place.pk] = [Step("taskforce", NOT_STARTED, _("No organisations or members yet."), url)]
            continue
        detail = _("%(orgs)s organisations in %(sectors)s of %(all)s sectors, %(members)s members.") % {
            "orgs": cov.organisation_count,
            "sectors": len(cov.covered),
            "all": len(Sector),
            "members": n_members,
        }
        gaps = cov.hard_gaps
        step = Step("taskforce", IN_PROGRESS if gaps else DONE, detail, url)
        if gaps:
            missing = _("Still missing among the hardest to bring in: %(gaps)s.") % {
                "gaps": ", ".join(str(g) for g in gaps)
            }
            step.detail += " " + missing
            step.alerts.append(("hard_gaps", missing))
        result[place.pk] = [step]
    return result
