"""Baseline behaviour: the grid, filtering from it, validation, escaping, CSV, demo content."""

import csv
import io

import pytest
from django.urls import reverse

from inclusive_cities.baseline.models import Activity
from inclusive_cities.baseline.selectors import baseline_for_place, baseline_grid
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.taskforce.models import Organisation, Sector


@pytest.fixture
def officer_client(as_role):
    return as_role("officer")


def valid(framework, **extra):
    data = {
        "what": "Holiday activities for children",
        "lead_text": "Example youth charity",
        "themes": [framework.themes.get(code="T5").pk],
        "principles": [framework.principles.get(code="P1").pk],
        "status": "ongoing",
    }
    data.update(extra)
    return data


def test_grid_counts_and_gaps(place, framework, activity):
    officer = user_with_role("officer", place)
    grid = baseline_grid(activities=baseline_for_place(place=place, user=officer))
    assert [t.code for t in grid.themes] == ["T1", "T2", "T3", "T4", "T5"]
    assert [p.code for p in grid.principles] == ["P1", "P2", "P3", "P4", "P5"]
    counts = {(r["theme"].code, c["principle"].code): c["count"] for r in grid.rows for c in r["cells"]}
    assert counts[("T3", "P2")] == 1 and counts[("T3", "P3")] == 1 and counts[("T1", "P1")] == 0
    assert grid.gaps == 23
    assert grid.column_totals == [0, 1, 1, 0, 0]
    Activity.objects.create(place=place, what="Unmapped thing", lead_text="x")
    assert baseline_grid(activities=baseline_for_place(place=place, user=officer)).unmapped == 1


def test_grid_page_links_cells_and_filters(officer_client, place, framework, activity):
    Activity.objects.create(place=place, what="Something else", lead_text="x")
    body = officer_client.get(reverse("baseline:home", args=[place.code])).content.decode()
    assert 'href="?theme=T3&amp;principle=P2#activities"' in body
    assert "23 theme and principle pairs have no activity." in body
    filtered = officer_client.get(reverse("baseline:home", args=[place.code]), {"theme": "T3", "principle": "P2"})
    text = filtered.content.decode()
    assert "Welcome cafe" in text and "Something else" not in text


def test_unknown_codes_in_the_filter_are_named(officer_client, place, framework, activity):
    body = officer_client.get(reverse("baseline:home", args=[place.code]), {"theme": "T9"}).content.decode()
    assert "There is no theme “T9” in the framework." in body
    assert "Welcome cafe" in body


def test_officer_adds_an_activity_and_the_gap_closes(officer_client, place, framework):
    response = officer_client.post(reverse("baseline:activity_add", args=[place.code]), valid(framework))
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert activity.created_by.email == officer_client.user.email
    assert [t.code for t in activity.themes.all()] == ["T5"]
    body = officer_client.get(reverse("baseline:home", args=[place.code])).content.decode()
    assert "24 theme and principle pairs have no activity." in body


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"what": ""}, "Describe the activity."),
        ({"what": "x" * 201}, "Keep this under 200 characters."),
        ({"lead_text": ""}, "Choose the lead organisation or type who leads the activity."),
        ({"funding_amount": "lots"}, "Enter the funding as an amount in pounds"),
        ({"funding_amount": "5000"}, "Say whether the funding is secured or sought."),
        ({"funding_amount": "-5", "funding_status": "secured"}, "Funding cannot be negative."),
        ({"people_reached": "-3"}, "greater than or equal to 0"),
        ({"people_reached": "many"}, "Enter the number of people reached as a whole number."),
        ({"status": "paused"}, "Select a valid choice"),
    ],
)
def test_bad_input(officer_client, place, framework, extra, message):
    response = officer_client.post(reverse("baseline:activity_add", args=[place.code]), valid(framework, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_duplicate_activity_in_one_place(officer_client, place, framework, activity):
    response = officer_client.post(
        reverse("baseline:activity_add", args=[place.code]), valid(framework, what="WELCOME CAFE ")
    )
    assert "is already in this place’s baseline" in response.content.decode()
    assert Activity.objects.count() == 1


def test_lead_organisation_only_from_this_place(officer_client, place, other_place, framework):
    theirs = Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    ours = Organisation.objects.create(place=place, name="Bristol CVS", sector=Sector.VOLUNTARY)
    url = reverse("baseline:activity_add", args=[place.code])
    body = officer_client.post(url, valid(framework, lead_text="", lead_organisation=theirs.pk)).content.decode()
    assert "Select a valid choice" in body and not Activity.objects.exists()
    officer_client.post(url, valid(framework, lead_text="", lead_organisation=ours.pk))
    assert Activity.objects.get().lead == "Bristol CVS"


def test_hostile_text_is_escaped(officer_client, place, framework):
    officer_client.post(
        reverse("baseline:activity_add", args=[place.code]),
        valid(framework, what='<img src=x onerror="alert(1)">', description="<b>bold</b>"),
    )
    activity = Activity.objects.get()
    body = officer_client.get(reverse("baseline:activity_detail", args=[place.code, activity.pk])).content.decode()
    assert "<img src=x" not in body and "&lt;img src=x" in body
    assert "<b>bold</b>" not in body


def test_csv_export(officer_client, place, other_place, framework, activity):
    Activity.objects.create(place=place, what="=cmd|' /C calc'!A0", lead_text="x")
    Activity.objects.create(place=other_place, what="Liverpool thing", lead_text="x")
    response = officer_client.get(reverse("baseline:export", args=[place.code]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["what"] for r in rows] == ["'=cmd|' /C calc'!A0", "Welcome cafe"]
    assert rows[1]["themes"] == "T3" and rows[1]["principles"] == "P2 P3" and rows[1]["target_groups"] == "refugees"


def test_demo_is_idempotent_cited_and_keeps_edits(db):
    from inclusive_cities.accounts import demodata as accounts_demo
    from inclusive_cities.baseline import demodata
    from inclusive_cities.framework import demodata as framework_demo
    from inclusive_cities.network import demodata as network_demo
    from inclusive_cities.taskforce import demodata as taskforce_demo

    for module in (network_demo, framework_demo, accounts_demo, taskforce_demo):
        module.load()
    assert demodata.load() == "10 activities created"
    our_liverpool = Activity.objects.get(place__code="E08000012", what="Our Liverpool")
    assert our_liverpool.lead_organisation.name.startswith("Liverpool City Council")
    assert our_liverpool.source.startswith("seed 003")
    our_liverpool.notes = "edited"
    our_liverpool.save()
    assert demodata.load() == "0 activities created"
    our_liverpool.refresh_from_db()
    assert our_liverpool.notes == "edited"
    for a in Activity.objects.all():
        assert a.is_illustrative == ("(illustrative)" in a.what)
        assert a.is_illustrative or a.source.startswith("seed 00")
        assert a.themes.exists() and a.principles.exists()


@pytest.mark.parametrize("role", ["anonymous", "partner", "officer", "other_officer", "facilitator"])
def test_baseline_context_tag_for_the_plan_page(rf, make_user, role, place, activity):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    request = rf.get("/")
    request.user = make_user(role) or AnonymousUser()
    html = Template("{% load baseline %}{% baseline_context place %}").render(
        Context({"request": request, "place": place})
    )
    if role in {"partner", "officer", "facilitator"}:
        assert 'id="baseline-context"' in html and "Welcome cafe" in html and "(T3)" in html
    else:
        assert html == ""


def test_long_baselines_are_paginated_and_counted_in_full(officer_client, place, framework):
    theme = framework.themes.get(code="T2")
    for i in range(60):
        a = Activity.objects.create(place=place, what=f"Activity {i:02d}", lead_text="x")
        a.themes.add(theme)
    body = officer_client.get(reverse("baseline:home", args=[place.code])).content.decode()
    assert "60 activities." in body
    assert "Activity 49" in body and "Activity 50" not in body
    assert 'href="?theme=T2#activities">60' in body
    page2 = officer_client.get(reverse("baseline:home", args=[place.code]), {"page": 2}).content.decode()
    assert "Activity 50" in page2 and "Activity 49" not in page2
