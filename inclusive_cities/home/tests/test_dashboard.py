"""The network dashboard: every member place of a running programme, and each alert for exactly its places."""

import datetime

from django.test import override_settings
from django.utils import timezone

from inclusive_cities.core import pagecache
from inclusive_cities.core.factories import MembershipFactory, PlaceFactory, ProgrammeFactory, user_with_role
from inclusive_cities.core.method import DONE, IN_PROGRESS, NOT_STARTED
from inclusive_cities.home.selectors import STEP_SHARED_TABLES, STEP_SOURCES, network_dashboard, place_rows
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan
from inclusive_cities.taskforce.models import Organisation, Sector, TaskforceMember


def _members(*names):
    from inclusive_cities.core.factories import CohortFactory

    cohort = CohortFactory(programme=ProgrammeFactory(end_year=None))
    places = [PlaceFactory(name=name) for name in names]
    for p in places:
        MembershipFactory(cohort=cohort, place=p)
    return places


def _alerts(dashboard) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for row in dashboard.rows:
        for key, _text in row.alerts:
            out.setdefault(key, set()).add(row.place.name)
    return out


@override_settings(PLAN_WAITING_ALERT_DAYS=30)
def test_each_alert_for_exactly_its_places(framework):
    ended, waiting, fresh_review, hard, complete, idle = _members(
        "Ended", "Waiting", "Fresh review", "Hard gaps", "Complete taskforce", "Idle"
    )
    # Outside any running programme: never on the dashboard.
    outsider = PlaceFactory(name="Coventry")
    make_plan(outsider, framework, status=PlanStatus.PUBLISHED)
    today = timezone.localdate()

    plan = make_plan(ended, framework, status=PlanStatus.PUBLISHED)
    ActionPlan.objects.filter(pk=plan.pk).update(
        period_start=datetime.date(2023, 4, 1), period_end=today - datetime.timedelta(days=1)
    )
    old = make_plan(waiting, framework, status=PlanStatus.IN_REVIEW)
    ActionPlan.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=31))
    new = make_plan(fresh_review, framework, status=PlanStatus.IN_REVIEW)
    ActionPlan.objects.filter(pk=new.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=29))
    # Cardiff's case: business and new communities covered, nobody with lived experience.
    for place in (hard, complete):
        for sector in (Sector.BUSINESS, Sector.MIGRANT_LED):
            Organisation.objects.create(place=place, name=f"{place.name} {sector}", sector=sector)
    TaskforceMember.objects.create(
        place=complete,
        person_name="A member",
        lived_experience=True,
        lived_experience_consent=True,
        lived_experience_consent_date=datetime.date(2025, 1, 1),
    )

    facilitator = user_with_role("facilitator")
    dashboard = network_dashboard(facilitator)
    assert {row.place.name for row in dashboard.rows} == {
        p.name for p in (ended, waiting, fresh_review, hard, complete, idle)
    }
    alerts = _alerts(dashboard)
    assert alerts["ended"] == {"Ended"}
    assert alerts["waiting"] == {"Waiting"}
    # The ended plan's only action (start 2026-02-01, never updated) is past the 90-day interval: stale.
    assert alerts["stale"] == {"Ended"}
    assert alerts["hard_gaps"] == {"Hard gaps"}
    assert alerts["not_started"] == {"Idle"}
    hard_text = next(text for row in dashboard.rows for key, text in row.alerts if key == "hard_gaps")
    assert "Lived experience of the migration system" in hard_text and "None" not in hard_text
    assert [row.place.name for row, _step in dashboard.awaiting_signoff] == ["Fresh review", "Waiting"]
    assert dashboard.alert_counts["waiting"] == 1
    # Filtering by an alert keeps only its places.
    assert [r.place.name for r in network_dashboard(facilitator, alert="ended").rows] == ["Ended"]


def test_checklist_follows_the_plan_workflow(place, framework):
    officer = user_with_role("officer", place)

    def states():
        (row,) = place_rows([place], officer)
        return {s.key: s.state for s in row.steps}

    assert [s.key for s in place_rows([place], officer)[0].steps] == [
        "commitment", "taskforce", "baseline", "assessment", "narrative",
        "plan_drafted", "in_review", "signed_off", "published", "monitoring",
    ]  # fmt: skip
    assert states()["commitment"] == IN_PROGRESS  # an officer, no sponsor yet
    assert states()["plan_drafted"] == NOT_STARTED
    plan = make_plan(place, framework)
    assert states()["plan_drafted"] == IN_PROGRESS
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_REVIEW)
    assert (states()["plan_drafted"], states()["in_review"]) == (DONE, IN_PROGRESS)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SIGNED_OFF)
    assert (states()["signed_off"], states()["published"]) == (DONE, IN_PROGRESS)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    assert states()["published"] == DONE and states()["monitoring"] in (DONE, IN_PROGRESS)
    user_with_role("sponsor", place)
    assert states()["commitment"] == DONE


def test_dashboard_queries_do_not_grow_with_places(framework, django_assert_max_num_queries):
    places = _members(*[f"Place {n}" for n in range(12)])
    for p in places[:6]:
        make_plan(p, framework, status=PlanStatus.PUBLISHED)
    facilitator = user_with_role("facilitator")
    network_dashboard(facilitator)  # warm caches (framework, roles)
    for label in (*STEP_SOURCES, *STEP_SHARED_TABLES):  # as after writes to every app: nothing from the memo
        pagecache.bump_app(label)
    with django_assert_max_num_queries(20):
        network_dashboard(facilitator)


def test_dashboard_is_kept_between_writes_and_follows_each_write(framework, django_assert_max_num_queries):
    (place,) = _members("Kept")
    plan = make_plan(place, framework)
    facilitator = user_with_role("facilitator")
    assert network_dashboard(facilitator).awaiting_signoff == []
    with django_assert_max_num_queries(3):  # the rows come from the memo; only the review count is asked
        assert network_dashboard(facilitator).awaiting_signoff == []
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_REVIEW, submitted_at=timezone.now())
    assert [row.place.name for row, _step in network_dashboard(facilitator).awaiting_signoff] == ["Kept"]


def test_after_a_plan_edit_only_the_plans_column_is_worked_out_again(framework, django_assert_num_queries):
    from inclusive_cities.plans import selectors as plan_selectors

    places = _members("North", "South")
    plan = make_plan(places[0], framework)
    facilitator = user_with_role("facilitator")
    network_dashboard(facilitator)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_REVIEW, submitted_at=timezone.now())
    # what the plans column alone costs, asked directly
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as plans_alone:
        plan_selectors.method_steps(places, facilitator)
    with CaptureQueriesContext(connection) as after_edit:
        board = network_dashboard(facilitator)
    assert [row.place.name for row, _step in board.awaiting_signoff] == ["North"]  # the edit shows
    # the other five apps' columns came from the memo: only the plans column, the places and the review count ran
    assert len(after_edit) <= len(plans_alone) + 3


def test_a_write_to_any_apps_column_shows_on_the_next_view(framework):
    (place,) = _members("Cardiff-like")
    facilitator = user_with_role("facilitator")
    before = network_dashboard(facilitator).rows[0].step("taskforce")
    Organisation.objects.create(place=place, name="Refugee council", sector=Sector.BUSINESS)
    after = network_dashboard(facilitator).rows[0].step("taskforce")
    assert before.state == NOT_STARTED
    assert (after.state, after.detail) != (before.state, before.detail)


def test_url_maker_builds_what_reverse_builds():
    from django.urls import reverse

    from inclusive_cities.core.method import url_maker

    make = url_maker("plans:dashboard", str, int)
    assert make("E06000023", 12) == reverse("plans:dashboard", args=["E06000023", 12])
    assert url_maker("network:place_detail", str)("S12000049") == reverse("network:place_detail", args=["S12000049"])
