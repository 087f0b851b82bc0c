"""Views for self-assessment. Thin: look up (404 when not visible), check the permission, call a service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.core import spreadsheet
from inclusive_cities.framework.models import Framework, FrameworkStatus, Goal, Principle, Theme
from inclusive_cities.framework.selectors import framework_current
from inclusive_cities.network.selectors import place_get

from . import selectors, services
from .forms import AnswerForm, AssessmentForm, ContributionForm, ContributionRequestForm, GapPlanForm
from .models import Answer, Contribution, ContributionState


def _check(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def _form_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def assessment_list(request, code: str):
    place = place_get(code)
    return render(
        request,
        "assessments/assessment_list.html",
        {
            "place": place,
            "assessments": selectors.assessments_for_place(user=request.user, place=place),
            "can_add": request.user.has_perm("assessments.add_assessment", place),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request, code: str):
    place = place_get(code)
    _check(request.user, "assessments.add_assessment", place)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                place=place, framework=framework_current(), by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Assessment started. Answer the questions one after another, or in any order from the list below."),
            )
            return redirect(assessment)
    return render(request, "assessments/assessment_form.html", {"place": place, "form": form, "assessment": None})


def assessment_detail(request, code: str, pk: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    user = request.user
    context = selectors.report(assessment)
    context.update(
        {
            "place": assessment.place,
            "can_change": user.has_perm("assessments.change_assessment", assessment),
            "can_share": user.has_perm("assessments.make_priority", assessment),
            "can_confirm": user.has_perm("assessments.confirm_assessment", assessment),
            "can_invite": user.has_perm("assessments.invite_contributor", assessment),
            "can_prioritise": user.has_perm("assessments.make_priority", assessment),
            "can_history": user.has_perm("core.view_history", assessment),
            "can_check": user.has_perm("assessments.check_answers", assessment),
            "flow": selectors.flow(assessment),
            "pending": selectors.pending_contributions(assessment=assessment)
            if user.has_perm("assessments.change_assessment", assessment)
            else [],
            "my_requests": selectors.requests_for_partner(assessment=assessment, user=user)
            if user.has_perm("assessments.contribute", assessment)
            else [],
        }
    )
    return render(request, "assessments/assessment_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, code: str, pk: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.make_priority", assessment)  # the place's officers
    form = AssessmentForm(request.POST or None, initial={"title": assessment.title, "sharing": assessment.sharing})
    if not assessment.is_draft:
        form.fields["title"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Assessment settings saved."))
            return redirect(assessment)
    return render(
        request, "assessments/assessment_form.html", {"place": assessment.place, "form": form, "assessment": assessment}
    )


def _question(assessment, key: str):
    """A goal code ("T1.2") or a principle within a theme ("P3-T1") of this assessment's framework."""
    if "-" in key:
        p_code, t_code = key.split("-", 1)
        principle = Principle.objects.filter(framework=assessment.framework, code=p_code[:10]).first()
        theme = Theme.objects.filter(framework=assessment.framework, code=t_code[:10]).first()
        if principle is None or theme is None:
            raise Http404(_("There is no question “%(key)s” in this assessment.") % {"key": key[:30]})
        return {"principle": principle, "theme": theme}
    goal = Goal.objects.filter(theme__framework=assessment.framework, code=key[:10]).select_related("theme").first()
    if goal is None:
        raise Http404(_("There is no question “%(key)s” in this assessment.") % {"key": key[:30]})
    return {"goal": goal}


def _after_answer(request, assessment, key: str, flow, back_to_check: bool):
    """Where "Save" leads: back to check answers when the officer came from there; the assessment page for
    "Save and come back later"; otherwise the next unanswered question, or check answers once all are answered."""
    code = assessment.place.code
    if back_to_check:
        messages.success(request, _("Answer saved."))
        return redirect(reverse("assessments:check", args=[code, assessment.pk]) + f"#q-{key}")
    if request.POST.get("then") == "later":
        messages.success(request, _("Answer saved. You can come back and carry on at any time."))
        return redirect(assessment.get_absolute_url() + "#progress")
    following = flow.next_after(key)
    if following is None:
        messages.success(request, _("Answer saved. Every question is answered: check your answers."))
        return redirect("assessments:check", code, assessment.pk)
    messages.success(request, _("Answer saved."))
    return redirect("assessments:answer", code, assessment.pk, following.key)


@login_required
@require_http_methods(["GET", "POST"])
def answer_edit(request, code: str, pk: int, key: str):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.change_assessment", assessment)
    question = _question(assessment, key)
    back_to_check = (request.POST.get("return") or request.GET.get("return")) == "check"
    existing = selectors.answers_by_key(assessment).get(key)
    initial = {}
    if existing:
        initial = {
            "level": "" if existing.level is None else str(existing.level),
            "evidence": existing.evidence,
            "links": existing.links,
            "confidence": existing.confidence,
        }
    form = AnswerForm(request.POST or None, request.FILES or None, goal=question.get("goal"), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_save(
                assessment=assessment,
                by=request.user,
                level=data["level"],
                evidence=data["evidence"],
                links=data["links"],
                confidence=data["confidence"],
                file=data.get("file"),
                **question,
            )
        except ValidationError as error:
            _form_error(form, error)
        else:
            return _after_answer(request, assessment, key, selectors.flow(assessment), back_to_check)
    flow = selectors.flow(assessment)
    can_history = existing is not None and request.user.has_perm("core.view_history", existing)
    return render(
        request,
        "assessments/answer_form.html",
        {
            "place": assessment.place,
            "assessment": assessment,
            "form": form,
            "existing": existing,
            "can_history": can_history,
            "flow": flow,
            "current": flow.get(key),
            "back_to_check": back_to_check,
            **question,
        },
    )


def _check_answers(request, assessment, error=None):
    """The "check your answers" page: every question with its answer, the unanswered ones first; the officers
    change answers and send the assessment to the sponsor from here, the sponsor confirms here."""
    user = request.user
    flow = selectors.flow(assessment)
    return render(
        request,
        "assessments/check_answers.html",
        {
            "place": assessment.place,
            "assessment": assessment,
            "flow": flow,
            "blocks": flow.by_theme(),
            "can_change": user.has_perm("assessments.change_assessment", assessment),
            "can_confirm": user.has_perm("assessments.confirm_assessment", assessment),
            "can_send": user.has_perm("assessments.send_to_sponsor", assessment),
            "can_invite_sponsor": user.has_perm("accounts.invite_to_place", assessment.place),
            "sponsors": selectors.place_sponsors(assessment.place),
            "error": error,
        },
    )


@login_required
@require_http_methods(["GET"])
def check_answers(request, code: str, pk: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.check_answers", assessment)
    return _check_answers(request, assessment)


@login_required
@require_POST
def assessment_send(request, code: str, pk: int):
    """An officer sends the draft to the place's senior sponsors, who are told it is ready to confirm."""
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.send_to_sponsor", assessment)
    try:
        services.assessment_send_to_sponsor(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("assessments:check", code, assessment.pk)
    if any(person.pk != request.user.pk for person in selectors.place_sponsors(assessment.place)):
        messages.success(request, _("Sent to the sponsor. They have been told it is ready to confirm."))
    else:
        messages.warning(
            request,
            _(
                "Marked as sent to the sponsor, but %(place)s has no senior sponsor with an account yet, so nobody "
                "was told. Once one is invited, the assessment waits on their home page to be confirmed."
            )
            % {"place": assessment.place.name},
        )
    return redirect(assessment)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_confirm(request, code: str, pk: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.confirm_assessment", assessment)
    error = None
    if request.method == "POST":
        try:
            services.assessment_confirm(assessment=assessment, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("Assessment confirmed."))
            return redirect(assessment)
    return _check_answers(request, assessment, error=error)


@login_required
@require_http_methods(["GET", "POST"])
def contributor_invite(request, code: str, pk: int):
    from inclusive_cities.accounts.models import PlaceRole, User

    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.invite_contributor", assessment)
    partners = User.objects.filter(
        place_roles__place=assessment.place, place_roles__role=PlaceRole.PARTNER, is_active=True
    ).distinct()
    goals = Goal.objects.filter(theme__framework=assessment.framework).order_by("code")
    form = ContributionRequestForm(request.POST or None, partners=partners, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_request_create(assessment=assessment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("%(who)s has been asked to contribute.") % {"who": form.cleaned_data["partner"]}
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/contributor_invite.html",
        {
            "place": assessment.place,
            "assessment": assessment,
            "form": form,
            "requests": selectors.contribution_requests(assessment=assessment),
            "has_partners": partners.exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contribute(request, code: str, pk: int, goal_code: str):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.contribute", assessment)
    goal = get_object_or_404(
        Goal.objects.select_related("theme"), theme__framework=assessment.framework, code=goal_code[:10]
    )
    form = ContributionForm(request.POST or None, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.contribution_submit(assessment=assessment, goal=goal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Thank you. The officer will review your answer for %(code)s.") % {"code": goal.code}
            )
            return redirect(assessment)
    return render(
        request,
        "assessments/contribute_form.html",
        {"place": assessment.place, "assessment": assessment, "goal": goal, "form": form},
    )


@login_required
@require_POST
def contribution_decide(request, code: str, pk: int, contribution_id: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.change_assessment", assessment)
    contribution = get_object_or_404(
        Contribution, pk=contribution_id, request__assessment=assessment, state=ContributionState.PENDING
    )
    accept = request.POST.get("decision") == "accept"
    try:
        services.contribution_decide(contribution=contribution, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        text = _("Contribution for %(code)s accepted.") if accept else _("Contribution for %(code)s not used.")
        messages.success(request, text % {"code": contribution.goal.code})
    return redirect(assessment)


def answer_file(request, code: str, pk: int, answer_id: int):
    """A supporting file, served only to those who may see the assessment (never from a public media URL)."""
    from django.http import FileResponse

    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    answer = get_object_or_404(Answer, pk=answer_id, assessment=assessment)
    if not answer.file:
        raise Http404
    return FileResponse(answer.file.open("rb"), as_attachment=True, filename=answer.file.name.rsplit("/", 1)[-1])


def assessment_pdf(request, code: str, pk: int):
    from inclusive_cities.core.pdf import anonymous_limit, render_pdf

    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    if (refused := anonymous_limit(request, page_url=assessment.get_absolute_url())) is not None:
        return refused
    context = selectors.report(assessment, with_suggestions=False)
    pdf = render_pdf("assessments/assessment_pdf.html", {**context, "place": assessment.place}, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.place.code}-{assessment.pk}.pdf"'
    return response


def assessment_csv(request, code: str, pk: int):
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    context = selectors.report(assessment, with_suggestions=False)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="assessment-{assessment.place.code}-{assessment.pk}.csv"'
    writer = spreadsheet.writer(response)
    writer.writerow(
        [
            "place_code",
            "place",
            "assessment",
            "status",
            "kind",
            "code",
            "theme",
            "principle",
            "title",
            "level",
            "level_name",
            "score_0_100",
            "confidence",
            "evidence",
            "links",
            "answered_by",
        ]
    )
    head = [assessment.place.code, assessment.place.name, assessment.title, assessment.status]
    for block in context["questions"]:
        theme = block["theme"]
        for goal, answer in block["goals"]:
            writer.writerow(head + ["goal", goal.code, theme.code, "", goal.title, *_answer_cells(answer)])
        for principle, answer in block["principles"]:
            writer.writerow(
                head
                + [
                    "principle_in_theme",
                    f"{principle.code}-{theme.code}",
                    theme.code,
                    principle.code,
                    principle.name,
                    *_answer_cells(answer),
                ]
            )
    for line in context["scores"].themes:
        writer.writerow(
            head
            + [
                "theme_score",
                line.code,
                line.code,
                "",
                line.name,
                "",
                "",
                _num(line.score),
                "",
                f"{line.answered} of {line.total} answered",
                "",
                "",
            ]
        )
    for line in context["scores"].principles:
        writer.writerow(
            head
            + [
                "principle_score",
                line.code,
                "",
                line.code,
                line.name,
                "",
                "",
                _num(line.score),
                "",
                f"{line.answered} of {line.total} answered",
                "",
                "",
            ]
        )
    return response


def _num(value):
    return "" if value is None else f"{value:.1f}"


def _answer_cells(answer):
    if answer is None or answer.level is None:
        return [
            "",
            "not answered",
            "",
            answer.confidence if answer else "",
            answer.evidence if answer else "",
            " ".join(answer.link_list()) if answer else "",
            str(answer.answered_by or "") if answer else "",
        ]
    return [
        answer.level,
        answer.get_level_display(),
        _num(answer.level / 4 * 100),
        answer.confidence,
        answer.evidence,
        " ".join(answer.link_list()),
        str(answer.answered_by or ""),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def gap_to_priority(request, code: str, pk: int, theme_code: str):
    """Three steps, and only the last writes: choose the plan (GET), see what will be added (POST), confirm
    (POST with `confirmed`)."""
    assessment = selectors.assessment_get(user=request.user, place=place_get(code), pk=pk)
    _check(request.user, "assessments.make_priority", assessment)
    theme = get_object_or_404(Theme, framework=assessment.framework, code=theme_code[:10])
    form = GapPlanForm(request.POST if request.method == "POST" else None, plans=selectors.gap_plans(assessment))
    context = {"place": assessment.place, "assessment": assessment, "theme": theme, "form": form}
    if request.method == "POST" and form.is_valid():
        plan = form.chosen_plan()
        if request.POST.get("confirmed") != "yes":
            title, description = selectors.gap_priority_text(assessment, theme)
            context.update({"plan": plan, "title": title, "description": description})
            return render(request, "assessments/gap_confirm.html", context)
        try:
            priority = services.gap_to_priority(assessment=assessment, theme=theme, by=request.user, plan=plan)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("The priority “%(title)s” is in the plan “%(plan)s”.")
                % {"title": priority.title, "plan": priority.plan.title},
            )
            try:
                return redirect(priority.plan.get_absolute_url())
            except NoReverseMatch:  # the plans pages may not be routed yet
                return redirect(assessment)
    return render(request, "assessments/gap_plan.html", context)


@login_required
def network_view(request):
    _check(request.user, "assessments.view_network")
    framework = framework_current()
    versions = list(Framework.objects.filter(status=FrameworkStatus.PUBLISHED).order_by("-published_at"))
    wanted = request.GET.get("version", "").strip()[:20]
    version = next((f for f in versions if f.version == wanted), None)
    return render(
        request,
        "assessments/network.html",
        {
            "overview": selectors.network_overview(framework, version=version),
            "framework": framework,
            "versions": versions,
            "version": version,
            "unknown_version": wanted if wanted and version is None else "",
            "min_group": 5,
        },
    )
