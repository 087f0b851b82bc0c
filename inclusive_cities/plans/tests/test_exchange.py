"""CSV/JSON export and import (row-by-row validation, all or nothing), and the read API (never drafts)."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inclusive_cities.plans import exchange
from inclusive_cities.plans.models import Action, PlanStatus, Priority


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(client, plan, name: str, text: str):
    return client.post(
        reverse("plans:import", args=[plan.place.code, plan.pk]),
        {"file": SimpleUploadedFile(name, text.encode("utf-8"))},
    )


def test_export_then_import_round_trip_csv(plan_factory, officer):
    source = plan_factory(PlanStatus.PUBLISHED)
    text = exchange.export_csv(source)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["priority"] == "Welcome and belonging" and rows[0]["themes"] == "T1"
    assert rows[0]["action"] == "Run a welcome campaign" and rows[0]["resource_state"] == "secured"
    target = plan_factory(PlanStatus.DRAFT, title="Empty target")
    Priority.objects.filter(plan=target).delete()
    response = upload(client_for(officer), target, "plan.csv", text)
    assert response.status_code == 302
    action = Action.objects.get(priority__plan=target)
    assert action.title == "Run a welcome campaign" and str(action.end_date) == "2026-06-30"
    assert [t.code for t in action.priority.themes.all()] == ["T1"]


def test_a_cell_guarded_against_spreadsheet_formulas_imports_as_written(plan_factory, officer):
    source = plan_factory(PlanStatus.PUBLISHED)
    Action.objects.filter(priority__plan=source).update(success_criteria="-20% waiting time; =fair access")
    text = exchange.export_csv(source)
    assert "'-20% waiting time" in text  # guarded in the file, so a spreadsheet does not run it
    target = plan_factory(PlanStatus.DRAFT, title="Empty target")
    Priority.objects.filter(plan=target).delete()
    assert upload(client_for(officer), target, "plan.csv", text).status_code == 302
    assert Action.objects.get(priority__plan=target).success_criteria == "-20% waiting time; =fair access"


def test_export_then_import_round_trip_json(plan_factory, officer):
    import datetime

    from inclusive_cities.plans import services

    source = plan_factory(PlanStatus.PUBLISHED)
    action = source.priorities.get().actions.get()
    action.measures.create(name="People reached", baseline=10, target=500, unit="people")
    services.progress_post(
        action=action, by=officer, date=datetime.date(2026, 1, 1), status="in_progress", narrative="x"
    )
    data = exchange.export_json(source)
    exported = data["priorities"][0]["actions"][0]
    assert data["plan"]["status"] == "published" and len(exported["updates"]) == 1
    assert exported["measures"] == [
        {
            "name": "People reached",
            "indicator_code": "",
            "category": "",
            "baseline": "10.00",
            "baseline_period": "",
            "target": "500.00",
            "target_date": "",
            "direction": "higher",
            "unit": "people",
            "is_illustrative": False,
        }
    ]
    target = plan_factory(PlanStatus.DRAFT, title="Target")
    client = client_for(officer)
    response = upload(client, target, "plan.json", json.dumps(data))
    assert response.status_code == 302
    assert Priority.objects.filter(plan=target).count() == 2  # its own + the imported one
    imported = Action.objects.get(priority__plan=target, measures__name="People reached")
    assert imported.measures.get().target == 500
    page = client.get(target.get_absolute_url()).content.decode()
    assert "1 progress updates in the file were not imported" in page


def test_updates_csv_export(published, officer):
    import datetime

    from inclusive_cities.plans import services

    action = published.priorities.get().actions.get()
    services.progress_post(
        action=action,
        by=officer,
        date=datetime.date(2026, 2, 2),
        status="in_progress",
        narrative='=HYPERLINK("http://evil")',
    )
    rows = list(csv.DictReader(io.StringIO(exchange.export_csv(published, what="updates"))))
    assert rows[0]["date"] == "2026-02-02"
    assert rows[0]["narrative"].startswith("'=")  # neutralised for spreadsheets


GOOD_HEADER = "priority,themes,principles,action,start_date,end_date,target_groups,domains,timescale,status\n"


@pytest.mark.parametrize(
    ("text", "messages"),
    [
        ("priority,action\nA,B\n", ["missing the column(s): themes, principles"]),
        (
            GOOD_HEADER
            + "Good,T1,P1,Fine action,2026-01-01,2026-02-01,refugees,ho-work,short,not_started\n"
            + "Bad,T9,P1,Bad theme,,,,,,\n"
            + "Bad,T1,P1,Bad date,2026-13-01,,,,,\n"
            + "Bad,T1,P1,Backwards,2026-05-01,2026-04-01,,,,\n"
            + "Bad,T1,P1,Wrong codes,,,martians,ho-moon,eternal,done-ish\n"
            + ",T1,P1,No priority,,,,,,\n",
            [
                "Row 3: unknown theme code “T9” in themes.",
                "Row 4: start_date “2026-13-01” is not a date in the form YYYY-MM-DD.",
                "Row 5: end_date is before start_date.",
                "Row 6: unknown target group code “martians” in target_groups.",
                "Row 6: unknown domain code “ho-moon” in domains.",
                "Row 6: timescale “eternal” is not one of: short, medium, long.",
                "Row 6: status “done-ish” is not one of",
                "Row 7: the priority is empty.",
            ],
        ),
        (
            '{"priorities": [{"title": "P", "themes": ["T1"], "actions": [{"title": "A", "end_date": "soon"}]}]}',
            ["Priority 1, action 1: end_date “soon” is not a date"],
        ),
        ("{not json", ["not valid JSON"]),
        (GOOD_HEADER + ("x" * 201) + ",T1,P1,A,,,,,,\n", ["Row 2: the priority is longer than 200 characters."]),
        (
            '{"priorities": [{"title": "P", "actions": [{"title": "A", "measures": [{"name": ""}, '
            '{"name": "M", "target": "lots"}]}]}]}',
            ["Priority 1, action 1: measure 1 has no name.", "Priority 1, action 1: measure 2 target “lots”: Enter a"],
        ),
        (
            '{"priorities": [{"title": "P", "actions": [{"title": "A", "measures": [{"name": "M", "baseline": "1e20"}, '
            '{"name": "N", "target": 12.345}]}]}]}',
            [
                "Priority 1, action 1: measure 1 baseline “1e20”: Ensure that there are no more than 14 digits",
                "Priority 1, action 1: measure 2 target “12.345”: Ensure that there are no more than 2 decimal",
            ],
        ),
        ('{"plan": {}}', ["must be an object with a “priorities” list"]),
        ("priority,themes,principles,action\n", ["no rows to import"]),
    ],
)
def test_malformed_imports_write_nothing(draft, officer, text, messages):
    name = "plan.json" if text.lstrip().startswith("{") else "plan.csv"
    before = (Priority.objects.count(), Action.objects.count())
    response = upload(client_for(officer), draft, name, text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html
    for message in messages:
        assert message.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or message in html, message
    assert (Priority.objects.count(), Action.objects.count()) == before


def test_import_refuses_wrong_file_types_and_encodings(draft, officer):
    client = client_for(officer)
    response = upload(client, draft, "plan.xlsx", "x")
    assert response.status_code == 200 and "must be a .csv or .json file" in response.content.decode()
    response = client.post(
        reverse("plans:import", args=[draft.place.code, draft.pk]),
        {"file": SimpleUploadedFile("plan.csv", "priorité".encode("latin-1"))},
    )
    assert "saved as UTF-8" in response.content.decode()


def test_import_matches_taskforce_organisations(draft, officer, place):
    from inclusive_cities.taskforce.models import Organisation

    org = Organisation.objects.create(place=place, name="Bristol Refugee Rights", sector="migrant_led")
    text = "priority,themes,principles,action,lead_organisation,partners\nP,T1,P1,A,bristol refugee rights,Bristol Refugee Rights;Someone Else\n"
    assert upload(client_for(officer), draft, "p.csv", text).status_code == 302
    action = Action.objects.get(title="A")
    assert action.lead_organisation == org and list(action.partners.all()) == [org]
    assert action.partner_names == "Someone Else"


# --- Read API -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "officer", "facilitator", "admin"])
def test_api_never_lists_drafts(as_role, plan_factory, place, role):
    for state in (PlanStatus.DRAFT, PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF, PlanStatus.ARCHIVED):
        plan_factory(state, title=f"Hidden {state}")
    plan_factory(PlanStatus.PUBLISHED, title="The published one")
    response = as_role(role).get("/api/v1/plans/", {"place": place.code})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    plan = data["results"][0]
    assert plan["title"] == "The published one" and plan["place"] == "E06000023"
    action = plan["priorities"][0]["actions"][0]
    assert action["title"] == "Run a welcome campaign" and action["latest_progress"] is None
    assert "Hidden" not in response.content.decode()


def test_api_filters_by_place_and_shows_latest_progress(plan_factory, other_place, framework, officer):
    import datetime

    from inclusive_cities.plans import services

    from .conftest import make_plan

    mine = plan_factory(PlanStatus.PUBLISHED)
    make_plan(other_place, framework, status=PlanStatus.PUBLISHED, title="Liverpool plan")
    action = mine.priorities.get().actions.get()
    services.progress_post(
        action=action, by=officer, date=datetime.date(2026, 1, 1), status="in_progress", narrative="old"
    )
    services.progress_post(
        action=action, by=officer, date=datetime.date(2026, 3, 1), status="in_progress", rag="green", narrative="new"
    )
    data = Client().get("/api/v1/plans/?place=e06000023").json()
    assert [p["title"] for p in data["results"]] == ["Bristol inclusion plan"]
    assert data["results"][0]["priorities"][0]["actions"][0]["latest_progress"]["narrative"] == "new"
    unknown = Client().get("/api/v1/plans/?place=E99999999")
    assert unknown.status_code == 404 and "E99999999" in unknown.json()["place"]
    assert Client().get("/api/v1/plans/").json()["count"] == 2
    first = Client().get("/api/v1/plans/?page_size=1").json()
    assert len(first["results"]) == 1 and first["next"].endswith("page=2&page_size=1")
    # Over the documented maximum (50): refused with a 400 naming the parameter, as the schema says.
    assert "page_size" in Client().get("/api/v1/plans/?page_size=1000").json()
    assert Client().get("/api/v1/plans/?place=").status_code == 400


def test_api_is_documented_in_the_schema(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/v1/plans/"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["page", "page_size", "place"]
    action = schema["components"]["schemas"]["Action"]["properties"]
    assert action["target_groups"]["type"] == "array" and "latest_progress" in action


def test_a_file_nested_100000_deep_is_a_clear_refusal_not_a_server_error(draft, officer):
    before = (Priority.objects.count(), Action.objects.count())
    response = upload(client_for(officer), draft, "plan.json", "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400
    errors = response.content.decode().split('id="import-errors">', 1)[1].split("</ul>", 1)[0]
    assert "The file nests its data 100000 levels deep; a plan export nests at most 20." in errors
    assert (Priority.objects.count(), Action.objects.count()) == before


def test_an_export_nests_well_within_the_import_limit(published):
    from inclusive_cities.core import jsonlimits

    action = published.priorities.get().actions.get()
    action.measures.create(name="People reached", baseline=10, target=500, unit="people")
    assert jsonlimits.depth(json.dumps(exchange.export_json(published))) == 7 < exchange.MAX_JSON_DEPTH


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"priorities": [{"title": f"P{n}", "themes": ["T1"], "principles": ["P1"]} for n in range(2001)]},
            "The file has more than 2000 rows (priorities and actions); at most 2000 can be imported at once.",
        ),
        (
            {"priorities": [{"title": "P", "themes": ["T1"], "actions": [{"title": "A"}] * 2001}]},
            "The file has more than 2000 rows (priorities and actions); at most 2000 can be imported at once.",
        ),
        (
            {"priorities": [{"title": "P", "themes": ["T1"], "actions": [{"title": "A", "measures": [{}] * 101}]}]},
            "Priority 1, action 1: 101 measures; an action has at most 100.",
        ),
    ],
)
def test_imports_are_capped_naming_the_limit(draft, officer, data, message):
    before = (Priority.objects.count(), Action.objects.count())
    response = upload(client_for(officer), draft, "plan.json", json.dumps(data))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Priority.objects.count(), Action.objects.count()) == before


def test_a_csv_with_too_many_rows_is_refused_naming_the_limit(draft, officer):
    text = "priority,themes,principles,action\n" + "P,T1,P1,A\n" * 2001
    response = upload(client_for(officer), draft, "plan.csv", text)
    assert response.status_code == 400
    assert "more than 2000 rows (priorities and actions)" in response.content.decode()
