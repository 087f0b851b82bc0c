"""Views for places, programmes and cohorts. Thin: look up, check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inclusive_cities.accounts.selectors import place_people
from inclusive_cities.core import spreadsheet
from inclusive_cities.core.hooks import place_sections
from inclusive_cities.core.permissions import require

from . import selectors, services
from .forms import (
    MEMBER_FIELDS,
    CohortForm,
    FunderReportForm,
    MembershipAddForm,
    MembershipForm,
    MembershipLeaveForm,
    PlaceSearchForm,
)
from .models import Membership, Programme, ReportFileState


def place_list(request):
    form = PlaceSearchForm(request.GET or None, facets=selectors.place_facets())
    filters = form.cleaned_data if form.is_valid() else {}
    places = selectors.place_search(
        q=filters.get("q", ""),
        nation=filters.get("nation", ""),
        region=filters.get("region", ""),
        include_former=filters.get("include_former", False),
        sort=request.GET.get("sort", "name"),
    )
    page = Paginator(places, 50).get_page(request.GET.get("page"))
    return render(request, "network/place_list.html", {"form": form, "page_obj": page})


def place_detail(request, code: str):
    place = selectors.place_get(code)
    people = place_people(place=place) if request.user.has_perm("accounts.view_place_people", place) else None
    return render(
        request,
        "network/place_detail.html",
        {
            "place": place,
            "memberships": selectors.place_memberships(place=place),
            "people": people,
            "sections": place_sections(request, place),
            "can_invite": request.user.has_perm("accounts.invite_to_place", place),
            "can_join": request.user.has_perm("network.change_membership") and place.is_current,
        },
    )


def programme_list(request):
    return render(
        request,
        "network/programme_list.html",
        {"programmes": selectors.programme_list(), "network_pages": selectors.network_pages(request.user)},
    )


def programme_detail(request, code: str):
    programme = selectors.programme_get(code)
    return render(
        request,
        "network/programme_detail.html",
        {
            "programme": programme,
            "cohorts": programme.cohorts.all(),
            "working_groups": programme.working_groups.all(),
            "can_add_cohort": request.user.has_perm("network.add_cohort", programme),
        },
    )


def cohort_detail(request, code: str):
    cohort = selectors.cohort_get(code)
    can_edit = request.user.has_perm("network.change_membership")
    memberships = list(selectors.cohort_memberships(cohort=cohort))
    people = selectors.cohort_people(cohort=cohort) if can_edit else {}
    for membership in memberships:
        membership.people = people.get(membership.place_id, [])
    return render(
        request,
        "network/cohort_detail.html",
        {
            "cohort": cohort,
            "memberships": memberships,
            "can_edit": can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("place", "cohort"), pk=pk)
    require(request.user, "network.change_membership", membership)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        services.membership_update(
            membership=membership, by=request.user, **{f: form.cleaned_data[f] for f in form.Meta.fields}
        )
        messages.success(request, _("Membership saved."))
        return redirect(membership.cohort.get_absolute_url())
    return render(request, "network/membership_form.html", {"form": form, "membership": membership})


def _form_page(request, form, *, title: str, caption: str = "", button: str, intro: str = "", back: str = ""):
    return render(
        request,
        "network/form.html",
        {"form": form, "title": title, "caption": caption, "button": button, "intro": intro, "back": back},
    )


def _service_or_error(form, call):
    """Run a service; a rule it refuses lands on the form as a message naming the problem."""
    try:
        return call()
    except ValidationError as error:
        form.add_error(None, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request, code: str):
    programme = selectors.programme_get(code)
    require(request.user, "network.add_cohort", programme)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cohort = _service_or_error(
            form, lambda: services.cohort_create(programme=programme, by=request.user, **form.cleaned_data)
        )
        if cohort is not None:
            messages.success(
                request, _("Cohort “%(name)s” created. Now add its member places.") % {"name": cohort.name}
            )
            return redirect(cohort)
    return _form_page(
        request,
        form,
        title=_("New cohort"),
        caption=programme.name,
        button=_("Create cohort"),
        back=programme.get_absolute_url(),
    )


def _member_fields(data) -> dict:
    return {f: data[f] for f in MEMBER_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, code: str):
    cohort = selectors.cohort_get(code)
    require(request.user, "network.change_membership")
    form = MembershipAddForm(request.POST or None, choose="place")
    if request.method == "POST" and form.is_valid():
        place = form.cleaned_data["place"]
        done = _service_or_error(
            form,
            lambda: services.membership_add(
                cohort=cohort, place=place, by=request.user, **_member_fields(form.cleaned_data)
            ),
        )
        if done is not None:
            messages.success(
                request, _("%(place)s added to %(cohort)s.") % {"place": place.name, "cohort": cohort.name}
            )
            return redirect(cohort)
    return _form_page(
        request,
        form,
        title=_("Add a member place"),
        caption=str(cohort),
        button=_("Add place"),
        back=cohort.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_join(request, code: str):
    place = selectors.place_get(code)
    require(request.user, "network.change_membership")
    form = MembershipAddForm(request.POST or None, choose="cohort")
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["cohort"]
        done = _service_or_error(
            form,
            lambda: services.membership_add(
                cohort=cohort, place=place, by=request.user, **_member_fields(form.cleaned_data)
            ),
        )
        if done is not None:
            messages.success(request, _("%(place)s joined %(cohort)s.") % {"place": place.name, "cohort": cohort})
            return redirect(place)
    return _form_page(
        request,
        form,
        title=_("Join a programme"),
        caption=place.name,
        button=_("Add to cohort"),
        intro=_("Choose the cohort of a running programme this place joins."),
        back=place.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_leave(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("place", "cohort__programme"), pk=pk)
    require(request.user, "network.change_membership", membership)
    form = MembershipLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _service_or_error(
            form,
            lambda: services.membership_leave(
                membership=membership,
                by=request.user,
                left_year=form.cleaned_data["left_year"],
                reason=form.cleaned_data["reason"],
            ),
        )
        if done is not None:
            messages.success(request, _("Recorded that %(place)s left.") % {"place": membership.place.name})
            return redirect(membership.cohort)
    return _form_page(
        request,
        form,
        title=_("Record that %(place)s left") % {"place": membership.place.name},
        caption=str(membership.cohort),
        button=_("Record leaving"),
        back=membership.cohort.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_remove(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("place", "cohort__programme"), pk=pk)
    require(request.user, "network.change_membership", membership)
    if request.method == "POST":
        cohort = membership.cohort
        services.membership_remove(membership=membership, by=request.user)
        messages.success(
            request, _("%(place)s removed from %(cohort)s.") % {"place": membership.place.name, "cohort": cohort.name}
        )
        return redirect(cohort)
    return render(request, "network/membership_remove.html", {"membership": membership})


def _funder_report_form(data) -> FunderReportForm:
    """The report's form on `data` (defaults: the first running programme, its start year to this year)."""
    programme = (
        Programme.objects.filter(end_year__isnull=True).order_by("start_year").first() or Programme.objects.first()
    )
    this_year = timezone.localdate().year
    data = data.copy()
    if programme is not None:
        data.setdefault("programme", programme.code)
        data.setdefault("start_year", str(programme.start_year or this_year))
    data.setdefault("end_year", str(this_year))
    return FunderReportForm(data)


def _funder_report_params(form) -> dict:
    return {k: form.cleaned_data[k] for k in ("programme", "start_year", "end_year")}


def _funder_report_url(*, programme, start_year: int, end_year: int) -> str:
    query = urlencode({"programme": programme.code, "start_year": start_year, "end_year": end_year})
    return f"{reverse('network:funder_report')}?{query}"


def _funder_report_refused(request, form):
    return render(request, "network/funder_report.html", {"form": form, "report": None}, status=400)


@login_required
def funder_report_page(request):
    from .report import funder_report

    require(request.user, "network.view_funder_report")
    form = _funder_report_form(request.GET)
    report = pdf = None
    if form.is_valid():
        report = funder_report(**_funder_report_params(form))
        pdf = selectors.report_pdf_status(**_funder_report_params(form), language=get_language())
    return render(
        request,
        "network/funder_report.html",
        {"form": form, "report": report, "pdf": pdf, "query": request.GET.urlencode()},
    )


@login_required
def funder_report_csv(request):
    from .report import funder_report, report_csv_rows

    require(request.user, "network.view_funder_report")
    form = _funder_report_form(request.GET)
    if not form.is_valid():
        return _funder_report_refused(request, form)
    report = funder_report(**_funder_report_params(form))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"funder-report-{report.programme.code}-{report.start_year}-{report.end_year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    spreadsheet.writer(response).writerows(report_csv_rows(report))
    return response


@login_required
@require_http_methods(["POST"])
def funder_report_prepare(request):
    """Ask for the PDF: prepared in the background (at once with the immediate task backend), then back to the
    report's page, which offers the file when it is ready."""
    require(request.user, "network.view_funder_report")
    form = _funder_report_form(request.POST)
    if not form.is_valid():
        return _funder_report_refused(request, form)
    params = _funder_report_params(form)
    try:
        record = services.report_pdf_request(**params, by=request.user)
    except ValidationError as error:
        form.add_error(None, error)
        return _funder_report_refused(request, form)
    record.refresh_from_db()
    if record.state == ReportFileState.READY:
        messages.success(request, _("The PDF is ready to download."))
    elif record.state == ReportFileState.FAILED:
        messages.error(request, _("The PDF could not be prepared: %(error)s") % {"error": record.error})
    else:
        messages.info(request, _("The PDF is being prepared. Reload the page in a minute to download it."))
    return redirect(_funder_report_url(**params))


@login_required
def funder_report_pdf(request):
    """The prepared PDF for the programme and period asked, or back to the report's page while it is prepared."""
    require(request.user, "network.view_funder_report")
    form = _funder_report_form(request.GET)
    if not form.is_valid():
        return _funder_report_refused(request, form)
    params = _funder_report_params(form)
    status = selectors.report_pdf_status(**params, language=get_language())
    if status.ready is None:
        if status.pending is not None:
            messages.info(request, _("The PDF is being prepared. Reload the page in a minute to download it."))
        else:
            messages.info(request, _("The PDF has not been prepared yet: press “Prepare the PDF”."))
        return redirect(_funder_report_url(**params))
    return FileResponse(
        status.ready.file.open("rb"),
        as_attachment=True,
        filename=status.ready.download_name,
        content_type="application/pdf",
    )
