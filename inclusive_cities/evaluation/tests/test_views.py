"""Evaluations end to end through the views, and who may do what (every role in conftest.ROLES)."""

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evaluation.models import Evaluation, Result, ResultStatus, TreatedPlace, Visibility
from inclusive_cities.evaluation.services import evaluation_run

from .conftest import BRISTOL, CODE, SHEFFIELD


@pytest.fixture
def evaluation(births_db, place):
    indicator, places = births_db
    author = user_with_role("researcher")
    e = Evaluation.objects.create(
        title="Did the welcome programme change births to mothers born abroad?",
        question="Did it?",
        indicator=indicator,
        design="did",
        place=places[BRISTOL],
        created_by=author,
    )
    TreatedPlace.objects.create(evaluation=e, place=places[BRISTOL], start_year=2016)
    TreatedPlace.objects.create(evaluation=e, place=places[SHEFFIELD], start_year=2017)
    return e


def _status(client, method, url, data=None):
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    return response.status_code


VIEW_PRIVATE = {
    "anonymous": 404,
    "user": 404,
    "officer": 200,
    "sponsor": 200,
    "partner": 200,
    "other_officer": 404,
    "facilitator": 200,
    "researcher": 404,
    "admin": 200,
}
VIEW_NETWORK = {**{r: 200 for r in ROLES}, "anonymous": 404, "user": 404}
EDIT = {
    "anonymous": 302,
    "user": 404,
    "officer": 200,
    "sponsor": 403,
    "partner": 403,
    "other_officer": 404,
    "facilitator": 200,
    "researcher": 404,
    "admin": 200,
}
# Only programme staff publish an evaluation; the others are refused as for any other change they may not make.
PUBLISH = {**EDIT, "officer": 403, "facilitator": 302, "admin": 302}
NEW = {
    "anonymous": 302,
    "user": 403,
    "officer": 200,
    "sponsor": 403,
    "partner": 403,
    "other_officer": 200,
    "facilitator": 200,
    "researcher": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(role, as_role, evaluation):
    client = as_role(role)
    detail = reverse("evaluation:detail", args=[evaluation.pk])
    assert _status(client, "get", reverse("evaluation:list")) == 200
    assert _status(client, "get", detail) == VIEW_PRIVATE[role]
    assert _status(client, "get", reverse("evaluation:new")) == NEW[role]
    assert _status(client, "get", reverse("evaluation:edit", args=[evaluation.pk])) == EDIT[role]
    assert _status(client, "get", reverse("evaluation:register", args=[evaluation.pk])) == EDIT[role]
    run = _status(client, "post", reverse("evaluation:run", args=[evaluation.pk]))
    assert run == (302 if EDIT[role] == 200 else EDIT[role])
    assert Result.objects.filter(evaluation=evaluation).exists() == (EDIT[role] == 200)
    public = _status(client, "post", reverse("evaluation:visibility", args=[evaluation.pk]), {"visibility": "public"})
    evaluation.refresh_from_db()
    assert (evaluation.visibility == "public") == (role in {"facilitator", "admin"})
    assert public == PUBLISH[role]
    if evaluation.visibility == "public":
        assert _status(client, "get", detail) == 200
        assert _status(Client(), "get", detail) == 200  # and now anyone's
    else:
        evaluation.visibility = Visibility.NETWORK
        evaluation.save()
        assert _status(client, "get", detail) == VIEW_NETWORK[role]


def test_private_evaluations_stay_off_the_public_list_and_api(client, evaluation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_run(evaluation=evaluation, by=None)
    assert evaluation.title not in client.get(reverse("evaluation:list")).content.decode()
    assert client.get("/api/v1/evaluations/").json()["count"] == 0
    evaluation.visibility = Visibility.PUBLIC
    evaluation.save()
    body = client.get("/api/v1/evaluations/").json()
    assert body["count"] == 1
    result = body["results"][0]["result"]
    assert result["method"] == "did" and result["n_treated"] == 2 and result["ci_low"] < result["ci_high"]


def test_plan_register_run_and_replicate(as_role, births_db, django_capture_on_commit_callbacks):
    client = as_role("researcher")
    response = client.post(
        reverse("evaluation:new"),
        {
            "title": "Bristol's welcome work",
            "question": "Did births to non-UK-born mothers change?",
            "indicator_code": CODE,
            "treated_text": f"{BRISTOL}:2016\n{SHEFFIELD}:2017",
            "design": "twfe",
            "pool": "all",
        },
    )
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and evaluation.treated.count() == 2
    client.post(reverse("evaluation:register", args=[evaluation.pk]))
    evaluation.refresh_from_db()
    assert evaluation.registered_at is not None and evaluation.registered_spec["treated"] == {
        BRISTOL: 2016,
        SHEFFIELD: 2017,
    }
    # the registered specification is locked
    response = client.post(
        reverse("evaluation:edit", args=[evaluation.pk]),
        {
            "title": "x",
            "question": "y",
            "indicator_code": CODE,
            "treated_text": f"{BRISTOL}:2015",
            "design": "twfe",
            "pool": "all",
        },
    )
    assert "cannot change" in response.content.decode()
    assert evaluation.treated.get(place__code=BRISTOL).start_year == 2016
    with django_capture_on_commit_callbacks(execute=True):  # the task is enqueued when the request commits
        client.post(reverse("evaluation:run", args=[evaluation.pk]))
    result = Result.objects.get()
    assert result.status == ResultStatus.DONE and result.follows_registration
    page = client.get(reverse("evaluation:detail", args=[evaluation.pk])).content.decode()
    assert "Estimated effect" in page and "Evidence level" in page and "Follows the registered plan" in page
    # running again with the same inputs reuses the cached result
    client.post(reverse("evaluation:run", args=[evaluation.pk]))
    assert Result.objects.count() == 1
    z = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("evaluation:replication", args=[evaluation.pk, result.pk])).content)
    )
    assert set(z.namelist()) == {"panel.csv", "spec.json", "rerun.py", "README.txt"}
    spec = json.loads(z.read("spec.json"))
    assert spec["panel_sha256"] == result.inputs_sha256 and spec["result"]["att"] == result.output["att"]
    assert z.read("panel.csv").decode().count("\n") == 40 * 9 + 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"indicator_code": "made-up-code"}, "is not in the indicator catalogue"),
        ({"treated_text": "E06000023"}, "is not CODE:YEAR"),
        ({"treated_text": "E09999999:2017"}, "Unknown place code(s): E09999999"),
        ({"design": "synth", "treated_text": f"{BRISTOL}:2016\n{SHEFFIELD}:2017"}, "exactly one treated place"),
        ({"category": "Nowhere"}, "has no category"),
        ({"title": "<script>alert(1)</script>" * 20}, "at most 200 characters"),
    ],
)
def test_bad_plans_are_refused_and_nothing_is_written(as_role, births_db, data, message):
    form = {
        "title": "T",
        "question": "Q",
        "indicator_code": CODE,
        "treated_text": f"{BRISTOL}:2016",
        "design": "did",
        "pool": "all",
    }
    response = as_role("researcher").post(reverse("evaluation:new"), {**form, **data})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&quot;", '"')
    assert not Evaluation.objects.exists()


def test_a_panel_problem_is_reported_on_the_page(as_role, evaluation):
    evaluation.first_year = 2017  # Bristol (2016) has no year before its start
    evaluation.save()
    response = as_role("facilitator").post(reverse("evaluation:run", args=[evaluation.pk]), follow=True)
    assert f"Unit {BRISTOL}&#x27;s first treated period 2016 is outside the panel&#x27;s periods (2017-2019)" in (
        response.content.decode()
    )
    assert not Result.objects.exists()


CITE_REFUSED = {**EDIT, "officer": 403}


@pytest.mark.parametrize("role", ROLES)
def test_only_facilitators_raise_a_case_studys_rating_on_an_evaluation_with_a_reason(
    role, as_role, evaluation, django_capture_on_commit_callbacks
):
    from inclusive_cities.evidence.models import CaseStudy

    case = CaseStudy.objects.create(slug="esol-hub", title="An ESOL hub", summary="s", evidence_rating=1)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation_run(evaluation=evaluation, by=None)
    client = as_role(role)
    url = reverse("evaluation:cite", args=[evaluation.pk])
    response = client.post(url, {"case_study": "esol-hub", "rating": "3", "reason": "comparison-group result"})
    case.refresh_from_db()
    allowed = role in {"facilitator", "admin"}
    assert (case.evidence_rating == 3) == allowed
    assert evaluation.case_studies.filter(pk=case.pk).exists() == allowed
    if allowed:
        assert "comparison-group result" in case.rating_reason and evaluation.title in case.rating_reason
        assert "Level 3" in case.history.first().history_change_reason
        # beyond what the design supports, or without a reason: refused, nothing changes
        response = client.post(url, {"case_study": "esol-hub", "rating": "4", "reason": "x"}, follow=True)
        assert "supports at most level 3" in response.content.decode()
        case.refresh_from_db()
        assert case.evidence_rating == 3
    else:
        assert response.status_code == CITE_REFUSED[role]


def test_an_evaluation_can_start_from_a_plan_with_its_place_and_start_year(as_role, births_db, place, framework):
    import datetime

    from inclusive_cities.plans.services import plan_create

    plan = plan_create(
        place=place,
        by=None,
        framework=framework,
        title="Bristol's plan",
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2022, 3, 31),
    )
    client = as_role("officer")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"/evaluations/new/?plan={plan.pk}" in page
    form = client.get(f"/evaluations/new/?plan={plan.pk}").content.decode()
    assert f"{BRISTOL}:2019" in form and "Bristol&#x27;s plan" in form
    # someone who may not see the draft plan gets an empty form, not its title
    form = as_role("other_officer").get(f"/evaluations/new/?plan={plan.pk}").content.decode()
    assert "Bristol&#x27;s plan" not in form


def test_comparison_pools_leave_out_other_regions_and_every_treated_place(births_db):
    from inclusive_cities.evaluation.estimators import PanelError
    from inclusive_cities.evaluation.panel import PanelInputs, build_panel, comparison_codes

    indicator, places = births_db
    treated = {BRISTOL: 2016, SHEFFIELD: 2017}
    everyone = comparison_codes(treated, "all")
    assert BRISTOL not in everyone and SHEFFIELD not in everyone and len(everyone) >= 38
    # in the fixture only Bristol is in the South West: its region offers no comparison place
    assert comparison_codes({BRISTOL: 2016}, "region") == set()
    with pytest.raises(PanelError, match="Too few comparison units|No figures"):
        from inclusive_cities.evaluation.estimators import validate_panel

        panel = build_panel(PanelInputs(indicator=indicator, category="", treated={BRISTOL: 2016}, pool="region"))
        validate_panel(panel, unit="unit", time="time", outcome="y", cohort="cohort")
    with pytest.raises(PanelError, match="Unknown place code"):
        comparison_codes({"E09999999": 2016}, "all")
