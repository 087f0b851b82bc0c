"""Views for the evidence base. Thin: look up (404 when the user may not know it exists), check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.network.models import Place

from . import selectors, services
from .forms import CaseStudyForm, PinForm, RatingForm, ReviewForm, SearchForm, principle_choices, theme_choices
from .models import EvidenceRating

PAGE_SIZE = 20
PREFILL = ("title", "summary", "outcomes", "place_name", "source_document", "source_section", "year")
RESULT_SORT_KEYS = {
    "title": lambda r: r.case_study.title.lower(),
    "year": lambda r: r.case_study.year or 0,
    "evidence": lambda r: r.case_study.evidence_rating,
    "place": lambda r: r.case_study.place_name.lower(),
    "country": lambda r: r.case_study.country.lower(),
}


def _check(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def index(request):
    """Browse and search: filters always apply; with words, results are ranked and say why they matched."""
    form = SearchForm(request.GET or None, countries=selectors.facets(user=request.user)["countries"])
    valid = form.is_valid()
    filters = form.filters() if valid else {}
    q = form.cleaned_data.get("q", "") if valid else ""
    sort = form.cleaned_data.get("sort", "") if valid else ""
    context = {"form": form, "searched": bool(q.strip()), "evidence_levels": EvidenceRating.choices}
    if q.strip():
        found = selectors.search_case_studies(
            user=request.user, q=q, mode=form.cleaned_data.get("mode") or "hybrid", filters=filters
        )
        if sort.lstrip("-") in RESULT_SORT_KEYS:
            results = sorted(found.results, key=RESULT_SORT_KEYS[sort.lstrip("-")], reverse=sort.startswith("-"))
            page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
        else:
            # Explain (highlight, give reasons for) only the hits on the page shown.
            page = Paginator(found.hits, PAGE_SIZE).get_page(request.GET.get("page"))
            page.object_list = found.explain(list(page.object_list))
        context.update({"found": found, "page_obj": page})
    else:
        qs = selectors.filter_case_studies(selectors.case_studies_visible(user=request.user), **filters)
        qs = qs.select_related("place").order_by(*selectors.SORTS.get(sort, ("title",)))
        context["page_obj"] = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "evidence/index.html", context)


def detail(request, slug: str):
    case_study = selectors.case_study_get(user=request.user, slug=slug)
    return render(
        request,
        "evidence/detail.html",
        {
            "case_study": case_study,
            "theme_list": [(c, label) for c, label in theme_choices() if c in case_study.themes],
            "principle_list": [(c, label) for c, label in principle_choices() if c in case_study.principles],
            "can_edit": request.user.has_perm("evidence.change_casestudy", case_study),
            "can_submit": request.user.has_perm("evidence.submit_casestudy", case_study),
            "can_review": request.user.has_perm("evidence.review_casestudy", case_study),
        },
    )


def standards(request):
    return render(request, "evidence/standards.html", {"levels": EvidenceRating.choices})


def _officer_places(user):
    roles = roles_of(user)
    if roles.is_network_staff:
        return Place.objects.filter(Q(pk__in=roles.place_ids(PlaceRole.OFFICER)) | Q(is_uk_local_authority=True))
    return Place.objects.filter(pk__in=roles.place_ids(PlaceRole.OFFICER))


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request):
    _check(request.user, "evidence.add_casestudy")
    # Other apps link here with a pre-filled draft, e.g. from a completed action:
    # /evidence/contribute/?title=...&summary=...&outcomes=...&themes=T2&themes=T3&source_document=...
    initial = {name: request.GET[name][:5000] for name in PREFILL if name in request.GET}
    initial.update({name: request.GET.getlist(name) for name in ("themes", "principles") if name in request.GET})
    form = CaseStudyForm(request.POST or None, initial=initial, places=_officer_places(request.user).order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            case_study = services.case_study_create(
                by=request.user, credited_place=form.cleaned_data["credited_place"], **form.service_kwargs()
            )
            if request.POST.get("action") == "submit":
                services.case_study_submit(case_study=case_study, by=request.user)
                messages.success(request, _("Thank you: your case study was sent to a facilitator for review."))
            else:
                messages.success(request, _("Your draft was saved. Only your place and facilitators can see it."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(case_study)
    return render(request, "evidence/form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, slug: str):
    case_study = selectors.case_study_get(user=request.user, slug=slug)
    _check(request.user, "evidence.change_casestudy", case_study)
    form = CaseStudyForm(request.POST or None, instance=case_study)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_study_update(case_study=case_study, by=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect(case_study)
    return render(request, "evidence/form.html", {"form": form, "case_study": case_study, "creating": False})


@login_required
@require_POST
def submit(request, slug: str):
    case_study = selectors.case_study_get(user=request.user, slug=slug)
    _check(request.user, "evidence.submit_casestudy", case_study)
    services.case_study_submit(case_study=case_study, by=request.user)
    messages.success(request, _("Thank you: your case study was sent to a facilitator for review."))
    return redirect(case_study)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, slug: str):
    case_study = selectors.case_study_get(user=request.user, slug=slug)
    _check(request.user, "evidence.review_casestudy", case_study)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        if form.cleaned_data["decision"] == "publish":
            services.case_study_publish(case_study=case_study, by=request.user, note=note)
            messages.success(request, _("Published. The contributor is credited on the page."))
        else:
            services.case_study_reject(case_study=case_study, by=request.user, note=note)
            messages.success(request, _("Returned to the contributor with your note."))
        return redirect(case_study)
    return render(request, "evidence/review.html", {"form": form, "case_study": case_study})


@login_required
def rating(request, slug: str):
    """A facilitator changes the evidence level, with the reason (kept on the case study and in its history)."""
    case_study = selectors.case_study_get(user=request.user, slug=slug)
    _check(request.user, "evidence.rate_casestudy", case_study)
    form = RatingForm(
        request.POST or None, initial={"rating": case_study.evidence_rating, "reason": case_study.rating_reason}
    )
    if request.method == "POST" and form.is_valid():
        services.case_study_set_rating(
            case_study=case_study,
            by=request.user,
            rating=form.cleaned_data["rating"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("The evidence level is now “%(level)s”; the reason is kept in the history.")
            % {"level": case_study.get_evidence_rating_display()},
        )
        return redirect(case_study)
    return render(request, "evidence/rating.html", {"form": form, "case_study": case_study})


@login_required
def contributions(request):
    _check(request.user, "evidence.view_contributions")
    return render(
        request,
        "evidence/contributions.html",
        {
            "case_studies": selectors.contributions(user=request.user),
            "can_add": request.user.has_perm("evidence.add_casestudy"),
        },
    )


# --- Evidence pinned to a plan's priorities and actions ------------------------------------------------------------

PIN_RESULTS = 20


def _pin_target(request, code: str, pk: int, kind: str, item_pk: int):
    """The plan (404 when hidden from the user) and the priority or action in it; 403 unless they may edit it."""
    from inclusive_cities.plans import selectors as plan_selectors

    if kind not in ("priority", "action"):
        raise Http404
    place = plan_selectors.place_get(code=code)
    plan = plan_selectors.plan_get(user=request.user, place=place, pk=pk)
    _check(request.user, "evidence.pin_casestudy", plan)
    if kind == "priority":
        return plan, plan_selectors.priority_get(plan=plan, pk=item_pk), None
    return plan, None, plan_selectors.action_get(plan=plan, pk=item_pk)


def _pin_page(request, plan, priority, action, *, q: str = "", failed=None, status: int = 200):
    target = {"priority": priority, "action": action}
    pins = selectors.pins_to_manage(user=request.user, **target)
    pinned = {pin.case_study_id for pin in pins}
    found = None
    results: list = []
    if q.strip():
        found = selectors.search_case_studies(
            user=request.user, q=q, filters={"status": "published"}, limit=PIN_RESULTS
        )
        results = [(r.case_study, " ".join(r.reasons)) for r in found.results]
    else:
        owner = priority or action.priority
        results = selectors.recommend(
            theme_codes=[t.code for t in owner.themes.all()],
            principle_codes=[p.code for p in owner.principles.all()],
            text=selectors.target_text(**target),
            limit=8,
            text_weight=5.0 if action is not None else 3.0,
        )
    failed_form, failed_case_study = failed or (None, None)
    skip = pinned | ({failed_case_study.pk} if failed_case_study else set())
    rows = [(case_study, reason) for case_study, reason in results if case_study.pk not in skip]
    return render(
        request,
        "evidence/pin.html",
        {
            "plan": plan,
            "place": plan.place,
            "priority": priority,
            "action": action,
            "target": priority or action,
            "kind": "priority" if priority else "action",
            "pins": pins,
            "q": q,
            "found": found,
            "rows": rows,
            "failed_form": failed_form,
            "failed_case_study": failed_case_study,
        },
        status=status,
    )


@login_required
def pin_search(request, code: str, pk: int, kind: str, item_pk: int):
    """Search the evidence base (GET) for a priority or action, with a form to pin each result."""
    plan, priority, action = _pin_target(request, code, pk, kind, item_pk)
    return _pin_page(request, plan, priority, action, q=request.GET.get("q", "")[:500])


@login_required
@require_POST
def pin_add(request, code: str, pk: int, kind: str, item_pk: int):
    plan, priority, action = _pin_target(request, code, pk, kind, item_pk)
    # A case study the user may not see is not found, whatever else the form says.
    case_study = selectors.pinnable_case_study(user=request.user, slug=request.POST.get("case_study", ""))
    if case_study is None:
        raise Http404
    form = PinForm(request.POST)
    if form.is_valid():
        try:
            services.pin_add(
                by=request.user,
                case_study=case_study,
                note=form.cleaned_data["note"],
                priority=priority,
                action=action,
            )
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            for name, texts in errors.items():
                form.add_error("note" if name == "note" else None, texts)
        else:
            messages.success(request, _("“%(title)s” pinned.") % {"title": case_study.title})
            return redirect("evidence:pins", code=code, pk=pk, kind=kind, item_pk=item_pk)
    return _pin_page(
        request, plan, priority, action, q=request.POST.get("q", "")[:500], failed=(form, case_study), status=400
    )


@login_required
@require_POST
def pin_remove(request, code: str, pk: int, kind: str, item_pk: int, pin_pk: int):
    plan, priority, action = _pin_target(request, code, pk, kind, item_pk)
    pin = selectors.pin_get(pk=pin_pk, priority=priority, action=action)
    try:
        services.pin_remove(pin=pin, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” unpinned.") % {"title": pin.case_study.title})
    return redirect("evidence:pins", code=code, pk=pk, kind=kind, item_pk=item_pk)
