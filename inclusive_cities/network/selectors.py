"""Reads for the network: the place directory, a place, programmes and cohorts."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from .models import Cohort, Membership, Place, Programme, ReportFile, ReportFileState

PLACE_SORTS = {"name", "-name", "code", "-code", "nation", "-nation", "region", "-region", "kind_name", "-kind_name"}


def place_search(
    *,
    q: str = "",
    nation: str = "",
    region: str = "",
    include_former: bool = False,
    include_international: bool = False,
    sort: str = "name",
) -> QuerySet[Place]:
    places = Place.objects.all()
    if not include_former:
        places = places.filter(is_current=True)
    if include_international:
        places = places.filter(Q(is_lower_tier_or_unitary=True) | Q(is_uk_local_authority=False))
    else:
        places = places.filter(is_uk_local_authority=True, is_lower_tier_or_unitary=True)
    q = q.strip()[:100]
    if q:
        places = places.filter(Q(name__icontains=q) | Q(official_name__icontains=q) | Q(code__iexact=q))
    if nation:
        places = places.filter(nation=nation)
    if region:
        places = places.filter(region=region)
    sort = sort if sort in PLACE_SORTS else "name"
    return places.order_by(sort, "name")


def place_facets() -> dict[str, list[str]]:
    base = Place.objects.filter(is_uk_local_authority=True)
    return {
        "nations": sorted(set(base.exclude(nation="").values_list("nation", flat=True))),
        "regions": sorted(set(base.exclude(region="").values_list("region", flat=True))),
    }


def place_get(code: str) -> Place:
    place = Place.objects.filter(code=code.strip().upper()[:32]).first()
    if place is None:
        raise Http404(_("No place has the code “%(code)s”.") % {"code": code[:32]})
    return place


def place_memberships(*, place: Place) -> QuerySet[Membership]:
    return place.memberships.select_related("cohort__programme").order_by("cohort__start_year")


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.annotate(member_count=Count("cohorts__memberships")).order_by("-start_year")


def programme_get(code: str) -> Programme:
    programme = Programme.objects.filter(code=code).first()
    if programme is None:
        raise Http404(_("No programme has the code “%(code)s”.") % {"code": code[:60]})
    return programme


def cohort_get(code: str) -> Cohort:
    cohort = Cohort.objects.select_related("programme").filter(code=code).first()
    if cohort is None:
        raise Http404(_("No cohort has the code “%(code)s”.") % {"code": code[:60]})
    return cohort


def cohort_memberships(*, cohort: Cohort) -> QuerySet[Membership]:
    return cohort.memberships.select_related("place").order_by("kind", "place__name")


def network_member_places() -> QuerySet[Place]:
    """The places the network's facilitators follow now: members of a cohort of a programme that is still
    running, unless they have left it (a leaving year or a recorded exit, such as Peterborough's)."""
    running = Membership.objects.filter(cohort__programme__end_year__isnull=True)
    left = running.filter(Q(left_year__isnull=False) | ~Q(left_note=""))
    return Place.objects.filter(pk__in=running.values("place_id")).exclude(pk__in=left.values("place_id"))


def cohort_people(*, cohort: Cohort) -> dict[int, list]:
    """The officers and sponsors each member place has on the platform (from its role assignments), so a newly
    invited council's officer and sponsor show on its membership as soon as they accept."""
    from inclusive_cities.accounts.models import PlaceRoleAssignment

    people: dict[int, list] = {}
    rows = (
        PlaceRoleAssignment.objects.filter(place__memberships__cohort=cohort, role__in=["officer", "sponsor"])
        .select_related("user")
        .order_by("role", "user__email")
    )
    for assignment in rows:
        people.setdefault(assignment.place_id, []).append(assignment)
    return people


# Every page across the network, in one list, so /network/ (reached from the menu) links to each one the user may
# read. A page whose app is not installed yet is skipped. TODO(lead): `home:network_dashboard` is the URL name
# agreed for the facilitators' dashboard engineer `home` builds; it shows here once that app routes it.
NETWORK_PAGES = [
    (
        "home:network_dashboard",
        "network.view_funder_report",
        _l("Network dashboard"),
        _l("every member place by stage of the method, with alerts"),
    ),
    (
        "plans:index",
        "plans.view_network",
        _l("Plans across the network"),
        _l("each place’s plan, its status and monitoring"),
    ),
    (
        "taskforce:network_coverage",
        "taskforce.view_network_coverage",
        _l("Taskforce coverage"),
        _l("which sectors each place’s taskforce reaches"),
    ),
    (
        "assessments:network",
        "assessments.view_network",
        _l("Self-assessment across the network"),
        _l("coverage, trend and comparison across framework versions"),
    ),
    (
        "network:funder_report",
        "network.view_funder_report",
        _l("Report for funders and boards"),
        _l("a programme’s figures for a period, as a page, PDF and CSV"),
    ),
]


def network_pages(user) -> list[dict]:
    from django.urls import NoReverseMatch, reverse

    pages = []
    for name, perm, label, about in NETWORK_PAGES:
        if not user.has_perm(perm):
            continue
        try:
            pages.append({"url": reverse(name), "label": label, "about": about})
        except NoReverseMatch:
            continue
    return pages


def method_steps(places, user) -> dict:
    """The "commitment" step for each place: a senior sponsor and an operational contact recorded, either on the
    place's programme membership (the sponsor's role, operational leads) or as people with those roles on the
    platform. Done with both, in progress with one. Two queries whatever the number of places."""

    from inclusive_cities.accounts.models import PlaceRole, PlaceRoleAssignment
    from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED, Step, url_maker

    ids = [p.pk for p in places]
    sponsor: set[int] = set()
    contact: set[int] = set()
    for place_id, sponsor_role, leads in Membership.objects.filter(place_id__in=ids).values_list(
        "place_id", "sponsor_role", "operational_leads"
    ):
        if sponsor_role:
            sponsor.add(place_id)
        if leads:
            contact.add(place_id)
    for place_id, role in PlaceRoleAssignment.objects.filter(
        place_id__in=ids, role__in=(PlaceRole.SPONSOR, PlaceRole.OFFICER)
    ).values_list("place_id", "role"):
        (sponsor if role == PlaceRole.SPONSOR else contact).add(place_id)
    place_url = url_maker("network:place_detail", str)
    result = {}
    for place in places:
        has_sponsor, has_contact = place.pk in sponsor, place.pk in contact
        url = place_url(place.code)
        if has_sponsor and has_contact:
            step = Step("commitment", DONE, _("Senior sponsor and operational contact recorded."), url)
        elif has_sponsor or has_contact:
            missing = _("an operational contact") if has_sponsor else _("a senior sponsor")
            step = Step("commitment", IN_PROGRESS, _("Still to record: %(what)s.") % {"what": missing}, url)
        else:
            step = Step("commitment", NOT_STARTED, _("No senior sponsor or operational contact recorded."), url)
        result[place.pk] = [step]
    return result


@dataclass
class ReportPdfStatus:
    """Where the PDF of the report for funders stands for one programme, period and language.

    `ready`: the latest prepared file (None when there is none, or its file is gone); `current`: nothing was written
    since it was prepared; `pending`: the request waiting for or being prepared by the worker; `failed`: the latest
    request, when it failed and no file was prepared after it."""

    ready: ReportFile | None = None
    current: bool = False
    pending: ReportFile | None = None
    failed: ReportFile | None = None

    @property
    def stalled(self) -> bool:
        return self.pending is not None and self.pending.is_stalled

    @property
    def can_prepare(self) -> bool:
        """Offer to prepare it unless the file is up to date or on its way."""
        return not self.current and (self.pending is None or self.stalled)


def report_pdf_status(*, programme: Programme, start_year: int, end_year: int, language: str) -> ReportPdfStatus:
    from inclusive_cities.core.pagecache import content_version

    files = ReportFile.objects.filter(
        programme=programme, start_year=start_year, end_year=end_year, language=language
    ).select_related("programme")
    status = ReportPdfStatus()
    ready = files.filter(state=ReportFileState.READY).order_by("-finished_at", "-pk").first()
    if ready is not None and ready.file and ready.file.storage.exists(ready.file.name):
        status.ready = ready
        status.current = ready.content_version == content_version()
    status.pending = files.filter(state__in=ReportFile.PENDING).first()
    latest = files.first()
    if latest is not None and latest.state == ReportFileState.FAILED:
        if status.ready is None or status.ready.requested_at < latest.requested_at:
            status.failed = latest
    return status
