"""Every write for evaluations: plan, register (which locks the plan), run, publish."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import estimators
from .models import Evaluation, Result, ResultStatus, TreatedPlace, Visibility
from .panel import PanelInputs, build_panel, checksum, library_versions, panel_csv

SEED = 20171101
LOCKED_FIELDS = ("indicator", "category", "design", "pool", "first_year", "last_year")


def _check(evaluation: Evaluation, treated: dict) -> None:
    if not treated:
        raise ValidationError({"treated": "Name at least one treated place."})
    if evaluation.design == "synth" and len(treated) != 1:
        raise ValidationError({"design": f"Synthetic control needs exactly one treated place; {len(treated)} given."})
    if evaluation.first_year and evaluation.last_year and evaluation.first_year >= evaluation.last_year:
        raise ValidationError({"last_year": "The last year must come after the first."})
    for code, year in treated.items():
        if evaluation.first_year and year <= evaluation.first_year:
            raise ValidationError(
                {"treated": f"{code} starts in {year}, which leaves no year before it from {evaluation.first_year}."}
            )


@transaction.atomic
def evaluation_save(*, evaluation: Evaluation, treated: dict, places: dict, by) -> Evaluation:
    """Create or update an evaluation with its treated places ({code: start year}; `places` maps code -> Place).

    A registered evaluation's specification is locked: changing it is refused with the field named."""
    if evaluation.pk and evaluation.is_registered:
        stored = Evaluation.objects.get(pk=evaluation.pk)
        changed = [f for f in LOCKED_FIELDS if getattr(stored, f) != getattr(evaluation, f)]
        if stored.treated_map() != treated:
            changed.append("treated places")
        if changed:
            raise ValidationError(
                f"The plan was registered on {stored.registered_at:%d %B %Y}; its {', '.join(changed)} cannot change."
            )
    _check(evaluation, treated)
    if not evaluation.pk:
        evaluation.created_by = by
    evaluation.save()
    existing = {t.place.code: t for t in evaluation.treated.select_related("place")}
    for code, t in existing.items():
        if code not in treated:
            t.delete()
    for code, year in treated.items():
        if code in existing:
            if existing[code].start_year != year:
                existing[code].start_year = year
                existing[code].save()
        else:
            TreatedPlace.objects.create(evaluation=evaluation, place=places[code], start_year=year)
    return evaluation


@transaction.atomic
def evaluation_register(*, evaluation: Evaluation, by) -> Evaluation:
    if evaluation.is_registered:
        raise ValidationError(f"Already registered on {evaluation.registered_at:%d %B %Y}.")
    if evaluation.results.filter(status=ResultStatus.DONE).exists():
        raise ValidationError(
            "Results have already been computed; a plan registered after looking is not a pre-registration."
        )
    evaluation.registered_at = timezone.now()
    evaluation.registered_spec = evaluation.spec()
    evaluation.save(update_fields=["registered_at", "registered_spec", "updated_at"])
    return evaluation


@transaction.atomic
def evaluation_set_visibility(*, evaluation: Evaluation, visibility: str, by) -> Evaluation:
    if visibility not in Visibility.values:
        raise ValidationError(f'Unknown visibility "{visibility}".')
    evaluation.visibility = visibility
    evaluation.save(update_fields=["visibility", "updated_at"])
    return evaluation


def _cache_key(spec: dict, sha: str) -> str:
    return hashlib.sha256((json.dumps(spec, sort_keys=True) + sha).encode()).hexdigest()


def evaluation_run(*, evaluation: Evaluation, by) -> Result:
    """Build the panel now (so a bad panel is reported at once), then estimate in the background queue.

    A result with the same specification and the same panel bytes is reused (cached by their hash)."""
    spec = evaluation.spec()
    inputs = PanelInputs(
        indicator=evaluation.indicator,
        category=evaluation.category,
        treated=spec["treated"],
        pool=evaluation.pool,
        first_year=evaluation.first_year,
        last_year=evaluation.last_year,
    )
    try:
        panel = estimators.validate_panel(build_panel(inputs), unit="unit", time="time", outcome="y", cohort="cohort")
    except estimators.PanelError as exc:
        raise ValidationError(str(exc)) from exc
    if spec["design"] == "synth" and len(spec["treated"]) != 1:
        raise ValidationError("Synthetic control needs exactly one treated place.")
    sha = checksum(panel)
    key = _cache_key(spec, sha)
    follows = bool(evaluation.registered_spec) and evaluation.registered_spec == spec
    cached = evaluation.results.filter(cache_key=key, status=ResultStatus.DONE).first()
    if cached:
        return cached
    result = Result.objects.create(
        evaluation=evaluation,
        method=spec["design"],
        spec={**spec, "dropped_incomplete": inputs.dropped},
        inputs_sha256=sha,
        cache_key=key,
        panel_csv=panel_csv(panel).decode(),
        versions=library_versions(),
        seed=SEED,
        follows_registration=follows,
        run_by=by,
        progress="Waiting for the background worker.",
    )
    transaction.on_commit(lambda: run_result.enqueue(result.pk))
    return result


@task()
def run_result(result_id: int) -> str:
    import io

    import numpy as np
    import pandas as pd

    result = Result.objects.get(pk=result_id)
    if result.status == ResultStatus.DONE:
        return "done already"
    Result.objects.filter(pk=result_id).update(status=ResultStatus.RUNNING, progress="Estimating.")
    np.random.seed(result.seed)
    try:
        panel = pd.read_csv(io.StringIO(result.panel_csv), dtype={"unit": str})
        output = estimators.estimate(panel, result.method)
    except Exception as exc:  # noqa: BLE001 - any failure is shown on the page, never lost
        Result.objects.filter(pk=result_id).update(
            status=ResultStatus.FAILED, error=str(exc)[:2000], progress="", finished_at=timezone.now()
        )
        return "failed"
    Result.objects.filter(pk=result_id).update(
        status=ResultStatus.DONE, output=output, progress="", finished_at=timezone.now()
    )
    return "done"


def rating_cap(result: Result | None) -> int:
    """The highest Nesta evidence level a finished result can support: a comparison-group design (Maryland level 3
    or more) supports Nesta level 3 ("a comparison group shows it causes the change"); a weaker one, level 2."""
    if result is None or result.status != ResultStatus.DONE:
        return 0
    return 3 if result.output["evidence_level"] >= 3 else 2


@transaction.atomic
def evaluation_cite(*, evaluation: Evaluation, case_study, new_rating: int | None, reason: str, by):
    """A case study cites the evaluation; a facilitator may raise its evidence rating on the strength of the
    evaluation's latest finished result, with the reason kept in the case study's history."""
    evaluation.case_studies.add(case_study)
    if not new_rating:
        return case_study
    result = evaluation.results.filter(status=ResultStatus.DONE).first()
    cap = rating_cap(result)
    if new_rating <= case_study.evidence_rating:
        raise ValidationError(
            f"The case study is already at level {case_study.evidence_rating}; choose a higher level."
        )
    if new_rating > cap:
        raise ValidationError(
            f"This evaluation's result supports at most level {cap}" + ("." if cap else ": run it first.")
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why the evaluation supports the new level."})
    from inclusive_cities.evidence.services import case_study_set_rating

    reason = (
        f"On the strength of the evaluation “{evaluation.title}” ({evaluation.get_absolute_url()}): {reason.strip()}"
    )
    case_study_set_rating(case_study=case_study, by=by, rating=new_rating, reason=reason)
    return case_study
