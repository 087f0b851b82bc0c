"""Measures on local data: indicators from the data catalogue, baselines and latest figures read from observations
imported from the publishers' real files, unknown codes refused wherever a code is accepted."""

import datetime
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inclusive_cities.data import services as data_services
from inclusive_cities.plans import exchange, selectors, services
from inclusive_cities.plans.models import Measure, PlanStatus

FILES = Path(__file__).resolve().parents[2] / "data" / "files"
MYE_2022 = "ons_mye_mid2022_population_uk_la.csv"  # Bristol (E06000023), mid-2022: 479,024
MYE_2023 = "ons_mye_mid2023_population_ew_la.csv"  # Bristol (E06000023), mid-2023: 482,998


def import_real(name: str):
    # The mid-year files carry no period in their rows: the person importing names it (checked against the name).
    period = "mid-2022" if "mid2022" in name else "mid-2023"
    record = data_services.import_file(content=(FILES / name).read_bytes(), file_name=name, period=period)
    assert record.status == "applied", record.problems
    return record


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def add_url(plan, action):
    return reverse("plans:measure_add", args=[plan.place.code, plan.pk, action.pk])


@pytest.fixture
def population_2022(place):
    import_real(MYE_2022)


def test_form_offers_the_places_indicators_and_fills_the_baseline(draft, officer, population_2022):
    action = draft.priorities.get().actions.get()
    client = client_for(officer)
    page = client.get(reverse("plans:action_detail", args=[draft.place.code, draft.pk, action.pk])).content.decode()
    # Population is on theme T4, the priority on T1: offered among the place's other indicators.
    assert 'value="population-mid-year|"' in page
    assert "Other indicators with figures for Bristol" in page
    response = client.post(
        add_url(draft, action),
        {"indicator": "population-mid-year|", "target": "490000", "target_date": "2028-06-30", "direction": "higher"},
    )
    assert response.status_code == 302
    measure = action.measures.get()
    assert measure.indicator_code == "population-mid-year" and measure.category == ""
    assert measure.baseline == Decimal("479024") and measure.baseline_period
    assert measure.name  # the indicator's name, since none was given
    assert measure.target_date == datetime.date(2028, 6, 30)


def test_form_refuses_an_unknown_code_naming_it(draft, officer, population_2022):
    action = draft.priorities.get().actions.get()
    response = client_for(officer).post(add_url(draft, action), {"indicator": "made-up-indicator|", "name": "X"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "“made-up-indicator” is not an indicator in the data catalogue" in page
    assert "Give the measure a name" not in page  # one problem, said once
    assert not Measure.objects.exists()


def test_service_refuses_unknown_code_and_missing_figures(draft, officer, population_2022):
    action = draft.priorities.get().actions.get()
    with pytest.raises(ValidationError, match="“no-such-code” is not an indicator in the data catalogue"):
        services.measure_add(action=action, by=officer, name="X", indicator_code="no-such-code")
    with pytest.raises(ValidationError, match="no figures of"):
        services.measure_add(action=action, by=officer, indicator_code="population-mid-year", category="Nobody")
    with pytest.raises(ValidationError, match="below the baseline"):
        services.measure_add(action=action, by=officer, indicator_code="population-mid-year", target=Decimal("1"))
    assert not Measure.objects.exists()


def test_json_import_refuses_an_unknown_code_and_writes_nothing(draft, officer, population_2022):
    data = exchange.export_json(draft)
    data["priorities"][0]["actions"][0]["measures"] = [
        {"name": "Real", "indicator_code": "population-mid-year"},
        {"name": "Invented", "indicator_code": "happiness-index-9000"},
    ]
    target = services.plan_create(
        place=draft.place,
        by=officer,
        framework=draft.framework,
        title="Another plan",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        vision="",
    )
    with pytest.raises(exchange.ImportFailed) as failed:
        exchange.import_plan_file(plan=target, by=officer, text=json.dumps(data), fmt="json")
    assert any("“happiness-index-9000” is not an indicator in the data catalogue" in e for e in failed.value.errors)
    assert not target.priorities.exists() and not Measure.objects.filter(action__priority__plan=target).exists()
    # Through the upload page too: the message names the code.
    response = client_for(officer).post(
        reverse("plans:import", args=[target.place.code, target.pk]),
        {"file": SimpleUploadedFile("plan.json", json.dumps(data).encode())},
    )
    assert "happiness-index-9000" in response.content.decode()


def test_latest_value_follows_a_newer_import(plan_factory, officer, population_2022):
    plan = plan_factory(PlanStatus.DRAFT)
    action = plan.priorities.get().actions.get()
    services.measure_add(
        action=action,
        by=officer,
        indicator_code="population-mid-year",
        target=Decimal("489024"),
        target_date=datetime.date(2028, 12, 31),
    )
    action = selectors.action_get(plan=plan, pk=action.pk)
    selectors.annotate_measures([action], plan, today=datetime.date(2026, 1, 1))
    measure = action.measures.all()[0]
    assert measure.latest["value"] == Decimal("479024") and measure.percent == 0
    first_period = measure.latest["period"]

    import_real(MYE_2023)
    action = selectors.action_get(plan=plan, pk=action.pk)
    selectors.annotate_measures([action], plan, today=datetime.date(2026, 1, 1))
    measure = action.measures.all()[0]
    assert measure.latest["value"] == Decimal("482998") and measure.latest["period"] != first_period
    assert measure.baseline == Decimal("479024")  # the baseline stays as set
    assert measure.percent == round(100 * (482998 - 479024) / 10000)  # 40%
    assert measure.on_track is True  # at the plan's start no time has gone yet
    client = client_for(officer)
    for url in (
        reverse("plans:action_detail", args=[plan.place.code, plan.pk, action.pk]),
        reverse("plans:dashboard", args=[plan.place.code, plan.pk]),
        reverse("plans:plan_detail", args=[plan.place.code, plan.pk]),
    ):
        page = client.get(url).content.decode()
        assert "482998.00" in page and "of the way from baseline to target" in page, url
    for kind in ("plan", "progress"):  # both PDFs carry the measure with its latest figure and period
        pdf = client.get(reverse("plans:pdf", args=[plan.place.code, plan.pk, kind])).content
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        text = " ".join(text.split())
        assert "482998.00" in text and "baseline 479024" in text and "of the way from baseline to target" in text, kind


def test_local_measures_take_values_from_progress(plan_factory, officer):
    plan = plan_factory(PlanStatus.PUBLISHED)
    action = plan.priorities.get().actions.get()
    measure = Measure.objects.create(action=action, name="Families welcomed", baseline=0, target=40)
    services.progress_post(
        action=action,
        by=officer,
        date=datetime.date(2026, 3, 1),
        status="in_progress",
        narrative="First families",
        measure_values={measure.pk: Decimal("10")},
    )
    d = selectors.dashboard(plan, today=datetime.date(2026, 3, 2))
    annotated = d.measures[0]
    assert annotated.latest == {"value": Decimal("10.00"), "period": "2026-03-01", "source": ""}
    assert annotated.percent == 25 and annotated.on_track is None  # no target date: not judged


def test_api_gives_measure_fields(plan_factory, officer, population_2022):
    plan = plan_factory(PlanStatus.DRAFT)
    action = plan.priorities.get().actions.get()
    services.measure_add(
        action=action, by=officer, indicator_code="population-mid-year", target=Decimal("490000"), unit="people"
    )
    Measure.objects.create(action=action, name="Families welcomed", baseline=0, target=40)
    plan.status = PlanStatus.PUBLISHED
    plan.save(update_fields=["status"])
    data = Client().get("/api/v1/plans/", {"place": "E06000023"}).json()
    measures = data["results"][0]["priorities"][0]["actions"][0]["measures"]
    on_data, local = measures
    assert on_data["indicator_code"] == "population-mid-year" and on_data["category"] == ""
    assert on_data["baseline"] == "479024.00" and on_data["baseline_period"]
    assert on_data["latest"] == {"value": "479024.00", "period": on_data["baseline_period"]}
    assert on_data["target"] == "490000.00" and on_data["target_date"] is None and on_data["direction"] == "higher"
    assert local["indicator_code"] == "" and local["latest"] is None
    schema = Client().get("/api/v1/schema/").content.decode()
    assert "baseline_period" in schema and "Latest" in schema


def test_latest_figures_are_read_in_one_query_whatever_the_number_of_measures(plan_factory, officer, population_2022):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = plan_factory(PlanStatus.DRAFT)
    priority = plan.priorities.get()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.dashboard(plan)
        return len(captured)

    services.measure_add(action=priority.actions.get(), by=officer, indicator_code="population-mid-year")
    one = queries()
    for n in range(3):
        action = services.action_create(priority=priority, by=officer, title=f"Another action {n}")
        services.measure_add(action=action, by=officer, indicator_code="population-mid-year", name=f"Population {n}")
    assert queries() == one
