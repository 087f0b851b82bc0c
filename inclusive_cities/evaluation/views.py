"""Views for impact evaluation. Thin: look up (404 when not visible), check the permission, call a service."""

import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from inclusive_cities.core.forms import add_service_errors
from inclusive_cities.core.permissions import require

from . import charts, selectors, services
from .estimators import LEVEL_TEXT
from .forms import EvaluationForm
from .models import Design, Evaluation, Result, ResultStatus, Visibility

MAX_QUERY = 200


def _get(request, pk: int) -> Evaluation:
    evaluation = get_object_or_404(Evaluation.objects.select_related("indicator", "place", "action"), pk=pk)
    require(request.user, "evaluation.view_evaluation", evaluation)
    return evaluation


def evaluation_list(request):
    q = request.GET.get("q", "")[:MAX_QUERY]
    design = request.GET.get("design", "")
    if design not in Design.values:
        design = ""
    page = Paginator(selectors.evaluation_list(user=request.user, q=q, design=design), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "evaluation/evaluation_list.html",
        {
            "page": page,
            "q": q,
            "design": design,
            "designs": Design.choices,
            "can_add": request.user.has_perm("evaluation.add_evaluation"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request, pk: int | None = None):
    evaluation = _get(request, pk) if pk else Evaluation()
    if pk and not request.user.has_perm("evaluation.change_evaluation", evaluation):
        raise PermissionDenied
    if not pk and not request.user.has_perm("evaluation.add_evaluation"):
        raise PermissionDenied
    initial = {}
    if not pk and request.GET.get("action", "").isdigit():
        from inclusive_cities.plans.models import Action

        action = Action.objects.filter(pk=request.GET["action"]).select_related("priority__plan__place").first()
        if action and request.user.has_perm("plans.view_actionplan", action.priority.plan):
            evaluation.action = action
            evaluation.place = action.priority.plan.place
            initial = {"title": action.title[:200], "treated_text": f"{evaluation.place.code}:"}
    if not pk and request.GET.get("plan", "").isdigit():
        from inclusive_cities.plans.models import ActionPlan

        plan = ActionPlan.objects.filter(pk=request.GET["plan"]).select_related("place").first()
        if plan and request.user.has_perm("plans.view_actionplan", plan):
            evaluation.place = plan.place
            initial = {"title": plan.title[:200], "treated_text": f"{plan.place.code}:{plan.period_start.year}"}
    form = EvaluationForm(request.POST or None, instance=evaluation, initial=initial)
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        if not pk and evaluation.place is None:
            evaluation.place = _own_place(request.user, form.places)
        try:
            services.evaluation_save(
                evaluation=evaluation, treated=form.cleaned_data["treated_text"], places=form.places, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Evaluation plan saved."))
            return redirect(evaluation)
    return render(request, "evaluation/evaluation_form.html", {"form": form, "evaluation": evaluation if pk else None})


def _own_place(user, places):
    """An officer's evaluation belongs to their own place (the first treated place they are an officer of)."""
    from inclusive_cities.accounts.roles import roles_of

    mine = roles_of(user).place_ids("officer")
    return next((p for p in places.values() if p.pk in mine), None)


def evaluation_detail(request, pk: int):
    evaluation = _get(request, pk)
    result = selectors.latest_result(evaluation)
    output = result.output if result and result.status == ResultStatus.DONE else None
    user = request.user
    return render(
        request,
        "evaluation/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "treated": evaluation.treated.select_related("place"),
            "result": result,
            "output": output,
            "level_text": LEVEL_TEXT.get(output["evidence_level"]) if output else "",
            "levels": sorted(LEVEL_TEXT.items()),
            "event_chart": charts.event_study_chart(output) if output and output["event_study"] else None,
            "weights": _weights(output),
            "diagnostics": _diagnostics(output),
            "can_change": user.has_perm("evaluation.change_evaluation", evaluation),
            "can_publish": user.has_perm("evaluation.publish_evaluation", evaluation),
            "can_see_history": user.has_perm("core.view_history", evaluation),
            "case_studies": evaluation.case_studies.all(),
            "rating_cap": services.rating_cap(result),
            "visibilities": Visibility.choices,
            "spec_json": json.dumps(evaluation.registered_spec, indent=2) if evaluation.registered_spec else "",
        },
    )


DIAGNOSTIC_LABELS = {
    "event_times": _("Years relative to the start covered"),
    "pre_trend_chi2": _("Pre-trend test statistic (chi-squared)"),
    "pre_trend_df": _("Pre-trend test degrees of freedom"),
    "pre_rmspe": _("Fit before the start (RMSPE)"),
    "post_rmspe": _("Gap after the start (RMSPE)"),
    "rmspe_ratio": _("Ratio of the two"),
    "placebo_rank": _("Rank among placebo runs (1 = largest)"),
    "placebo_runs": _("Placebo runs (one per donor)"),
    "pre_mean_treated": _("Treated place's mean before the start"),
    "treated_change": _("Mean change in treated places"),
    "comparison_change": _("Mean change in comparison places"),
}


def _diagnostics(output) -> list[tuple[str, str]]:
    rows = []
    for key, value in (output or {}).get("diagnostics", {}).items():
        if isinstance(value, float):
            value = f"{value:.4g}"
        elif isinstance(value, list):
            value = " to ".join(map(str, value))
        rows.append((DIAGNOSTIC_LABELS.get(key, key.replace("_", " ").capitalize()), value))
    return rows


def _weights(output):
    if not output or not output.get("weights"):
        return []
    from inclusive_cities.network.models import Place

    names = dict(Place.objects.filter(code__in=[w["unit"] for w in output["weights"]]).values_list("code", "name"))
    return [{**w, "name": names.get(w["unit"], w["unit"])} for w in output["weights"]]


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_register(request, pk: int):
    evaluation = _get(request, pk)
    if not request.user.has_perm("evaluation.change_evaluation", evaluation):
        raise PermissionDenied
    if request.method == "POST":
        try:
            services.evaluation_register(evaluation=evaluation, by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Plan registered. Its specification is now locked."))
        return redirect(evaluation)
    return render(request, "evaluation/evaluation_register.html", {"evaluation": evaluation, "spec": evaluation.spec()})


@login_required
@require_POST
def evaluation_run(request, pk: int):
    evaluation = _get(request, pk)
    if not request.user.has_perm("evaluation.change_evaluation", evaluation):
        raise PermissionDenied
    try:
        result = services.evaluation_run(evaluation=evaluation, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if result.status == ResultStatus.FAILED:
            messages.error(request, _("The estimate failed: %(error)s") % {"error": result.error})
        else:
            messages.success(request, _("Estimate started."))
    return redirect(evaluation)


@login_required
@require_POST
def evaluation_visibility(request, pk: int):
    evaluation = _get(request, pk)
    visibility = request.POST.get("visibility", "")
    perm = "evaluation.publish_evaluation" if visibility == Visibility.PUBLIC else "evaluation.change_evaluation"
    if not request.user.has_perm(perm, evaluation):
        raise PermissionDenied
    try:
        services.evaluation_set_visibility(evaluation=evaluation, visibility=visibility, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Who may see it: %(v)s.") % {"v": evaluation.get_visibility_display()})
    return redirect(evaluation)


@login_required
@require_POST
def evaluation_cite(request, pk: int):
    """Link a case study that cites the evaluation; facilitators may raise its evidence rating, with a reason."""
    from inclusive_cities.evidence.models import CaseStudy

    evaluation = _get(request, pk)
    if not request.user.has_perm("evaluation.publish_evaluation", evaluation):
        raise PermissionDenied
    slug = request.POST.get("case_study", "").strip()[:120]
    case_study = CaseStudy.objects.filter(slug=slug).first()
    if case_study is None:
        messages.error(request, _("No case study has the short name “%(slug)s”.") % {"slug": slug})
        return redirect(evaluation)
    rating = request.POST.get("rating", "")
    try:
        services.evaluation_cite(
            evaluation=evaluation,
            case_study=case_study,
            new_rating=int(rating) if rating.isdigit() else None,
            reason=request.POST.get("reason", "")[:1000],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(title)s now cites this evaluation.") % {"title": case_study.title})
    return redirect(evaluation)


REPLICATION_SCRIPT = '''"""Rerun this estimate with public libraries: pip install pandas pyfixest==0.60.0 differences==0.3.0 scipy"""
import json

import pandas as pd

spec = json.load(open("spec.json"))
panel = pd.read_csv("panel.csv", dtype={"unit": str})
method = spec["method"]
if method == "twfe":
    import pyfixest as pf

    panel["D"] = ((panel.cohort > 0) & (panel.time >= panel.cohort)).astype(float)
    print(pf.feols("y ~ D | unit + time", data=panel, vcov={"CRV1": "unit"}).tidy())
elif method == "did":
    import numpy as np
    from differences import ATTgt

    panel["cohort"] = panel["cohort"].where(panel["cohort"] > 0, np.nan)
    att = ATTgt(data=panel.set_index(["unit", "time"]), cohort_column="cohort", base_period="universal")
    att.fit("y", control_group="never_treated", progress_bar=False)
    print(att.aggregate("simple"))
    print(att.aggregate("event"))
else:
    print("See the platform's inclusive_cities/evaluation/estimators.py for", method)
print("Platform result:", json.dumps(spec["result"], indent=2)[:2000])
'''


def result_replication(request, pk: int, result_id: int):
    evaluation = _get(request, pk)
    result = get_object_or_404(Result, pk=result_id, evaluation=evaluation, status=ResultStatus.DONE)
    spec = {
        "method": result.method,
        "specification": result.spec,
        "panel_sha256": result.inputs_sha256,
        "seed": result.seed,
        "library_versions": result.versions,
        "result": {k: result.output.get(k) for k in ("att", "ci_low", "ci_high", "p_value", "n_units", "n_treated")},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("panel.csv", result.panel_csv)
        z.writestr("spec.json", json.dumps(spec, indent=2))
        z.writestr("rerun.py", REPLICATION_SCRIPT)
        z.writestr(
            "README.txt",
            f"{evaluation.title}\nIndicator: {evaluation.indicator.code} ({evaluation.indicator.source})\n",
        )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="evaluation-{evaluation.pk}-result-{result.pk}.zip"'
    return response


def result_status(request, pk: int):
    """Progress of the latest run, for pages that poll; plain JSON."""
    evaluation = _get(request, pk)
    result = selectors.latest_result(evaluation)
    if result is None:
        raise Http404
    from django.http import JsonResponse

    return JsonResponse({"status": result.status, "progress": result.progress, "error": result.error})
