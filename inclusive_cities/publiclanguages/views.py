"""Views for newcomers' languages. Thin: look up (404 when the user may not know it exists), check the permission,
call a service, render. The translated pages are public (and cached for anonymous visitors like any public page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.network.selectors import place_get

from . import selectors, services
from .forms import LanguagesForm, NarrativeTranslationForm, PlanTranslationForm
from .languages import LANGUAGES
from .models import NarrativeTranslation, PlanTranslation


def _managed_place(request, code: str):
    place = place_get(code)
    if not request.user.has_perm("publiclanguages.manage", place):
        raise PermissionDenied
    return place


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, code: str):
    place = _managed_place(request, code)
    offered = [language.code for language in selectors.offered_languages(place)]
    form = LanguagesForm(request.POST or None, initial={"codes": offered})
    if request.method == "POST" and form.is_valid():
        try:
            services.languages_set(place=place, by=request.user, codes=form.cleaned_data["codes"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The place’s languages are saved."))
            return redirect("publiclanguages:manage", place.code)
    chosen = set(form["codes"].value() or [])
    return render(
        request,
        "publiclanguages/manage.html",
        {
            "place": place,
            "form": form,
            "choices": [(language, language.code in chosen) for language in LANGUAGES],
            **selectors.place_overview(place),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_translation_edit(request, code: str, lang: str, pk: int):
    place = _managed_place(request, code)
    language = selectors.offered_language(place, lang)
    plan = next((p for p in selectors.published_plans(place) if p.pk == pk), None)
    if plan is None:
        raise Http404
    source = selectors.plan_source(plan)
    existing = PlanTranslation.objects.filter(place=place, line=plan.line, code=language.code).first()
    form = PlanTranslationForm(
        request.POST or None,
        language=language,
        source=source,
        initial=PlanTranslationForm.initial_from(existing, source),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_translation_save(plan=plan, code=language.code, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("publiclanguages:manage", place.code)
    return render(
        request,
        "publiclanguages/translation_form.html",
        {
            "place": place,
            "language": language,
            "form": form,
            "what": _("the summary of “%(plan)s” (version %(v)s)") % {"plan": source["title"], "v": plan.version},
            "existing": existing,
            "out_of_date": existing is not None and selectors.plan_is_out_of_date(existing, plan),
            "original_url": plan.get_absolute_url(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def narrative_translation_edit(request, code: str, lang: str):
    place = _managed_place(request, code)
    language = selectors.offered_language(place, lang)
    from inclusive_cities.narrative.models import Narrative

    narrative = Narrative.objects.filter(place=place).first()
    if narrative is None or not narrative.is_published:
        raise Http404
    source = selectors.narrative_source(narrative)
    existing = NarrativeTranslation.objects.filter(narrative=narrative, code=language.code).first()
    form = NarrativeTranslationForm(
        request.POST or None,
        language=language,
        source=source,
        initial=NarrativeTranslationForm.initial_from(existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.narrative_translation_save(
                narrative=narrative, code=language.code, by=request.user, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Translation saved."))
            return redirect("publiclanguages:manage", place.code)
    return render(
        request,
        "publiclanguages/translation_form.html",
        {
            "place": place,
            "language": language,
            "form": form,
            "what": _("the narrative of inclusion"),
            "existing": existing,
            "out_of_date": existing is not None and selectors.narrative_is_out_of_date(existing, narrative),
            "original_url": narrative.get_absolute_url(),
        },
    )


def _others(shown: dict, current: str):
    return [t for code, t in shown.items() if code != current]


def plan_page(request, code: str, pk: int, lang: str):
    place = place_get(code)
    plan, language, found = selectors.plan_translation_page(user=request.user, place=place, pk=pk, code=lang)
    return render(
        request,
        "publiclanguages/plan_page.html",
        {
            "place": place,
            "plan": plan,
            "language": language,
            "translation": found,
            "out_of_date": selectors.plan_is_out_of_date(found, plan),
            "translated_version": found.plan,
            "others": _others(selectors.plan_translations_shown(plan), lang),
            "can_manage": request.user.has_perm("publiclanguages.manage", place),
            "can_see_history": request.user.has_perm("core.view_history", found),
        },
    )


def narrative_page(request, code: str, lang: str):
    place = place_get(code)
    narrative, language, found = selectors.narrative_translation_page(user=request.user, place=place, code=lang)
    return render(
        request,
        "publiclanguages/narrative_page.html",
        {
            "place": place,
            "narrative": narrative,
            "language": language,
            "translation": found,
            "out_of_date": selectors.narrative_is_out_of_date(found, narrative),
            "others": _others(selectors.narrative_translations_shown(narrative), lang),
            "can_manage": request.user.has_perm("publiclanguages.manage", place),
            "can_see_history": request.user.has_perm("core.view_history", found),
        },
    )
