"""Views for a place's baseline. Thin: look up (404 if hidden), check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inclusive_cities.core import spreadsheet
from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.framework.selectors import framework_current

from . import selectors, services
from .forms import ActivityForm


def _place(request, code: str, *, perm: str | None = None):
    place = selectors.place_for_baseline(user=request.user, code=code)
    if perm and not request.user.has_perm(perm, place):
        raise PermissionDenied
    return place


def _context(request, place, **extra):
    return {
        "place": place,
        "can_change": request.user.has_perm("baseline.change_baseline", place),
        "can_export": request.user.has_perm("baseline.export_baseline", place),
        **extra,
    }


@login_required
def baseline_home(request, code: str):
    place = _place(request, code)
    activities = selectors.baseline_for_place(place=place, user=request.user)
    grid = selectors.baseline_grid(activities=activities)
    # Filter the list from a grid cell: ?theme=T1&principle=P2 (codes in the current framework).
    theme_code = request.GET.get("theme", "")[:10].upper()
    principle_code = request.GET.get("principle", "")[:10].upper()
    problems = []
    theme = next((t for t in grid.themes if t.code == theme_code), None)
    principle = next((p for p in grid.principles if p.code == principle_code), None)
    if theme_code and theme is None:
        problems.append(_("There is no theme “%(code)s” in the framework.") % {"code": theme_code})
    if principle_code and principle is None:
        problems.append(_("There is no principle “%(code)s” in the framework.") % {"code": principle_code})
    shown = activities
    if theme:
        shown = shown.filter(themes=theme)
    if principle:
        shown = shown.filter(principles=principle)
    return render(
        request,
        "baseline/baseline_home.html",
        _context(
            request,
            place,
            grid=grid,
            page_obj=Paginator(shown.distinct(), 50).get_page(request.GET.get("page")),
            total=activities.count(),
            theme=theme,
            principle=principle,
            problems=problems,
        ),
    )


@login_required
def activity_detail(request, code: str, pk: int):
    place = _place(request, code)
    activity = selectors.activity_get(user=request.user, place=place, pk=pk)
    return render(request, "baseline/activity_detail.html", _context(request, place, activity=activity))


@login_required
@require_http_methods(["GET", "POST"])
def activity_form(request, code: str, pk: int | None = None):
    place = _place(request, code, perm="baseline.change_baseline")
    activity = selectors.activity_get(user=request.user, place=place, pk=pk) if pk else None
    form = ActivityForm(request.POST or None, instance=activity, place=place, framework=framework_current())
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if activity is None:
                activity = services.activity_create(place=place, by=request.user, **values)
            else:
                activity = services.activity_update(activity=activity, by=request.user, **values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Activity saved."))
            return redirect("baseline:activity_detail", code=place.code, pk=activity.pk)
    return render(request, "baseline/activity_form.html", _context(request, place, form=form, activity=activity))


@login_required
def export_csv(request, code: str):
    place = _place(request, code, perm="baseline.export_baseline")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="baseline-{place.code}.csv"'
    writer = spreadsheet.writer(response)
    writer.writerow(
        [
            "what",
            "lead",
            "themes",
            "principles",
            "target_groups",
            "scale",
            "people_reached",
            "funding_amount",
            "funding_source",
            "funding_status",
            "status",
            "illustrative",
            "source",
        ]
    )
    for a in selectors.baseline_for_place(place=place, user=request.user):
        writer.writerow(
            [
                a.what,
                a.lead,
                " ".join(t.code for t in a.themes.all()),
                " ".join(p.code for p in a.principles.all()),
                " ".join(g.code for g in a.target_groups.all()),
                a.scale,
                a.people_reached,
                a.funding_amount,
                a.funding_source,
                a.funding_status,
                a.status,
                a.is_illustrative,
                a.source,
            ]
        )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def activity_remove(request, code: str, pk: int):
    place = _place(request, code, perm="baseline.change_baseline")
    activity = selectors.activity_get(user=request.user, place=place, pk=pk)
    if request.method == "POST":
        services.activity_remove(activity=activity, by=request.user)
        messages.success(request, _("“%(what)s” was removed from the baseline.") % {"what": activity.what})
        return redirect("baseline:home", code=place.code)
    return render(request, "baseline/confirm_remove.html", _context(request, place, activity=activity))
