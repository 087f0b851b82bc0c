"""Plan editing where a new officer was caught (issue 9): separate plans and versions, action dates inside the plan's
period, staleness from the later start, the lead everywhere, number fields that keep what was typed."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from conftest import ROLES
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.plans import exchange, selectors, services
from inclusive_cities.plans.models import Action, ActionPlan, Measure, PlanStatus, ProgressUpdate

from .conftest import make_plan
from .test_permissions import WRITERS, write_expected

D = datetime.date


def _error_on(html: str, field: str) -> str:
    """The text of the GOV.UK error message shown on one field ("" when there is none)."""
    match = re.search(rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


# --- A new plan is not a new version --------------------------------------------------------------------------


def test_publishing_a_new_plan_leaves_another_plans_published_version_alone(plan_factory, officer):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.SIGNED_OFF, title="Refugee welcome plan")
    services.plan_publish(plan=second, by=officer)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.PUBLISHED, PlanStatus.PUBLISHED)
    assert selectors.current_published(place=first.place) == second  # the latest published


def test_publishing_with_replaces_archives_the_plan_it_replaces(plan_factory, officer):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.SIGNED_OFF, title="A fresh plan for the city")
    services.plan_publish(plan=second, by=officer, replaces=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.replaces) == (PlanStatus.ARCHIVED, PlanStatus.PUBLISHED, first)


def test_a_choice_made_on_creation_is_kept_on_publishing(place, framework, officer, plan_factory):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = services.plan_create(
        place=place,
        by=officer,
        framework=framework,
        title="A fresh plan",
        period_start=D(2027, 1, 1),
        period_end=D(2029, 12, 31),
        replaces=first,
    )
    assert (second.line, second.version, second.replaces) == (first.line + 1, 1, first)
    ActionPlan.objects.filter(pk=second.pk).update(status=PlanStatus.SIGNED_OFF)
    services.plan_publish(plan=second, by=officer)
    first.refresh_from_db()
    assert first.status == PlanStatus.ARCHIVED


def test_a_new_version_archives_its_own_line_only(plan_factory, officer):
    first = plan_factory(PlanStatus.PUBLISHED)
    other = plan_factory(PlanStatus.PUBLISHED, title="Another plan")
    new = services.plan_new_version(plan=first, by=officer)
    ActionPlan.objects.filter(pk=new.pk).update(status=PlanStatus.SIGNED_OFF)
    services.plan_publish(plan=new, by=officer)
    first.refresh_from_db()
    other.refresh_from_db()
    assert (first.status, other.status) == (PlanStatus.ARCHIVED, PlanStatus.PUBLISHED)


def test_what_a_plan_replaces_must_be_another_published_plan_of_the_place(
    plan_factory, officer, other_place, framework
):
    own_line = plan_factory(PlanStatus.PUBLISHED)
    draft = plan_factory(PlanStatus.DRAFT, title="Not yet published")
    elsewhere = make_plan(other_place, framework, status=PlanStatus.PUBLISHED)
    new = services.plan_new_version(plan=own_line, by=officer)
    ActionPlan.objects.filter(pk=new.pk).update(status=PlanStatus.SIGNED_OFF)
    for wrong in (own_line, draft, elsewhere):
        with pytest.raises(ValidationError, match="other published plans"):
            services.plan_publish(plan=new, by=officer, replaces=wrong)
    new.refresh_from_db()
    assert new.status == PlanStatus.SIGNED_OFF and new.replaces is None
    with pytest.raises(ValidationError, match="other published plans"):
        services.plan_update(plan=draft, by=officer, replaces=elsewhere)


def test_new_plan_page_says_it_is_a_separate_plan_and_offers_what_it_replaces(as_role, plan_factory, place):
    published = plan_factory(PlanStatus.PUBLISHED)
    client = as_role("officer")
    page = client.get(reverse("plans:plan_create", args=[place.code])).content.decode()
    assert "version 1 of its own" in page and "No, it is published alongside them" in page
    data = {
        "title": "Refugee welcome plan",
        "period_start": "2027-01-01",
        "period_end": "2029-12-31",
        "vision": "",
        "update_interval_days": "90",
    }
    response = client.post(reverse("plans:plan_create", args=[place.code]), {**data, "replaces": ""})
    assert response.status_code == 302
    created = ActionPlan.objects.get(title="Refugee welcome plan")
    assert (created.line, created.version, created.replaces) == (2, 1, None)
    response = client.post(
        reverse("plans:plan_create", args=[place.code]), {**data, "title": "Replacement", "replaces": published.pk}
    )
    assert response.status_code == 302
    assert ActionPlan.objects.get(title="Replacement").replaces == published


@pytest.mark.parametrize("role", ROLES)
def test_publish_page_asks_what_the_plan_replaces(as_role, plan_factory, place, role):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.SIGNED_OFF, title="Second plan")
    client = as_role(role)
    url = reverse("plans:plan_step", args=[place.code, second.pk, "publish"])
    expected = write_expected(role, PlanStatus.SIGNED_OFF, role in WRITERS)
    response = client.get(url)
    assert response.status_code == expected
    if expected == 200:
        assert "Does this plan replace another" in response.content.decode()
    response = client.post(url, {"replaces": first.pk})
    assert response.status_code == (302 if expected == 200 else expected)
    first.refresh_from_db()
    second.refresh_from_db()
    if role in WRITERS:
        assert (first.status, second.status) == (PlanStatus.ARCHIVED, PlanStatus.PUBLISHED)
    else:
        assert (first.status, second.status) == (PlanStatus.PUBLISHED, PlanStatus.SIGNED_OFF)


def test_publish_page_without_a_choice_publishes_alongside(as_role, plan_factory, place):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.SIGNED_OFF, title="Second plan")
    response = as_role("officer").post(
        reverse("plans:plan_step", args=[place.code, second.pk, "publish"]), {"replaces": ""}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == PlanStatus.PUBLISHED


def test_home_steps_follow_the_newest_plan_and_monitor_every_published_one(plan_factory, place, officer):
    plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.PUBLISHED, title="Second plan")
    plan_factory(PlanStatus.DRAFT, title="Third plan")
    today = D(2026, 12, 1)  # both published plans' actions are open and never updated: stale
    steps = {s.key: s for s in selectors.method_steps([place], officer, today=today)[place.pk]}
    assert steps["plan_drafted"].detail == "Version 1: Draft"
    assert steps["published"].url == second.get_absolute_url()
    assert "2 open actions need a progress update" in steps["monitoring"].detail


# --- Action dates inside the plan's period ----------------------------------------------------------------------


def test_action_dates_outside_the_plan_are_refused_naming_the_dates(draft, officer):
    priority = draft.priorities.get()
    count = Action.objects.count()
    with pytest.raises(ValidationError) as error:
        services.action_create(priority=priority, by=officer, title="Late", end_date=D(2029, 3, 31))
    assert error.value.message_dict == {"end_date": ["The action must end by 31 December 2028, when the plan ends."]}
    with pytest.raises(ValidationError) as error:
        services.action_create(priority=priority, by=officer, title="Early", start_date=D(2025, 6, 1))
    assert error.value.message_dict == {
        "start_date": ["The action must start on or after 1 January 2026, when the plan starts."]
    }
    action = priority.actions.get()
    with pytest.raises(ValidationError, match="must end by 31 December 2028"):
        services.action_update(
            action=action, by=officer, expected_lock_version=action.lock_version, end_date=D(2030, 1, 1)
        )
    assert Action.objects.count() == count
    action.refresh_from_db()
    assert action.end_date == D(2026, 6, 30)


def test_action_form_shows_the_period_message_on_the_field_and_keeps_the_input(as_role, draft, place):
    priority = draft.priorities.get()
    response = as_role("officer").post(
        reverse("plans:action_add", args=[place.code, draft.pk, priority.pk]),
        {"title": "Evening ESOL classes", "timescale": "short", "status": "not_started", "end_date": "2029-06-30"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The action must end by 31 December 2028, when the plan ends." in _error_on(html, "end_date")
    assert "Within the plan’s period, 1 January 2026 to 31 December 2028." in html
    assert 'value="Evening ESOL classes"' in html
    assert not Action.objects.filter(title="Evening ESOL classes").exists()


def test_the_plan_period_cannot_shrink_past_its_actions(draft, officer):
    with pytest.raises(ValidationError) as error:
        services.plan_update(plan=draft, by=officer, period_end=D(2026, 3, 31))
    assert "1 actions are dated after 31 March 2026" in error.value.message_dict["period_end"][0]
    draft.refresh_from_db()
    assert draft.period_end == D(2028, 12, 31)


def test_import_refuses_rows_dated_outside_the_plan(draft, officer):
    text = "priority,themes,principles,action,start_date,end_date\nJobs,T1,P3,Mentoring,2026-03-01,2030-01-01\n"
    with pytest.raises(exchange.ImportFailed) as failure:
        exchange.import_plan_file(plan=draft, by=officer, text=text, fmt="csv")
    assert failure.value.errors == ["Row 2: The action must end by 31 December 2028, when the plan ends."]
    assert not Action.objects.filter(title="Mentoring").exists()


def test_compare_lists_other_plans_by_title(as_role, plan_factory, place):
    first = plan_factory(PlanStatus.PUBLISHED)
    second = plan_factory(PlanStatus.DRAFT, title="Refugee welcome plan")
    page = as_role("officer").get(reverse("plans:compare", args=[place.code, second.pk]), {"other": first.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bristol inclusion plan, version 1 (Published)" in html


# --- Staleness from the later start -----------------------------------------------------------------------------


def test_update_due_counts_from_the_later_of_the_plans_and_the_actions_start(published):
    # Plan starts 1 January 2026, interval 90 days.
    assert selectors.update_due_date(last=None, plan=published, action_start=None) == D(2026, 4, 1)
    assert selectors.update_due_date(last=None, plan=published, action_start=D(2025, 6, 1)) == D(2026, 4, 1)
    assert selectors.update_due_date(last=None, plan=published, action_start=D(2026, 6, 1)) == D(2026, 8, 30)
    assert selectors.update_due_date(last=D(2026, 7, 1), plan=published, action_start=D(2026, 6, 1)) == D(2026, 9, 29)


def test_every_place_that_judges_staleness_agrees(published, place, officer):
    action = Action.objects.get(priority__plan=published)  # starts 1 February 2026: due 2 May 2026
    Action.objects.filter(pk=action.pk).update(lead_user=officer)
    facilitator = user_with_role("facilitator")
    for today, stale in ((D(2026, 4, 15), False), (D(2026, 5, 10), True)):
        action.refresh_from_db()
        assert selectors.is_stale(action, published, today) is stale
        assert [a.pk for a, _last in selectors.dashboard(published, today=today).stale] == ([action.pk] * stale)
        row = next(r for r in selectors.network_overview(user=facilitator, today=today) if r.place == place)
        assert row.stale == int(stale)
        kinds = {t.kind for t in selectors.tasks_for(officer, today=today)}
        assert ("update_overdue" in kinds) is stale


def test_the_networks_counts_agree_with_each_actions_rule_on_every_day(published, place, officer):
    """The network rows count stale and overdue actions in SQL; each action's own rule (is_stale, end date) decides
    in Python. Around every boundary (start dates, updates, the interval, closed actions) they must agree."""
    from inclusive_cities.plans.models import ActionStatus

    first = Action.objects.get(priority__plan=published)
    priority = first.priority
    cases = [  # (start, end, status, update dates)
        (None, None, ActionStatus.IN_PROGRESS, []),
        (D(2026, 3, 1), D(2026, 5, 1), ActionStatus.IN_PROGRESS, []),
        (D(2025, 11, 1), D(2026, 12, 31), ActionStatus.IN_PROGRESS, [D(2026, 2, 10)]),
        (D(2026, 1, 1), D(2026, 4, 30), ActionStatus.IN_PROGRESS, [D(2026, 1, 20), D(2026, 3, 31)]),
        (D(2026, 1, 1), D(2026, 4, 30), ActionStatus.COMPLETED, []),
        (D(2026, 2, 1), D(2026, 6, 30), ActionStatus.CANCELLED, [D(2026, 2, 2)]),
        (D(2026, 4, 1), D(2026, 12, 31), ActionStatus.NOT_STARTED, []),
    ]
    for n, (start, end, status, dates) in enumerate(cases):
        action = Action.objects.create(
            priority=priority, title=f"Case {n}", start_date=start, end_date=end, status=status, order=n + 10
        )
        for date in dates:
            ProgressUpdate.objects.create(
                action=action, date=date, status=ActionStatus.IN_PROGRESS, narrative="An update", author=officer
            )
    facilitator = user_with_role("facilitator")
    actions = list(Action.objects.filter(priority__plan=published))
    day, checked = D(2026, 1, 1), set()
    while day <= D(2026, 12, 31):
        stale = sum(selectors.is_stale(a, published, day) for a in actions)
        overdue = sum(
            1 for a in actions if a.status not in selectors.CLOSED_STATUSES and a.end_date and a.end_date < day
        )
        row = next(r for r in selectors.network_overview(user=facilitator, today=day) if r.place == place)
        assert (row.stale, row.overdue) == (stale, overdue), day
        checked.add((stale, overdue))
        day += datetime.timedelta(days=1)
    assert len(checked) >= 5  # the days walked through really changed the counts


def test_an_action_starting_late_is_not_never_updated_before_its_interval(published, officer):
    action = Action.objects.get(priority__plan=published)
    Action.objects.filter(pk=action.pk).update(start_date=D(2026, 6, 1), end_date=D(2026, 12, 31))
    assert selectors.dashboard(published, today=D(2026, 8, 1)).stale == []
    assert len(selectors.dashboard(published, today=D(2026, 9, 1)).stale) == 1


# --- The lead shows wherever the action does ---------------------------------------------------------------------


@pytest.fixture
def led_by_a_person(published, officer):
    action = Action.objects.get(priority__plan=published)
    Action.objects.filter(pk=action.pk).update(lead_user=officer, lead_organisation_name="", lead_organisation=None)
    return published, officer


def test_a_lead_person_without_an_organisation_shows_everywhere(as_role, led_by_a_person, place):
    plan, person = led_by_a_person
    name = person.display_name
    action = Action.objects.get(priority__plan=plan)
    assert action.lead_label == name
    client = as_role("anonymous")
    assert name in client.get(plan.get_absolute_url()).content.decode()
    detail = client.get(reverse("plans:action_detail", args=[place.code, plan.pk, action.pk]))
    assert name in detail.content.decode()
    # Never updated and long past its start: on the dashboard's stale list, with its lead.
    dashboard = client.get(reverse("plans:dashboard", args=[place.code, plan.pk])).content.decode()
    assert f"(lead: {name})" in dashboard
    from inclusive_cities.plans.views import _dashboard_context

    for kind in ("plan", "progress"):
        html = render_to_string(
            f"plans/pdf_{kind}.html", {"plan": plan, **_dashboard_context(plan), "generated": timezone.now()}
        )
        assert name in html
    rows = list(csv.DictReader(io.StringIO(exchange.export_csv(plan))))
    assert rows[0]["lead_person"] == name and rows[0]["lead_organisation"] == ""


def test_lead_reads_organisation_and_person_together(published, officer):
    action = Action.objects.get(priority__plan=published)
    action.lead_user = officer
    assert action.lead_label == f"Bristol City Council ({officer.display_name})"


# --- Number fields keep what was typed ----------------------------------------------------------------------------


def test_plan_form_interval_given_text(as_role, draft, place):
    response = as_role("officer").post(
        reverse("plans:plan_edit", args=[place.code, draft.pk]),
        {
            "title": draft.title,
            "period_start": "2026-01-01",
            "period_end": "2028-12-31",
            "update_interval_days": "ninety",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Progress update interval (days) must be a number" in _error_on(html, "update_interval_days")
    assert 'value="ninety"' in html and 'inputmode="numeric"' in html
    draft.refresh_from_db()
    assert draft.update_interval_days == 90


def test_action_form_amount_given_text(as_role, draft, place):
    priority = draft.priorities.get()
    response = as_role("officer").post(
        reverse("plans:action_add", args=[place.code, draft.pk, priority.pk]),
        {"title": "Grants for groups", "timescale": "short", "status": "not_started", "resource_amount": "lots"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Resources (£) must be a number" in _error_on(html, "resource_amount")
    assert 'value="lots"' in html
    assert not Action.objects.filter(title="Grants for groups").exists()


def test_measure_form_baseline_given_text(as_role, draft, place):
    action = Action.objects.get(priority__plan=draft)
    response = as_role("officer").post(
        reverse("plans:measure_add", args=[place.code, draft.pk, action.pk]),
        {"name": "People in classes", "baseline": "twelve", "target": "40", "direction": "higher"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Baseline must be a number" in _error_on(html, "baseline")
    assert 'value="twelve"' in html and 'value="People in classes"' in html
    assert not Measure.objects.filter(action=action).exists()


def test_progress_form_measure_value_given_text(as_role, published, place):
    action = Action.objects.get(priority__plan=published)
    measure = Measure.objects.create(action=action, name="People helped", baseline=Decimal("0"), target=Decimal("50"))
    response = as_role("officer").post(
        reverse("plans:progress_add", args=[place.code, published.pk, action.pk]),
        {
            "date": "2026-03-01",
            "status": "in_progress",
            "rag": "green",
            "narrative": "Classes started.",
            f"measure_{measure.pk}": "about twenty",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Value now: People helped must be a number" in _error_on(html, f"measure_{measure.pk}")
    assert 'value="about twenty"' in html and "Classes started." in html
    assert not ProgressUpdate.objects.filter(action=action).exists()
