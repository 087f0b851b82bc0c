"""Views for action plans. Thin: look up (404 when the plan is hidden from the user), check, call a service, render."""

import difflib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.accounts.models import PlaceRole
from inclusive_cities.accounts.roles import roles_of
from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.core.pdf import anonymous_limit, render_pdf
from inclusive_cities.core.translated import writing_content
from inclusive_cities.framework.selectors import framework_current

from . import charts, exchange, selectors, services
from .forms import (
    ActionForm,
    CommentForm,
    ImportForm,
    MeasureForm,
    MilestoneForm,
    PlanForm,
    PriorityForm,
    ProgressForm,
    PublishForm,
)
from .models import ActionPlan, ActionStatus, PlanStatus

try:  # Evidence recommendations and pinned case studies, when the evidence app provides them.
    from inclusive_cities.evidence.selectors import attach_pins, pins_for, recommend, target_text
except ImportError:  # pragma: no cover - depends on another app's progress
    recommend = attach_pins = pins_for = target_text = None


def _plan(request, code: str, pk: int) -> ActionPlan:
    place = selectors.place_get(code=code)
    return selectors.plan_get(user=request.user, place=place, pk=pk)


def _check(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _apply(form, call) -> bool:
    """Run a service; show its ValidationError on the form instead of writing half a record."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


def _perms(request, plan: ActionPlan) -> dict:
    user = request.user
    return {
        "can_change": user.has_perm("plans.change_actionplan", plan),
        "can_submit": user.has_perm("plans.submit_actionplan", plan),
        "can_comment": user.has_perm("plans.comment_actionplan", plan),
        "can_sign_off": user.has_perm("plans.signoff_actionplan", plan),
        "can_publish": user.has_perm("plans.publish_actionplan", plan),
        "can_return": user.has_perm("plans.return_actionplan", plan),
        "can_new_version": user.has_perm("plans.new_version_actionplan", plan),
        "can_history": user.has_perm("core.view_history", plan),
        "can_see_comments": user.has_perm("plans.view_comments", plan),
        "can_import": user.has_perm("plans.change_actionplan", plan),
        "can_pin": user.has_perm("evidence.pin_casestudy", plan),
    }


def _recommendations(priority, action=None) -> list:
    """Case studies for a priority (or one of its actions): its themes and principles, and its own words (an
    action's words weigh more: they say precisely what will be done)."""
    if recommend is None:
        return []
    from inclusive_cities.core.pagecache import memoized_on

    themes = sorted(t.code for t in priority.themes.all())
    principles = sorted(p.code for p in priority.principles.all())
    with writing_content():  # the English, which the case studies' index and embeddings hold
        text = target_text(action=action) if action is not None else target_text(priority=priority)
    limit, weight = (5, 5.0) if action is not None else (3, 3.0)
    try:
        # Scoring every published case study costs ~0.4 s a priority at national volume: kept until the case studies
        # or the places they name change (everything else it depends on is in the arguments).
        return memoized_on(
            ("evidence", "network"),
            "plans.recommendations",
            (themes, principles, text, limit, weight, get_language()),
            lambda: recommend(
                theme_codes=themes, principle_codes=principles, text=text, limit=limit, text_weight=weight
            ),
        )
    except Exception:  # noqa: BLE001 - another app's failure must not take the plan page down
        return []


# --- Lists ----------------------------------------------------------------------------------------------------


def index(request):
    """Published plans for everyone; for network staff, every place's plan status at a glance."""
    page = Paginator(selectors.published_plans(), 50).get_page(request.GET.get("page"))
    network = None
    if request.user.has_perm("plans.view_network"):
        # 50 places a page: 361 rows took 0.4 s to render on every view.
        network = Paginator(selectors.network_overview(user=request.user), 50).get_page(request.GET.get("network_page"))
    return render(request, "plans/index.html", {"page_obj": page, "network": network, "statuses": PlanStatus})


def place_plans(request, code: str):
    place = selectors.place_get(code=code)
    plans = selectors.plans_for_place(user=request.user, place=place)
    return render(
        request,
        "plans/place_plans.html",
        {"place": place, "plans": plans, "can_add": request.user.has_perm("plans.add_actionplan", place)},
    )


def place_current(request, code: str):
    """The stable public address of a place's current published plan."""
    place = selectors.place_get(code=code)
    plan = selectors.current_published(place=place)
    if plan is None:
        raise Http404
    return plan_detail(request, code, plan.pk)


# --- Plan ------------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, code: str):
    place = selectors.place_get(code=code)
    _check(request, "plans.add_actionplan", place)
    framework = framework_current()
    form = PlanForm(request.POST or None, place=place)
    if request.method == "POST" and form.is_valid():
        holder = {}

        def call():
            holder["plan"] = services.plan_create(
                place=place, by=request.user, framework=framework, **form.cleaned_data
            )

        if framework is None:
            form.add_error(None, _("There is no published framework version to plan against yet."))
        elif _apply(form, call):
            messages.success(request, _("Draft plan created. Add its priorities next."))
            return redirect(holder["plan"].get_absolute_url())
    return render(request, "plans/plan_form.html", {"place": place, "form": form, "plan": None})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    form = PlanForm(request.POST or None, instance=plan, place=plan.place)
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: services.plan_update(plan=plan, by=request.user, **form.cleaned_data)):
            messages.success(request, _("Plan saved."))
            return redirect(plan.get_absolute_url())
    return render(request, "plans/plan_form.html", {"place": plan.place, "form": form, "plan": plan})


def plan_detail(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    priorities = selectors.plan_tree(plan)
    baseline = selectors.baseline_context(user=request.user, place=plan.place)
    actions = [a for p in priorities for a in p.actions.all()]
    selectors.annotate_measures(actions, plan)
    selectors.measure_series(actions, plan)
    for priority in priorities:
        priority.measures = [m for a in priority.actions.all() for m in a.measures.all()]
        charts.attach(priority.measures)
        priority.recommendations = _recommendations(priority)
        codes = {t.code for t in priority.themes.all()}
        priority.baseline = [a for a in baseline if codes & {t.code for t in a.themes.all()}]
    if attach_pins is not None:
        attach_pins(user=request.user, priorities=priorities)
    perms = _perms(request, plan)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "place": plan.place,
            "priorities": priorities,
            "threads": selectors.comment_threads(plan) if perms["can_see_comments"] else [],
            "comment_form": CommentForm(),
            "versions": selectors.plans_for_place(user=request.user, place=plan.place),
            "rule": selectors.ROLL_UP_RULE,
            **perms,
        },
    )


def _sign_off_refusal(place) -> str:
    return _("Only %(place)s’s senior sponsor can sign off its plan, and only while the plan is in review.") % {
        "place": place
    }


STEPS = {
    "submit": (
        "plans.submit_actionplan",
        services.plan_submit,
        gettext_lazy("Submit this plan for review"),
        gettext_lazy("Plan submitted for review."),
    ),
    "sign-off": (
        "plans.signoff_actionplan",
        services.plan_sign_off,
        gettext_lazy("Sign off this plan"),
        gettext_lazy("Plan signed off."),
    ),
    "publish": (
        "plans.publish_actionplan",
        services.plan_publish,
        gettext_lazy("Publish this plan"),
        gettext_lazy("Plan published."),
    ),
    "return": (
        "plans.return_actionplan",
        services.plan_return_to_draft,
        gettext_lazy("Return this plan to draft for changes"),
        gettext_lazy("Plan returned to draft."),
    ),
    "new-version": (
        "plans.new_version_actionplan",
        services.plan_new_version,
        gettext_lazy("Start a new version of this plan"),
        gettext_lazy("New draft version started."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def plan_step(request, code: str, pk: int, step: str):
    """Confirm (GET) and take (POST) one workflow step."""
    if step not in STEPS:
        raise Http404
    perm, service, title, done = STEPS[step]
    try:
        plan = _plan(request, code, pk)
    except Http404:
        place = selectors.place_get(code=code)
        if step == "sign-off" and roles_of(request.user).place_ids(PlaceRole.SPONSOR):
            # A sponsor elsewhere is told plainly why not, without being shown the unpublished plan.
            return render(
                request, "plans/refused.html", {"place": place, "message": _sign_off_refusal(place)}, status=403
            )
        raise
    if not request.user.has_perm(perm, plan):
        if step == "sign-off":
            return render(
                request,
                "plans/refused.html",
                {"plan": plan, "place": plan.place, "message": _sign_off_refusal(plan.place)},
                status=403,
            )
        raise PermissionDenied
    error = None
    # Publishing asks whether the plan replaces another of the place's published plans (when there are any).
    form = None
    if step == "publish" and selectors.replaceable_plans(place=plan.place, plan=plan).exists():
        form = PublishForm(request.POST or None, plan=plan)
    if request.method == "POST" and (form is None or form.is_valid()):
        extra = {"replaces": form.cleaned_data["replaces"]} if form is not None else {}
        try:
            result = service(plan=plan, by=request.user, **extra)
        except ValidationError as exc:
            if form is not None and hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                error = " ".join(exc.messages)
        else:
            messages.success(request, done)
            return redirect(result.get_absolute_url())
    unresolved = plan.comments.filter(resolved_at__isnull=True).count() if step in ("sign-off", "publish") else 0
    return render(
        request,
        "plans/plan_step.html",
        {"plan": plan, "step": step, "title": title, "error": error, "unresolved": unresolved, "form": form},
    )


# --- Priorities and actions -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def priority_form(request, code: str, pk: int, priority_pk: int | None = None):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    priority = selectors.priority_get(plan=plan, pk=priority_pk) if priority_pk else None
    form = PriorityForm(request.POST or None, instance=priority, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.priority_save(
                plan=plan,
                by=request.user,
                priority=priority,
                title=data["title"],
                description=data["description"],
                order=data["order"] or 0,
                **form.welsh_cleaned(),
                themes=data["themes"],
                principles=data["principles"],
            ),
        ):
            messages.success(request, _("Priority saved."))
            return redirect(plan.get_absolute_url())
    return render(request, "plans/priority_form.html", {"plan": plan, "form": form, "priority": priority})


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, code: str, pk: int, priority_pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    priority = selectors.priority_get(plan=plan, pk=priority_pk)
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        holder = {}

        def call():
            holder["a"] = services.action_create(priority=priority, by=request.user, **form.values())

        if _apply(form, call):
            messages.success(request, _("Action added."))
            return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=holder["a"].pk)
    return render(request, "plans/action_form.html", {"plan": plan, "priority": priority, "form": form, "action": None})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, code: str, pk: int, action_pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    action = selectors.action_get(plan=plan, pk=action_pk)
    form = ActionForm(request.POST or None, instance=action, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        expected = form.cleaned_data.get("lock_version")
        try:
            services.action_update(
                action=action,
                by=request.user,
                expected_lock_version=expected if expected is not None else -1,
                **form.values(),
            )
        except services.EditConflict as exc:
            conflict = exc
            # Show what they typed, but against the current version: saving again overwrites knowingly.
            data = request.POST.copy()
            data["lock_version"] = exc.action.lock_version
            form = ActionForm(data, instance=exc.action, plan=plan)
            form.is_valid()
            response = render(
                request,
                "plans/action_form.html",
                {"plan": plan, "priority": action.priority, "form": form, "action": action, "conflict": conflict},
                status=409,
            )
            return response
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Action saved."))
            return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)
    return render(
        request, "plans/action_form.html", {"plan": plan, "priority": action.priority, "form": form, "action": action}
    )


# What may be deleted while a plan is editable: kind -> (find it, delete it).
DELETABLE = {
    "priority": (selectors.priority_get, lambda item, by: services.priority_delete(priority=item, by=by)),
    "action": (selectors.action_get, lambda item, by: services.action_delete(action=item, by=by)),
    "measure": (selectors.measure_get, lambda item, by: services.measure_delete(measure=item, by=by)),
    "milestone": (selectors.milestone_get, lambda item, by: services.milestone_delete(milestone=item, by=by)),
}


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, code: str, pk: int, kind: str, item_pk: int):
    """Confirm (GET) and delete (POST) a priority (with its actions), an action, a measure or a milestone, while
    the plan is editable."""
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    if kind not in DELETABLE:
        raise Http404
    find, remove = DELETABLE[kind]
    item = find(plan=plan, pk=item_pk)
    back = (
        reverse("plans:action_detail", args=[plan.place.code, plan.pk, item.action_id])
        if kind in ("measure", "milestone")
        else plan.get_absolute_url()
    )
    if request.method == "POST":
        try:
            remove(item, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        messages.success(request, _("“%(title)s” deleted.") % {"title": str(item)})
        return redirect(back)
    return render(request, "plans/delete.html", {"plan": plan, "item": item, "kind": kind, "back": back})


def _case_study_link(request, plan, action) -> str:
    """For a completed action, a link that opens the evidence base's contribution form pre-filled from it, for the
    place's officers and facilitators (who may contribute case studies)."""
    if action.status != ActionStatus.COMPLETED or not request.user.has_perm("evidence.add_casestudy"):
        return ""
    roles = roles_of(request.user)
    if not (roles.is_network_staff or plan.place_id in roles.place_ids(PlaceRole.OFFICER)):
        return ""
    try:
        url = reverse("evidence:contribute")
    except NoReverseMatch:  # pragma: no cover - the evidence app is optional to this one
        return ""
    latest = action.latest
    params = [
        ("title", action.title),
        ("summary", action.description),
        ("outcomes", "\n\n".join(filter(None, [action.success_criteria, latest.narrative if latest else ""]))),
        ("place_name", plan.place.name),
        ("source_document", f"{plan.place.name}: {plan.title}, version {plan.version}"),
        ("year", str((action.end_date or timezone.localdate()).year)),
        *[("themes", theme.code) for theme in action.priority.themes.all()],
        *[("principles", principle.code) for principle in action.priority.principles.all()],
    ]
    return f"{url}?{urlencode(params)}"


def action_detail(request, code: str, pk: int, action_pk: int):
    plan = _plan(request, code, pk)
    action = selectors.action_get(plan=plan, pk=action_pk)
    action.progress = selectors.action_progress(action)
    action.latest = selectors.latest_update(action)
    selectors.annotate_measures([action], plan)
    action.recommendations = _recommendations(action.priority, action=action)
    action.pinned = pins_for(user=request.user, action=action) if pins_for is not None else []
    perms = _perms(request, plan)
    return render(
        request,
        "plans/action_detail.html",
        {
            "plan": plan,
            "action": action,
            "meetings": selectors.action_meetings(user=request.user, action=action),
            "measure_form": MeasureForm(action=action) if perms["can_change"] else None,
            "milestone_form": MilestoneForm(),
            "can_post_progress": request.user.has_perm("plans.post_progress", action),
            "case_study_url": _case_study_link(request, plan, action),
            "stale": selectors.is_stale(action, plan) if plan.status == PlanStatus.PUBLISHED else False,
            "rule": selectors.ROLL_UP_RULE,
            "on_track_rule": selectors.ON_TRACK_RULE,
            **perms,
        },
    )


@login_required
@require_POST
def measure_add(request, code: str, pk: int, action_pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    action = selectors.action_get(plan=plan, pk=action_pk)
    form = MeasureForm(request.POST, action=action)
    if form.is_valid() and _apply(form, lambda: services.measure_add(action=action, by=request.user, **form.values())):
        messages.success(request, _("Measure added."))
        return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)
    return render(request, "plans/measure_form.html", {"plan": plan, "action": action, "form": form})


@login_required
def measure_edit(request, code: str, pk: int, action_pk: int, measure_pk: int):
    """Change a measure (its indicator, baseline, target, target date, direction) while the plan is editable."""
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    action = selectors.action_get(plan=plan, pk=action_pk)
    measure = next((m for m in action.measures.all() if m.pk == measure_pk), None)
    if measure is None:
        raise Http404
    form = MeasureForm(request.POST or None, action=action, measure=measure)
    if (
        request.method == "POST"
        and form.is_valid()
        and _apply(form, lambda: services.measure_update(measure=measure, by=request.user, **form.values()))
    ):
        messages.success(request, _("Measure saved."))
        return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)
    return render(
        request, "plans/measure_form.html", {"plan": plan, "action": action, "form": form, "measure": measure}
    )


@login_required
@require_POST
def milestone_add(request, code: str, pk: int, action_pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    action = selectors.action_get(plan=plan, pk=action_pk)
    form = MilestoneForm(request.POST)
    if form.is_valid() and _apply(
        form, lambda: services.milestone_add(action=action, by=request.user, **form.cleaned_data)
    ):
        messages.success(request, _("Milestone added."))
    else:
        messages.error(
            request,
            _("The milestone was not added: %(e)s") % {"e": "; ".join(" ".join(v) for v in form.errors.values())},
        )
    return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)


@login_required
@require_POST
def milestone_done(request, code: str, pk: int, action_pk: int, milestone_pk: int):
    plan = _plan(request, code, pk)
    action = selectors.action_get(plan=plan, pk=action_pk)
    if not (
        request.user.has_perm("plans.post_progress", action) or request.user.has_perm("plans.change_actionplan", plan)
    ):
        raise PermissionDenied
    milestone = action.milestones.filter(pk=milestone_pk).first()
    if milestone is None:
        raise Http404
    services.milestone_complete(milestone=milestone, by=request.user, completed_on=timezone.localdate())
    messages.success(request, _("Milestone marked as done."))
    return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)


# --- Progress -----------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def progress_add(request, code: str, pk: int, action_pk: int):
    plan = _plan(request, code, pk)
    action = selectors.action_get(plan=plan, pk=action_pk)
    _check(request, "plans.post_progress", action)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        action=action,
        initial={"date": timezone.localdate(), "status": action.status, "rag": action.rag},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.progress_post(
                action=action,
                by=request.user,
                date=data["date"],
                status=data["status"],
                rag=data["rag"],
                narrative=data["narrative"],
                evidence_url=data["evidence_url"],
                evidence_file=data.get("evidence_file") or None,
                measure_values=form.measure_values(),
            ),
        ):
            messages.success(request, _("Progress update posted."))
            return redirect("plans:action_detail", code=plan.place.code, pk=plan.pk, action_pk=action.pk)
    return render(request, "plans/progress_form.html", {"plan": plan, "action": action, "form": form})


def evidence_file(request, code: str, pk: int, action_pk: int, update_pk: int):
    """An update's evidence file, to whoever may read the plan (a published plan's evidence is public)."""
    plan = _plan(request, code, pk)
    action = selectors.action_get(plan=plan, pk=action_pk)
    update = action.updates.filter(pk=update_pk).first()
    if update is None or not update.evidence_file:
        raise Http404
    try:
        handle = update.evidence_file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=update.evidence_file.name.rsplit("/", 1)[-1])


def dashboard(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.view_dashboard", plan)
    context = _dashboard_context(plan)
    selectors.measure_series([a for p in context["d"].priorities for a in p.actions.all()], plan)
    charts.attach(context["d"].measures)
    return render(request, "plans/dashboard.html", {"plan": plan, **context, **_perms(request, plan)})


def _dashboard_context(plan) -> dict:
    d = selectors.dashboard(plan)
    by_theme = [
        (theme, [counts.get(v, 0) for v in ActionStatus.values], progress) for theme, counts, progress in d.by_theme
    ]
    return {"d": d, "by_theme": by_theme, "statuses": ActionStatus.choices}


# --- Review comments ------------------------------------------------------------------------------------------------


@login_required
@require_POST
def comment_add(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.comment_actionplan", plan)
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid():
        if form.cleaned_data.get("parent"):
            parent = plan.comments.filter(pk=form.cleaned_data["parent"]).first()
            if parent is None:
                raise Http404
        if _apply(
            form,
            lambda: services.comment_add(plan=plan, by=request.user, body=form.cleaned_data["body"], parent=parent),
        ):
            messages.success(request, _("Comment added."))
            return redirect(plan.get_absolute_url() + "#review")
    messages.error(request, _("The comment was not added: enter a comment of up to 5,000 characters."))
    return redirect(plan.get_absolute_url() + "#review")


@login_required
@require_POST
def comment_resolve(request, code: str, pk: int, comment_pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.comment_actionplan", plan)
    comment = plan.comments.filter(pk=comment_pk).first()
    if comment is None:
        raise Http404
    resolved = request.POST.get("resolved", "1") == "1"
    services.comment_resolve(comment=comment, by=request.user, resolved=resolved)
    messages.success(request, _("Comment resolved.") if resolved else _("Comment reopened."))
    return redirect(plan.get_absolute_url() + "#review")


# --- Versions -------------------------------------------------------------------------------------------------------


def compare(request, code: str, pk: int):
    """Two versions of a plan side by side, changed lines highlighted. ?other=<pk> (defaults to the previous)."""
    plan = _plan(request, code, pk)
    versions = list(selectors.plans_for_place(user=request.user, place=plan.place))
    other_pk = request.GET.get("other")
    other = None
    if other_pk:
        if not other_pk.isdigit():
            raise Http404
        other = selectors.plan_get(user=request.user, place=plan.place, pk=int(other_pk))
    else:
        other = (
            plan.previous if plan.previous and request.user.has_perm("plans.view_actionplan", plan.previous) else None
        )
    rows = []
    if other is not None:
        # The one started first is on the left (plans of different lines have unrelated version numbers).
        old, new = (other, plan) if other.pk <= plan.pk else (plan, other)
        left, right = selectors.plan_as_lines(old), selectors.plan_as_lines(new)
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=left, b=right, autojunk=False).get_opcodes():
            if tag == "equal":
                rows += [("equal", a, b) for a, b in zip(left[i1:i2], right[j1:j2], strict=True)]
            else:
                a_part, b_part = left[i1:i2], right[j1:j2]
                for k in range(max(len(a_part), len(b_part))):
                    rows.append((tag, a_part[k] if k < len(a_part) else "", b_part[k] if k < len(b_part) else ""))
    else:
        old = new = None
    changed = sum(1 for r in rows if r[0] != "equal")
    only_changes = request.GET.get("changes") == "only"
    if only_changes:
        rows = [r for r in rows if r[0] != "equal"]
    return render(
        request,
        "plans/compare.html",
        {
            "plan": plan,
            "old": old,
            "new": new,
            "rows": rows,
            "versions": versions,
            "changed": changed,
            "only_changes": only_changes,
            "other": other,
        },
    )


# --- Exports, import, PDFs -------------------------------------------------------------------------------------------


def export(request, code: str, pk: int, what: str):
    plan = _plan(request, code, pk)
    filename = f"{plan.place.code}-plan-v{plan.version}"
    if what == "json":
        data = exchange.export_json(plan, build_url=request.build_absolute_uri)
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    if what not in ("actions", "updates"):
        raise Http404
    response = HttpResponse(exchange.export_csv(plan, what=what), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{what}.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_file(request, code: str, pk: int):
    plan = _plan(request, code, pk)
    _check(request, "plans.change_actionplan", plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = exchange.import_plan_file(
                plan=plan, by=request.user, text=form.cleaned_data["file"]["text"], fmt=form.cleaned_data["file"]["fmt"]
            )
        except exchange.ImportFailed as failure:
            errors = failure.errors
        else:
            message = _("Imported %(p)s priorities and %(a)s actions.") % {"p": result.priorities, "a": result.actions}
            if result.skipped_updates:
                message += " " + _(
                    "%(n)s progress updates in the file were not imported: progress is posted on the published plan."
                ) % {"n": result.skipped_updates}
            messages.success(request, message)
            return redirect(plan.get_absolute_url())
    return render(
        request,
        "plans/import.html",
        {"plan": plan, "form": form, "errors": errors, "columns": exchange.COLUMNS},
        status=400 if errors else 200,
    )


def plan_pdf(request, code: str, pk: int, kind: str):
    plan = _plan(request, code, pk)
    if kind not in ("plan", "progress"):
        raise Http404
    page = plan.get_absolute_url() if kind == "plan" else reverse("plans:dashboard", args=[code, pk])
    if (refused := anonymous_limit(request, page_url=page)) is not None:
        return refused
    context = {"plan": plan, **_dashboard_context(plan), "generated": timezone.now()}
    if attach_pins is not None:
        attach_pins(user=request.user, priorities=context["d"].priorities)
    pdf = render_pdf(f"plans/pdf_{kind}.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{plan.place.code}-{kind}-v{plan.version}.pdf"'
    return response
