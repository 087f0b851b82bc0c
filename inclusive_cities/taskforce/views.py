"""Views for a place's taskforce. Thin: look up (404 if the place's taskforce is hidden), check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inclusive_cities.core import spreadsheet
from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.network.models import Place

from . import selectors, services
from .forms import MeetingForm, MemberForm, OrganisationForm


def _place(request, code: str, *, write: bool = False):
    place = selectors.place_for_taskforce(user=request.user, code=code)
    if write and not request.user.has_perm("taskforce.change_taskforce", place):
        raise PermissionDenied
    return place


def _save(form, call) -> bool:
    """Run a service; show its ValidationError on the form instead of a half-written record."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _context(request, place, **extra):
    return {
        "place": place,
        "can_change": request.user.has_perm("taskforce.change_taskforce", place),
        "can_see_lived_experience": request.user.has_perm("taskforce.view_lived_experience", place),
        "can_export": request.user.has_perm("taskforce.export_taskforce", place),
        **extra,
    }


def taskforce_home(request, code: str):
    place = Place.objects.filter(code=code[:32]).first()
    if place is not None and not request.user.has_perm("taskforce.view_taskforce", place):
        if request.user.has_perm("taskforce.view_public_organisations", place):
            return render(
                request,
                "taskforce/taskforce_public.html",
                {"place": place, "organisations": selectors.public_organisations(place=place)},
            )
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
    place = _place(request, code)
    return render(
        request,
        "taskforce/taskforce_home.html",
        _context(
            request,
            place,
            organisations=selectors.organisations(user=request.user, place=place),
            members=selectors.members(user=request.user, place=place),
            meetings=selectors.meetings(user=request.user, place=place)[:5],
            coverage=selectors.coverage(user=request.user, place=place),
        ),
    )


@login_required
def coverage(request, code: str):
    place = _place(request, code)
    return render(
        request,
        "taskforce/coverage.html",
        _context(request, place, coverage=selectors.coverage(user=request.user, place=place)),
    )


@login_required
def network_coverage(request):
    if not request.user.has_perm("taskforce.view_network_coverage"):
        raise PermissionDenied
    return render(request, "taskforce/network_coverage.html", {"rows": selectors.network_coverage(user=request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def organisation_form(request, code: str, pk: int | None = None):
    place = _place(request, code, write=True)
    org = selectors.organisation_get(user=request.user, place=place, pk=pk) if pk else None
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if org is None:
            ok = _save(form, lambda: services.organisation_create(place=place, by=request.user, **values))
        else:
            ok = _save(form, lambda: services.organisation_update(organisation=org, by=request.user, **values))
        if ok:
            messages.success(request, _("Organisation saved."))
            return redirect("taskforce:home", code=place.code)
    return render(request, "taskforce/organisation_form.html", _context(request, place, form=form, organisation=org))


@login_required
@require_http_methods(["GET", "POST"])
def member_form(request, code: str, pk: int | None = None):
    place = _place(request, code, write=True)
    member = selectors.member_get(user=request.user, place=place, pk=pk) if pk else None
    show = request.user.has_perm("taskforce.view_lived_experience", place)
    form = MemberForm(request.POST or None, instance=member, place=place, show_lived_experience=show)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.fields}
        if member is None:
            ok = _save(form, lambda: services.member_create(place=place, by=request.user, **values))
        else:
            ok = _save(form, lambda: services.member_update(member=member, by=request.user, **values))
        if ok:
            messages.success(request, _("Taskforce member saved."))
            return redirect("taskforce:home", code=place.code)
    return render(request, "taskforce/member_form.html", _context(request, place, form=form, member=member))


@login_required
def meeting_list(request, code: str):
    place = _place(request, code)
    return render(
        request,
        "taskforce/meeting_list.html",
        _context(request, place, meetings=selectors.meetings(user=request.user, place=place)),
    )


@login_required
def meeting_detail(request, code: str, pk: int):
    place = _place(request, code)
    meeting = selectors.meeting_get(user=request.user, place=place, pk=pk)
    linked = selectors.meeting_linked_actions(user=request.user, meeting=meeting)
    return render(
        request, "taskforce/meeting_detail.html", _context(request, place, meeting=meeting, linked_actions=linked)
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_form(request, code: str, pk: int | None = None):
    place = _place(request, code, write=True)
    meeting = selectors.meeting_get(user=request.user, place=place, pk=pk) if pk else None
    form = MeetingForm(request.POST or None, instance=meeting, place=place)
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        if meeting is None:
            ok = _save(form, lambda: services.meeting_create(place=place, by=request.user, **values))
        else:
            ok = _save(form, lambda: services.meeting_update(meeting=meeting, by=request.user, **values))
        if ok:
            messages.success(request, _("Meeting saved."))
            return redirect("taskforce:meeting_list", code=place.code)
    return render(request, "taskforce/meeting_form.html", _context(request, place, form=form, meeting=meeting))


@login_required
def export_csv(request, code: str):
    place = _place(request, code)
    if not request.user.has_perm("taskforce.export_taskforce", place):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="taskforce-{place.code}.csv"'
    writer = spreadsheet.writer(response)
    lived = request.user.has_perm("taskforce.view_lived_experience", place)
    header = ["record", "name", "organisation", "sector", "role", "email", "website", "illustrative", "source"]
    if lived:
        header += ["lived_experience", "consent_date"]
    writer.writerow(header)
    for org in selectors.organisations(user=request.user, place=place):
        row = ["organisation", org.name, "", org.sector, "", "", org.website, org.is_illustrative, org.source]
        writer.writerow(list(row) + (["", ""] if lived else []))
    for m in selectors.members(user=request.user, place=place):
        row = [
            "member",
            m.person_name,
            m.organisation.name if m.organisation_id else "",
            m.organisation.sector if m.organisation_id else "",
            m.role,
            m.email,
            "",
            m.is_illustrative,
            m.source,
        ]
        extra = [m.lived_experience, m.lived_experience_consent_date or ""] if lived else []
        writer.writerow(list(row) + extra)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def member_remove(request, code: str, pk: int):
    place = _place(request, code, write=True)
    member = selectors.member_get(user=request.user, place=place, pk=pk)
    if request.method == "POST":
        services.member_remove(member=member, by=request.user)
        messages.success(request, _("%(name)s was removed from the taskforce.") % {"name": member.person_name})
        return redirect("taskforce:home", code=place.code)
    return render(
        request,
        "taskforce/confirm_remove.html",
        _context(
            request,
            place,
            thing=member.person_name,
            warning=_("Their record, including its history of changes, is erased. This cannot be undone."),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_remove(request, code: str, pk: int):
    place = _place(request, code, write=True)
    org = selectors.organisation_get(user=request.user, place=place, pk=pk)
    problem = ""
    if request.method == "POST":
        try:
            services.organisation_remove(organisation=org, by=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, _("%(name)s was removed from the taskforce.") % {"name": org.name})
            return redirect("taskforce:home", code=place.code)
    return render(
        request,
        "taskforce/confirm_remove.html",
        _context(request, place, thing=org.name, problem=problem, warning=""),
        status=400 if problem else 200,
    )
