"""Permission matrix for the home views, every role in conftest.ROLES, and what each page shows."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.tests.conftest import make_plan

HOME = {"anonymous": 302}
DASHBOARD = {"anonymous": 302, "facilitator": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_home_page(as_role, role, framework):
    response = as_role(role).get(reverse("home:home"))
    assert response.status_code == HOME.get(role, 200)
    if role == "anonymous":
        assert "/account/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_root_is_the_public_page_for_anonymous_and_home_for_signed_in(as_role, role, framework):
    response = as_role(role).get("/")
    assert response.status_code == 200
    templates = {t.name for t in response.templates}
    assert ("home/home.html" in templates) == (role != "anonymous")
    assert ("core/home.html" in templates) == (role == "anonymous")


@pytest.mark.parametrize("role", ROLES)
def test_network_dashboard(as_role, role, framework):
    response = as_role(role).get(reverse("home:network_dashboard"))
    assert response.status_code == DASHBOARD.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_network_dashboard_in_menu_only_for_staff(as_role, role, framework):
    response = as_role(role).get(reverse("network:programme_list"))
    assert (reverse("home:network_dashboard") in response.content.decode()) == (role in {"facilitator", "admin"})


def test_officer_home_shows_checklist_and_empty_tasks(as_role, place, framework):
    client = as_role("officer")
    html = client.get("/").content.decode()
    assert "Your places" in html and place.name in html
    assert 'data-step="plan_drafted" data-state="not_started"' in html
    assert reverse("plans:place_plans", args=[place.code]) in html
    assert 'id="no-tasks"' in html


def test_sponsor_home_shows_signoff_task(as_role, place, framework, make_user):
    client = as_role("sponsor")
    plan = make_plan(place, framework)
    plan_services.plan_submit(plan=plan, by=make_user("officer"))
    html = client.get("/").content.decode()
    assert 'data-task-kind="plan_signoff"' in html
    assert reverse("plans:plan_step", args=[place.code, plan.pk, "sign-off"]) in html


def test_hostile_alert_filter_is_ignored(as_role, framework):
    response = as_role("facilitator").get(reverse("home:network_dashboard") + "?alert=<script>")
    assert response.status_code == 200 and "<script>" not in response.content.decode().split("<main")[1]
