"""Views for the evidence base. Thin: look up (404 when the user may not know it exists), check, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.network.models import Place

from . import selectors, services
from .forms import CaseStudyForm, RatingForm, ReviewForm, SearchForm, principle_choices, theme_choices
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
