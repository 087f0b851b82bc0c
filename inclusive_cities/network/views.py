"""Views for places, programmes and cohorts. Thin: look up, check, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inclusive_cities.accounts.selectors import place_people
from inclusive_cities.core.hooks import place_sections
from inclusive_cities.core.permissions import require

from . import selectors, services
from .forms import MembershipForm, PlaceSearchForm
from .models import Membership


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
        },
    )


def programme_list(request):
    return render(request, "network/programme_list.html", {"programmes": selectors.programme_list()})


def programme_detail(request, code: str):
    programme = selectors.programme_get(code)
    return render(
        request,
        "network/programme_detail.html",
        {"programme": programme, "cohorts": programme.cohorts.all(), "working_groups": programme.working_groups.all()},
    )


def cohort_detail(request, code: str):
    cohort = selectors.cohort_get(code)
    return render(
        request,
        "network/cohort_detail.html",
        {
            "cohort": cohort,
            "memberships": selectors.cohort_memberships(cohort=cohort),
            "can_edit": request.user.has_perm("network.change_membership"),
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
