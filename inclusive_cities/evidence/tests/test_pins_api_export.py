"""Pinned evidence in the plans API (`evidence` on each priority and action: published case studies only, whoever
asks, prefetched so the query count does not grow) and in the plan's JSON and CSV exports, which still import."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inclusive_cities.evidence import services
from inclusive_cities.evidence.models import CaseStudy, PinnedCaseStudy
from inclusive_cities.plans import exchange
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus, Priority
from inclusive_cities.plans.tests.conftest import make_plan


def _publish(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    plan.refresh_from_db()


@pytest.fixture
def pinned_plan(place, framework, make_case_study):
    """A plan with a case study pinned to its priority and another to its action, and a third pinned to the action
    and then withdrawn (back to draft): it must never be shown to the public."""
    plan = make_plan(place, framework)
    priority = plan.priorities.get()
    action = priority.actions.get()
    gateway = make_case_study(
        "published",
        title="REACH style gateway",
        slug="reach-style-gateway",
        source_document="Cardiff action plan",
        source_section="4",
        year=2019,
    )
    walks = make_case_study("published", title="=Welcome walks", slug="welcome-walks", source_document="Walks report")
    withdrawn = make_case_study("published", title="Withdrawn practice", slug="withdrawn-practice")
    services.pin_add(by=None, case_study=gateway, note="One route into English classes.", priority=priority)
    services.pin_add(by=None, case_study=walks, note="Newcomers meet services in person.", action=action)
    services.pin_add(by=None, case_study=withdrawn, note="Secret.", action=action)
    CaseStudy.objects.filter(pk=withdrawn.pk).update(status="draft")
    return plan


@pytest.mark.parametrize("role", ["anonymous", "officer", "facilitator", "admin"])
def test_api_gives_published_pins_on_priorities_and_actions(as_role, pinned_plan, role):
    _publish(pinned_plan)
    data = as_role(role).get("/api/v1/plans/", {"place": "E06000023"}).json()
    priority = data["results"][0]["priorities"][0]
    assert priority["evidence"] == [
        {
            "case_study": {
                "slug": "reach-style-gateway",
                "title": "REACH style gateway",
                "url": "http://testserver/evidence/reach-style-gateway/",
                "citation": "Cardiff action plan, section 4 (2019)",
            },
            "note": "One route into English classes.",
        }
    ]
    action = priority["actions"][0]
    assert [e["case_study"]["title"] for e in action["evidence"]] == ["=Welcome walks"]
    assert action["evidence"][0]["note"] == "Newcomers meet services in person."
    assert action["evidence"][0]["case_study"]["citation"] == "Walks report"
    # Even network staff, who may read the withdrawn case study on the site, do not get it from the public API.
    assert "Withdrawn practice" not in json.dumps(data) and "Secret." not in json.dumps(data)
    assert Client().get(reverse("evidence:detail", args=["reach-style-gateway"])).status_code == 200


def test_api_query_count_does_not_grow_with_plans_or_pins(place, other_place, framework, make_case_study):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = Client().get("/api/v1/plans/")
            assert response.status_code == 200
        return len(captured)

    studies = [make_case_study("published", title=f"Case {n}", slug=f"case-{n}") for n in range(4)]
    first = make_plan(place, framework)
    services.pin_add(by=None, case_study=studies[0], note="Why", priority=first.priorities.get())
    _publish(first)
    one = queries()
    for n, where in enumerate((place, other_place, other_place)):
        plan = make_plan(where, framework, title=f"Plan {n}")
        priority = plan.priorities.get()
        plan_services.action_create(priority=priority, by=None, title=f"Second action {n}")
        for study in studies:
            services.pin_add(by=None, case_study=study, note="Why", priority=priority)
            for action in priority.actions.all():
                services.pin_add(by=None, case_study=study, note="Why", action=action)
        _publish(plan)
    assert PinnedCaseStudy.objects.count() == 1 + 3 * (4 + 8)
    many = queries()
    assert many == one, (one, many)


def test_schema_documents_the_evidence_field(db):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]
    for name in ("Action", "Priority"):
        field = components[name]["properties"]["evidence"]
        assert field["type"] == "array" and field["items"]["$ref"] == "#/components/schemas/Evidence", name
        assert "evidence" in components[name]["required"]
    evidence = components["Evidence"]["properties"]
    assert set(evidence) == {"case_study", "note"}
    case_study = components["PinnedCaseStudy"]["properties"]
    assert {"title", "url", "citation"} <= set(case_study)


def test_json_export_carries_pins_and_imports_again(pinned_plan, as_role):
    officer = as_role("officer")
    response = officer.get(reverse("plans:export", args=["E06000023", pinned_plan.pk, "json"]))
    data = json.loads(response.content)
    priority = data["priorities"][0]
    assert priority["evidence"][0]["case_study"]["url"] == "http://testserver/evidence/reach-style-gateway/"
    assert priority["evidence"][0]["note"] == "One route into English classes."
    assert [e["case_study"]["slug"] for e in priority["actions"][0]["evidence"]] == ["welcome-walks"]
    # The withdrawn case study is left out, even for the officer of the place it is credited to (who may still
    # read it on the site): a file travels further than the page.
    assert "withdrawn-practice" not in response.content.decode()
    # The export imports into another draft: everything but the pins (made from the evidence base, not a file).
    target = plan_services.plan_create(
        place=pinned_plan.place,
        by=None,
        framework=pinned_plan.framework,
        title="Imported",
        period_start=pinned_plan.period_start,
        period_end=pinned_plan.period_end,
        vision="",
    )
    result = exchange.import_plan_file(plan=target, by=None, text=json.dumps(data), fmt="json")
    assert (result.priorities, result.actions) == (1, 1)
    assert Priority.objects.get(plan=target).title == priority["title"]
    assert Action.objects.get(priority__plan=target).title == priority["actions"][0]["title"]
    assert not PinnedCaseStudy.objects.filter(priority__plan=target).exists()
    assert not PinnedCaseStudy.objects.filter(action__priority__plan=target).exists()
    # An anonymous reader of the published plan gets the same pins (the published ones).
    _publish(pinned_plan)
    public = json.loads(Client().get(reverse("plans:export", args=["E06000023", pinned_plan.pk, "json"])).content)
    assert public["priorities"][0]["evidence"] == priority["evidence"]


def test_csv_export_has_the_pinned_titles_safely_and_imports_again(pinned_plan, as_role):
    plan_services.action_create(priority=pinned_plan.priorities.get(), by=None, title="Unpinned action")
    officer = as_role("officer")
    text = officer.get(reverse("plans:export", args=["E06000023", pinned_plan.pk, "actions"])).content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["action"] for r in rows] == ["Run a welcome campaign", "Unpinned action"]
    assert {r["priority_evidence_pinned"] for r in rows} == {"REACH style gateway"}
    # A title that starts like a formula goes through the CSV guard; the withdrawn one is left out.
    assert rows[0]["evidence_pinned"] == "'=Welcome walks" and rows[1]["evidence_pinned"] == ""
    services.pin_add(
        by=None,
        case_study=CaseStudy.objects.get(slug="reach-style-gateway"),
        note="Also here.",
        action=Action.objects.get(title="Run a welcome campaign"),
    )
    rows = list(csv.DictReader(io.StringIO(exchange.export_csv(pinned_plan))))
    assert rows[0]["evidence_pinned"] == "'=Welcome walks; REACH style gateway"
    target = plan_services.plan_create(
        place=pinned_plan.place,
        by=None,
        framework=pinned_plan.framework,
        title="Imported from CSV",
        period_start=pinned_plan.period_start,
        period_end=pinned_plan.period_end,
        vision="",
    )
    result = exchange.import_plan_file(plan=target, by=None, text=exchange.export_csv(pinned_plan), fmt="csv")
    assert (result.priorities, result.actions) == (1, 2)
