"""Views for consultations. Thin: look up (404 where the user may not know it exists), check, call a service,
render. The public pages work without JavaScript; answering needs no account."""

import math
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import get_usage

from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.plans import selectors as plan_selectors

from . import forms, selectors, services
from .models import Answer, Moderation
from .results import MIN_ANSWERS, consultation_results


def _get(request, code: str, pk: int, *, manage: bool = False):
    place = plan_selectors.place_get(code=code)
    consultation = selectors.consultation_get(user=request.user, place=place, pk=pk)
    if manage and not request.user.has_perm("consultation.manage_consultation", consultation):
        raise PermissionDenied
    return place, consultation


def _refused(request, consultation, message: str, status: int, *, plan=None):
    context = {"consultation": consultation, "plan": plan or consultation.plan, "message": message}
    return render(request, "consultation/refused.html", context, status=status)


@never_cache
def detail(request, code: str, pk: int):
    place, consultation = _get(request, code, pk)
    return render(
        request,
        "consultation/detail.html",
        {
            "place": place,
            "consultation": consultation,
            "plan": consultation.plan,
            "questions": selectors.questions(consultation),
            "is_open": consultation.is_open(),
            "can_manage": request.user.has_perm("consultation.manage_consultation", consultation),
        },
    )


def _too_many(request):
    """Anonymous answers are limited per client address (CONSULTATION_ANSWER_RATE), counted in the cache only: the
    address is never stored with the answers. None when this answer may go ahead."""
    if request.user.is_authenticated:
        return None
    rate = settings.CONSULTATION_ANSWER_RATE
    usage = get_usage(request, group="consultation-answer", key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"] or usage["limit"] == 0:
        return None
    seconds = max(1, usage["time_left"])
    response = render(request, "consultation/too_many.html", {"minutes": max(1, math.ceil(seconds / 60))}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, code: str, pk: int):
    place, consultation = _get(request, code, pk)
    try:
        services.check_open(consultation)
    except services.AnswerRefused as refused:
        return _refused(request, consultation, refused.messages[0], refused.status)
    questions = selectors.questions(consultation)
    form = forms.ResponseForm(request.POST or None, questions=questions)
    if request.method == "POST":
        if (limited := _too_many(request)) is not None:
            return limited
        if form.is_valid():
            try:
                services.response_submit(
                    consultation=consultation, answers=form.answers(), kind=form.cleaned_data["kind"],
                    organisation_name=form.cleaned_data["organisation_name"], language=get_language(),
                )  # fmt: skip
            except services.AnswerRefused as refused:
                return _refused(request, consultation, refused.messages[0], refused.status)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("consultation:thanks", code=place.code, pk=consultation.pk)
    return render(
        request,
        "consultation/answer.html",
        {"place": place, "consultation": consultation, "plan": consultation.plan, "form": form},
    )


def thanks(request, code: str, pk: int):
    place, consultation = _get(request, code, pk)
    return render(request, "consultation/thanks.html", {"place": place, "consultation": consultation})


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code: str, plan_pk: int):
    place = plan_selectors.place_get(code=code)
    plan = plan_selectors.plan_get(user=request.user, place=place, pk=plan_pk)
    if not request.user.has_perm("consultation.add_consultation", plan):
        raise PermissionDenied
    existing = getattr(plan, "consultation", None)
    if existing is not None:
        return redirect("consultation:edit", code=place.code, pk=existing.pk)
    try:
        services.check_plan(plan)
    except ValidationError as error:
        return _refused(request, None, error.messages[0], 409, plan=plan)
    form = forms.ConsultationForm(
        request.POST or None,
        plan=plan,
        initial={
            "title": _("Have your say on %(title)s") % {"title": plan.title},
            "languages": [code for code, _name in settings.LANGUAGES],
            "priorities": list(plan.priorities.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_open(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Consultation saved. Its page is public from the day it opens."))
            return redirect(consultation)
    return render(
        request,
        "consultation/form.html",
        {"place": place, "plan": plan, "form": form, "consultation": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, code: str, pk: int):
    place, consultation = _get(request, code, pk, manage=True)
    initial = {
        "title": consultation.title,
        "title_cy": consultation.title_cy,
        "introduction": consultation.introduction,
        "introduction_cy": consultation.introduction_cy,
        "opens_on": consultation.opens_on,
        "closes_on": consultation.closes_on,
        "languages": consultation.language_list,
        "priorities": [q.priority for q in selectors.questions(consultation)],
    }
    form = forms.ConsultationForm(request.POST or None, plan=consultation.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(consultation=consultation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Consultation saved."))
            return redirect(consultation)
    return render(
        request,
        "consultation/form.html",
        {"place": place, "plan": consultation.plan, "form": form, "consultation": consultation},
    )


@login_required
def results(request, code: str, pk: int):
    place, consultation = _get(request, code, pk, manage=True)
    return render(
        request,
        "consultation/results.html",
        {
            "place": place,
            "consultation": consultation,
            "results": consultation_results(consultation),
            "minimum": MIN_ANSWERS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request, code: str, pk: int):
    """One comment at a time: the raw text (seen only here), a moderated copy to edit, show or reject."""
    place, consultation = _get(request, code, pk, manage=True)
    pending = (
        Answer.objects.filter(response__consultation=consultation, moderation=Moderation.PENDING)
        .exclude(text="")
        .select_related("priority")
        .order_by("priority__order", "priority_id", "text")
    )
    item = pending.first()
    if request.method == "POST":
        try:
            item = get_object_or_404(pending, pk=uuid.UUID(request.POST.get("item", "")[:64]))
        except ValueError as error:
            raise Http404 from error
    form = forms.ModerationForm(request.POST or None, initial={"text": item.text if item else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_moderate(
                answer=item, by=request.user, text=form.cleaned_data["text"],
                approve=form.cleaned_data["decision"] == "approve",
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Comment moderated."))
            return redirect("consultation:moderate", code=place.code, pk=consultation.pk)
    return render(
        request,
        "consultation/moderate.html",
        {"place": place, "consultation": consultation, "item": item, "form": form, "remaining": pending.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request, code: str, pk: int):
    place, consultation = _get(request, code, pk, manage=True)
    form = forms.OutcomesForm(
        request.POST or None, questions=selectors.questions(consultation), outcomes=consultation.outcomes.all()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.outcomes_save(consultation=consultation, by=request.user, records=form.records())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved. The record is shown on the plan’s page once the plan is published."))
            return redirect("consultation:outcomes", code=place.code, pk=consultation.pk)
    return render(
        request,
        "consultation/outcomes.html",
        {"place": place, "consultation": consultation, "plan": consultation.plan, "form": form},
    )
