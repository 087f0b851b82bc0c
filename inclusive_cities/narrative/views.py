"""Views for a place's narrative. Thin: look up (404 when not visible), check the permission, call a service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.network.selectors import place_get

from . import selectors, services
from .forms import NarrativeForm


def narrative_detail(request, code: str):
    place = place_get(code)
    narrative = selectors.narrative_for_place(user=request.user, place=place)
    can_change = request.user.has_perm("narrative.change_narrative", place)
    if narrative is None and not can_change:
        raise Http404(_("%(place)s has not published a narrative of inclusion.") % {"place": place.name})
    return render(
        request,
        "narrative/narrative_detail.html",
        {
            "place": place,
            "narrative": narrative,
            "can_change": can_change,
            "actions": selectors.delivering_actions(narrative, user=request.user) if narrative else [],
            "can_see_history": narrative is not None and request.user.has_perm("core.view_history", narrative),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def narrative_edit(request, code: str):
    place = place_get(code)
    if not request.user.has_perm("narrative.change_narrative", place):
        raise PermissionDenied
    narrative = selectors.narrative_for_place(user=request.user, place=place)
    form = NarrativeForm(
        request.POST or None,
        initial=NarrativeForm.initial_from(narrative),
        actions=selectors.actions_to_link(place=place),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.narrative_save(place=place, by=request.user, is_illustrative=False, **form.service_kwargs())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Narrative saved."))
            return redirect("narrative:detail", place.code)
    return render(request, "narrative/narrative_form.html", {"place": place, "narrative": narrative, "form": form})


@login_required
@require_POST
def narrative_publish(request, code: str):
    place = place_get(code)
    narrative = selectors.narrative_get(user=request.user, place=place)
    if not request.user.has_perm("narrative.publish_narrative", narrative):
        raise PermissionDenied
    publish = request.POST.get("action") != "unpublish"
    try:
        services.narrative_publish(narrative=narrative, by=request.user, publish=publish)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Narrative published.") if publish else _("Narrative back to draft."))
    return redirect("narrative:detail", place.code)
