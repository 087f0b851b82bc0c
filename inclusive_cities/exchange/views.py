"""Views for peer learning. Thin: look up (404 where the user may not know it exists), check, call a service,
render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import MultipleChoiceField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.core.pagecache import memoized
from inclusive_cities.core.pdf import anonymous_limit, render_pdf
from inclusive_cities.network.models import Programme
from inclusive_cities.network.selectors import network_member_places

from . import forms, selectors, services
from .models import AnswerItem, BarrierKind, ConveningKind, LearningReportSection, QuestionKind, ReviewState
from .results import MIN_ANSWERS, results_csv, survey_results
from .suggestions import suggest


def _deny(user, perm: str, obj=None) -> None:
    """403 for a page the user knows exists but may not use."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def home(request):
    user = request.user
    return render(
        request,
        "exchange/home.html",
        {
            "can_private": user.has_perm("exchange.view_convening_private"),
            "can_discuss": user.has_perm("exchange.view_discussions"),
            "can_partner": user.has_perm("exchange.view_partnerships"),
            "can_surveys": user.has_perm("exchange.manage_surveys"),
            "open_surveys": selectors.open_surveys_for(user) if user.is_authenticated else [],
        },
    )


# --- convenings ------------------------------------------------------------------------------------------------


def convening_list(request):
    form = forms.ConveningSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    convenings = selectors.convening_list(
        programme=request.GET.get("programme", "")[:60], kind=data.get("kind", ""), q=data.get("q", "")
    )
    page = Paginator(convenings, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "exchange/convening_list.html",
        {"form": form, "page_obj": page, "can_add": request.user.has_perm("exchange.manage_convenings"),
         "kinds": ConveningKind},
    )  # fmt: skip


def convening_detail(request, pk: int):
    convening = selectors.convening_get(pk)
    user = request.user
    private = user.has_perm("exchange.view_convening_private")
    manage = user.has_perm("exchange.manage_convenings")
    return render(
        request,
        "exchange/convening_detail.html",
        {
            "convening": convening,
            "private": private,
            "can_manage": manage,
            "participations": convening.participations.select_related("place"),
            "outputs": selectors.convening_outputs(user=user, convening=convening),
            "points": selectors.convening_learning_points(user=user, convening=convening),
            "actions": selectors.convening_actions(convening=convening) if private else [],
            "output_form": forms.OutputForm() if manage else None,
            "point_form": forms.LearningPointForm() if manage else None,
            "action_form": forms.ActionArisingForm(convening=convening) if manage else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def convening_edit(request, pk: int | None = None):
    _deny(request.user, "exchange.manage_convenings")
    convening = selectors.convening_get(pk) if pk else None
    form = forms.ConveningForm(request.POST or None, instance=convening)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if convening:
                convening = services.convening_update(
                    convening=convening, by=request.user, places=form.places(), **fields
                )
            else:
                convening = services.convening_create(by=request.user, places=form.places(), **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Convening saved."))
            return redirect(convening)
    return render(
        request,
        "exchange/simple_form.html",
        {
            "form": form,
            "caption": _("Convenings"),
            "heading": _("Edit the convening") if convening else _("Record a convening"),
        },
    )


@login_required
@require_POST
def convening_add_item(request, pk: int, item: str):
    _deny(request.user, "exchange.manage_convenings")
    convening = selectors.convening_get(pk)
    if item == "output":
        form = forms.OutputForm(request.POST, request.FILES)
    elif item == "point":
        form = forms.LearningPointForm(request.POST)
    else:
        form = forms.ActionArisingForm(request.POST, convening=convening)
    if item not in ("output", "point", "action"):
        raise Http404
    if form.is_valid():
        try:
            if item == "output":
                services.output_add(convening=convening, by=request.user, **form.cleaned_data)
            elif item == "point":
                services.learning_point_add(convening=convening, by=request.user, **form.cleaned_data)
            else:
                services.action_arising_add(convening=convening, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Added."))
    else:
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}" for f, e in form.errors.items()
            ),
        )
    return redirect(convening)


# --- partnerships ----------------------------------------------------------------------------------------------


@login_required
def partnership_list(request):
    _deny(request.user, "exchange.view_partnerships")
    # The same for every viewer and costly at network scale (a matrix over every member place): kept until the
    # next write anywhere.
    suggestions = memoized(
        "exchange.suggestions",
        (15, get_language()),
        lambda: suggest(network_member_places().order_by("name"), limit=15),
    )
    return render(
        request,
        "exchange/partnership_list.html",
        {
            "partnerships": selectors.partnership_list(user=request.user),
            "suggestions": suggestions,
            "can_propose": request.user.has_perm("exchange.propose_partnership"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_propose(request):
    _deny(request.user, "exchange.propose_partnership")
    initial = {k: request.GET.get(k) for k in ("place_a", "place_b") if request.GET.get(k, "").isdigit()}
    form = forms.ProposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_propose(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Partnership proposed. Each place’s officer is asked to accept it."))
            return redirect(partnership)
    return render(
        request,
        "exchange/simple_form.html",
        {
            "form": form,
            "caption": _("Learning partnerships"),
            "heading": _("Propose a learning partnership"),
            "button": _("Propose"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def partnership_detail(request, pk: int):
    partnership = selectors.partnership_get(user=request.user, pk=pk)
    user = request.user
    action = request.POST.get("action", "")
    can_respond = user.has_perm("exchange.respond_partnership", partnership)
    can_record = user.has_perm("exchange.record_partnership", partnership)
    bound = {"respond": forms.RespondForm, "meeting": forms.MeetingForm, "learnt": forms.LearntForm,
             "close": forms.CloseForm}  # fmt: skip
    form_objs = {name: cls(request.POST if action == name else None, prefix=name) for name, cls in bound.items()}
    if request.method == "POST":
        allowed = can_respond if action == "respond" else can_record
        if action not in bound or not allowed:
            raise PermissionDenied
        form = form_objs[action]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "respond":
                    services.partnership_respond(partnership=partnership, by=user, **data)
                elif action == "meeting":
                    services.partnership_meeting_add(partnership=partnership, by=user, **data)
                elif action == "learnt":
                    services.partnership_record_learning(partnership=partnership, by=user, text=data["text"])
                else:
                    services.partnership_close(partnership=partnership, by=user, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(partnership)
    return render(
        request,
        "exchange/partnership_detail.html",
        {
            "partnership": partnership,
            "meetings": partnership.meetings.all(),
            "forms": form_objs,
            "can_respond": can_respond and partnership.state == "proposed",
            "can_record": can_record and partnership.state == "active",
            "error_forms": [f for f in form_objs.values() if f.is_bound],
        },
    )


# --- discussions -----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def thread_list(request):
    _deny(request.user, "exchange.view_discussions")
    user = request.user
    from inclusive_cities.accounts.roles import roles_of

    programmes = (
        Programme.objects.all()
        if roles_of(user).is_network_staff
        else Programme.objects.filter(pk__in=selectors.programme_ids_of(user))
    )
    form = forms.ThreadForm(request.POST or None, programmes=programmes)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(by=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(thread)
    page = Paginator(selectors.thread_list(user=user), 25).get_page(request.GET.get("page"))
    reports = selectors.open_reports() if user.has_perm("exchange.moderate") else []
    return render(request, "exchange/thread_list.html", {"page_obj": page, "form": form, "reports": reports})


@login_required
@require_http_methods(["GET", "POST"])
def thread_detail(request, pk: int):
    thread = selectors.thread_get(user=request.user, pk=pk)
    form = forms.PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_add(thread=thread, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Reply posted."))
            return redirect(thread)
    return render(
        request,
        "exchange/thread_detail.html",
        {
            "thread": thread,
            "posts": selectors.thread_posts(user=request.user, thread=thread),
            "form": form,
            "can_moderate": request.user.has_perm("exchange.moderate"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_action(request, pk: int, action: str):
    post = selectors.post_get(user=request.user, pk=pk)
    if action not in ("hide", "restore", "report"):
        raise Http404
    if action in ("hide", "restore"):
        _deny(request.user, "exchange.moderate")
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if action == "hide":
                services.post_hide(post=post, by=request.user, reason=reason)
            elif action == "restore":
                services.post_restore(post=post, by=request.user, reason=reason)
            else:
                services.post_report(post=post, by=request.user, reason=reason)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you: a facilitator will look at the post.") if action == "report" else _("Saved.")
            )
            return redirect(post.thread)
    return render(
        request,
        "exchange/simple_form.html",
        {
            "form": form,
            "caption": post.thread.title,
            "heading": {"hide": _("Hide this post"), "restore": _("Show this post again")}.get(
                action, _("Report this post")
            ),
            "quote": post.body,
        },
    )


# --- surveys ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def survey_list(request):
    user = request.user
    manage = user.has_perm("exchange.manage_surveys")
    _deny(user, "exchange.view_surveys")
    open_for_me = list(selectors.open_surveys_for(user))
    form = forms.SurveyForm(request.POST or None) if manage else None
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["use_template"]:
                    survey = services.survey_from_template(
                        by=user, programme=data["programme"], cohort=data["cohort"], closes_on=data["closes_on"],
                        title=data["title"],
                    )  # fmt: skip
                else:
                    survey = services.survey_create(
                        by=user, programme=data["programme"], cohort=data["cohort"], closes_on=data["closes_on"],
                        title=data["title"],
                    )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(survey)
    surveys = selectors.surveys_for(user)
    return render(
        request, "exchange/survey_list.html", {"surveys": surveys, "form": form, "manage": manage, "open": open_for_me}
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_detail(request, pk: int):
    _deny(request.user, "exchange.manage_surveys")
    survey = selectors.survey_get(pk)
    action = request.POST.get("action", "")
    section_form = forms.SectionForm(request.POST if action == "section" else None, prefix="section")
    question_form = forms.QuestionForm(request.POST if action == "question" else None, prefix="question")
    if request.method == "POST":
        try:
            if action == "section" and section_form.is_valid():
                services.section_add(survey=survey, by=request.user, **section_form.cleaned_data)
            elif action == "question" and question_form.is_valid():
                section = get_object_or_404(survey.sections, pk=request.POST.get("section_id") or 0)
                services.question_add(section=section, by=request.user, **question_form.cleaned_data)
            elif action == "open":
                services.survey_open(survey=survey, by=request.user)
            elif action == "close":
                services.survey_close(survey=survey, by=request.user)
            else:
                raise ValidationError(_("Correct the problems shown."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect(survey)
    return render(
        request,
        "exchange/survey_detail.html",
        {
            "survey": survey,
            "sections": selectors.survey_structure(survey),
            "section_form": section_form,
            "question_form": question_form,
            "answered": survey.respondents.count(),
            "answer_url": request.build_absolute_uri(survey.answer_url()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request, pk: int, key: str):
    survey = selectors.survey_get(pk)
    user = request.user
    if not user.has_perm("exchange.answer_survey", survey):
        return render(
            request,
            "exchange/survey_refused.html",
            {"survey": survey, "message": _("This survey is for the officers and sponsors of the places in %(p)s.")
             % {"p": survey.cohort or survey.programme}},
            status=403,
        )  # fmt: skip
    try:
        services.check_can_answer(survey=survey, key=key, user=user)
    except services.AnswerRefused as refused:
        return render(
            request, "exchange/survey_refused.html", {"survey": survey, "message": refused.messages[0]},
            status=refused.status,
        )  # fmt: skip
    sections = selectors.survey_structure(survey)
    form = forms.AnswerForm(request.POST or None, survey=survey, sections=sections)
    if request.method == "POST":
        answers = {
            name: request.POST.getlist(name) if isinstance(field, MultipleChoiceField) else request.POST.get(name)
            for name, field in form.fields.items()
            if name != "cohort"
        }
        cohort = None
        if form.is_valid():
            cohort = form.cleaned_data.get("cohort")
            try:
                services.survey_submit(survey=survey, key=key, user=user, answers=answers, cohort=cohort)
            except services.AnswerRefused as refused:
                return render(
                    request, "exchange/survey_refused.html", {"survey": survey, "message": refused.messages[0]},
                    status=refused.status,
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return render(request, "exchange/survey_thanks.html", {"survey": survey})
    return render(request, "exchange/survey_answer.html", {"survey": survey, "form": form})


def _results_context(request, survey):
    cohort = None
    cohort_id = request.GET.get("cohort", "")
    if cohort_id.isdigit():
        cohort = get_object_or_404(survey.programme.cohorts, pk=int(cohort_id))
    return survey_results(survey, cohort=cohort)


@login_required
def survey_results_view(request, pk: int):
    survey = selectors.survey_get(pk)
    _deny(request.user, "exchange.view_survey_results", survey)
    results = _results_context(request, survey)
    return render(
        request,
        "exchange/survey_results.html",
        {"survey": survey, "results": results, "minimum": MIN_ANSWERS,
         "can_review": request.user.has_perm("exchange.manage_surveys")},
    )  # fmt: skip


@login_required
def survey_results_csv(request, pk: int):
    survey = selectors.survey_get(pk)
    _deny(request.user, "exchange.view_survey_results", survey)
    results = _results_context(request, survey)
    response = HttpResponse(results_csv(results), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def survey_review(request, pk: int):
    _deny(request.user, "exchange.manage_surveys")
    survey = selectors.survey_get(pk)
    pending = (
        AnswerItem.objects.filter(
            response__survey=survey, question__kind=QuestionKind.TEXT, review_state=ReviewState.PENDING
        )
        .exclude(text="")
        .select_related("question__section")
        .order_by("question__section__order", "question__order", "text")
    )
    item = pending.first()
    form = forms.ReviewForm(request.POST or None, initial={"text": item.text if item else ""})
    if request.method == "POST" and item is not None:
        item = get_object_or_404(pending, pk=request.POST.get("item", ""))
        if form.is_valid():
            try:
                services.free_text_review(
                    item=item, by=request.user, text=form.cleaned_data["text"],
                    approve=form.cleaned_data["decision"] == "approve",
                )  # fmt: skip
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Comment reviewed."))
                return redirect("exchange:survey_review", pk=survey.pk)
    return render(
        request, "exchange/survey_review.html",
        {"survey": survey, "item": item, "form": form, "remaining": pending.count()},
    )  # fmt: skip


# --- learning reports ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def report_list(request):
    manage = request.user.has_perm("exchange.manage_reports")
    form = forms.ReportForm(request.POST or None) if manage else None
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                report = services.report_start(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Draft written from the records. Edit each section, then publish."))
                return redirect(report)
    page = Paginator(selectors.report_list(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "exchange/report_list.html", {"page_obj": page, "form": form})


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    manage = request.user.has_perm("exchange.manage_reports")
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        try:
            services.report_publish(report=report, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Report published."))
        return redirect(report)
    return render(
        request,
        "exchange/report_detail.html",
        {"report": report, "sections": report.sections.all(), "can_manage": manage},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_section_edit(request, pk: int, section_pk: int):
    _deny(request.user, "exchange.manage_reports")
    report = selectors.report_get(user=request.user, pk=pk)
    section = get_object_or_404(LearningReportSection, report=report, pk=section_pk)
    form = forms.SectionEditForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_section_update(section=section, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Section saved."))
            return redirect(report)
    return render(
        request,
        "exchange/simple_form.html",
        {"form": form, "caption": report.title, "heading": _("Edit: %(h)s") % {"h": section.heading}},
    )


def report_pdf(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    if (refused := anonymous_limit(request, page_url=report.get_absolute_url())) is not None:
        return refused
    pdf = render_pdf("exchange/report_pdf.html", {"report": report, "sections": report.sections.all()})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="learning-report-{report.pk}.pdf"'
    return response


# --- advocacy --------------------------------------------------------------------------------------------------


@login_required
def barrier_list(request):
    _deny(request.user, "exchange.view_barriers")
    barriers = list(selectors.barrier_list(user=request.user))
    groups = []
    for kind, label in BarrierKind.choices:
        rows = [b for b in barriers if b.kind == kind]
        if rows:
            for b in rows:
                b.shown_place = b.place.name if selectors.may_see_place_name(request.user, b) else _("A member place")
            groups.append({"kind": kind, "label": label, "barriers": rows,
                           "actions": sum(len(b.actions.all()) for b in rows)})  # fmt: skip
    return render(
        request,
        "exchange/barrier_list.html",
        {
            "groups": groups,
            "can_record": request.user.has_perm("exchange.record_barrier"),
            "can_position": request.user.has_perm("exchange.manage_positions"),
            "positions": selectors.position_list(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def barrier_edit(request, pk: int | None = None):
    from inclusive_cities.accounts.roles import roles_of
    from inclusive_cities.network.models import Place

    user = request.user
    barrier = selectors.barrier_get(user=user, pk=pk) if pk else None
    if barrier:
        _deny(user, "exchange.change_barrier", barrier)
    else:
        _deny(user, "exchange.record_barrier")
    places = Place.objects.all() if roles_of(user).is_network_staff else selectors.officer_places(user)
    form = forms.BarrierForm(request.POST or None, instance=barrier, places=places)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if barrier:
                barrier = services.barrier_update(
                    barrier=barrier, by=user, actions=form.cleaned_data["plan_actions"], **fields
                )
            else:
                barrier = services.barrier_record(
                    by=user, place=form.cleaned_data["place"], actions=form.cleaned_data["plan_actions"], **fields
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Barrier recorded."))
            return redirect(barrier)
    return render(
        request,
        "exchange/simple_form.html",
        {
            "form": form,
            "caption": _("Advocacy"),
            "heading": _("Edit the barrier") if barrier else _("Record a national barrier"),
        },
    )


@login_required
def barrier_detail(request, pk: int):
    barrier = selectors.barrier_get(user=request.user, pk=pk)
    return render(
        request,
        "exchange/barrier_detail.html",
        {
            "barrier": barrier,
            "shown_place": barrier.place.name if selectors.may_see_place_name(request.user, barrier) else None,
            "can_change": request.user.has_perm("exchange.change_barrier", barrier),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def position_start(request):
    _deny(request.user, "exchange.manage_positions")
    form = forms.PositionStartForm(request.POST or None, initial={"kind": request.GET.get("kind", "")[:30]})
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_draft(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(position)
    return render(
        request,
        "exchange/simple_form.html",
        {
            "form": form,
            "caption": _("Advocacy"),
            "heading": _("Draft a network position"),
            "button": _("Draft from the barriers recorded"),
        },
    )


@require_http_methods(["GET", "POST"])
def position_detail(request, pk: int):
    position = selectors.position_get(user=request.user, pk=pk)
    manage = request.user.has_perm("exchange.manage_positions")
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        try:
            services.position_publish(position=position, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Position published."))
        return redirect(position)
    return render(request, "exchange/position_detail.html", _position_context(position, manage))


def _position_context(position, manage: bool) -> dict:
    cited = []
    for b in position.barriers.select_related("place").prefetch_related("actions"):
        cited.append({"barrier": b, "who": b.place.name if b.may_be_named else _("A member place")})
    return {"position": position, "cited": cited, "can_manage": manage}


@login_required
@require_http_methods(["GET", "POST"])
def position_edit(request, pk: int):
    _deny(request.user, "exchange.manage_positions")
    position = selectors.position_get(user=request.user, pk=pk)
    form = forms.PositionEditForm(
        request.POST or None,
        initial={"title": position.title, "summary": position.summary, "asks": position.asks},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(position=position, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(position)
    return render(
        request,
        "exchange/simple_form.html",
        {"form": form, "caption": _("Advocacy"), "heading": _("Edit the position")},
    )


def position_pdf(request, pk: int):
    position = selectors.position_get(user=request.user, pk=pk)
    if (refused := anonymous_limit(request, page_url=position.get_absolute_url())) is not None:
        return refused
    pdf = render_pdf("exchange/position_pdf.html", _position_context(position, False))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="position-{position.pk}.pdf"'
    return response
