"""Each task kind appears for exactly the people who may act on it (every role in conftest.ROLES)."""

import datetime

from django.utils import timezone

from inclusive_cities.accounts.services import invitation_create
from inclusive_cities.assessments import services as assessment_services
from inclusive_cities.assessments.models import Contribution
from inclusive_cities.evidence import services as evidence_services
from inclusive_cities.home.selectors import tasks_for
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

from .conftest import who_gets


def test_nobody_has_tasks_on_an_empty_platform(people):
    for role, user in people.items():
        assert (tasks_for(user) if user else []) == [], role


def test_plan_in_review_waits_for_reviewers_and_the_sponsor(people, place, framework):
    plan = make_plan(place, framework)
    plan = plan_services.plan_submit(plan=plan, by=people["officer"])
    # Reviewers: may comment, but neither write the plan (officers, admins) nor sign it off (the sponsor).
    assert who_gets(people, "plan_review") == {"partner", "facilitator"}
    assert who_gets(people, "plan_signoff") == {"sponsor"}
    assert who_gets(people, "plan_publish") == set()
    # Each reviewer's permission agrees: they may comment; the sponsor's task agrees with the sign-off rule.
    for role in ("partner", "facilitator"):
        assert people[role].has_perm("plans.comment_actionplan", plan)
    assert people["sponsor"].has_perm("plans.signoff_actionplan", plan)
    signoff = next(t for k, _h, ts in tasks_for(people["sponsor"]) if k == "plan_signoff" for t in ts)
    assert signoff.url.endswith(f"/plans/{plan.pk}/step/sign-off/")


def test_signed_off_plan_waits_for_the_officer_to_publish(people, place, framework):
    make_plan(place, framework, status=PlanStatus.SIGNED_OFF)
    assert who_gets(people, "plan_publish") == {"officer"}
    assert who_gets(people, "plan_signoff") == set()


def test_open_comments_wait_for_the_place_officers(people, place, framework):
    plan = make_plan(place, framework)
    plan = plan_services.plan_submit(plan=plan, by=people["officer"])
    comment = plan_services.comment_add(plan=plan, by=people["facilitator"], body="Add a measure to action 1.")
    plan_services.comment_add(plan=plan, by=people["officer"], body="Done.", parent=comment)
    assert who_gets(people, "comments_resolve") == {"officer"}
    task = next(t for k, _h, ts in tasks_for(people["officer"]) if k == "comments_resolve" for t in ts)
    assert task.count == 1  # replies are part of the thread, not comments of their own
    plan_services.comment_resolve(comment=comment, by=people["officer"])
    assert who_gets(people, "comments_resolve") == set()


def _published_action(place, framework, lead, *, last_update_days_ago=None):
    plan = make_plan(place, framework, status=PlanStatus.PUBLISHED)
    ActionPlan.objects.filter(pk=plan.pk).update(
        period_start=timezone.localdate() - datetime.timedelta(days=400),
        period_end=timezone.localdate() + datetime.timedelta(days=400),
    )
    action = Action.objects.get(priority__plan=plan)
    Action.objects.filter(pk=action.pk).update(lead_user=lead, start_date=None, end_date=None)
    return action


def test_overdue_update_waits_for_the_lead_who_may_report(people, place, framework):
    for role in ("officer", "partner", "other_officer", "researcher"):
        _published_action(place, framework, people[role])
    # The other place's officer and the researcher lead an action here but may not report on it: no task.
    assert who_gets(people, "update_overdue") == {"officer", "partner"}
    for role in ("officer", "partner"):
        action = Action.objects.get(lead_user=people[role])
        assert people[role].has_perm("plans.post_progress", action)


def test_update_due_soon_then_not_due_after_reporting(people, place, framework):
    action = _published_action(place, framework, people["officer"])
    plan = action.priority.plan
    # Last update 80 days ago on a 90-day interval: due in 10 days.
    plan_services.progress_post(
        action=action,
        by=people["officer"],
        date=timezone.localdate() - datetime.timedelta(days=80),
        status="in_progress",
        narrative="Sessions running.",
    )
    assert plan.update_interval_days == 90
    assert who_gets(people, "update_due") == {"officer"} and who_gets(people, "update_overdue") == set()
    plan_services.progress_post(
        action=action, by=people["officer"], date=timezone.localdate(), status="in_progress", narrative="More."
    )
    assert who_gets(people, "update_due") == set()


def test_partner_answers_wait_for_the_officer_and_requests_for_the_partner(people, place, framework):
    assessment = assessment_services.assessment_create(
        place=place, framework=framework, title="Baseline 2026", sharing="private", by=people["officer"]
    )
    goal = framework.themes.get(code="T1").goals.first()
    assessment_services.contribution_request_create(
        assessment=assessment, partner=people["partner"], goals=[goal], message="", by=people["officer"]
    )
    assert who_gets(people, "answers_requested") == {"partner"}
    assert who_gets(people, "partner_answers") == set()
    assessment_services.contribution_submit(assessment=assessment, goal=goal, by=people["partner"], level=2)
    assert who_gets(people, "partner_answers") == {"officer"}
    assessment_services.contribution_decide(contribution=Contribution.objects.get(), accept=True, by=people["officer"])
    assert who_gets(people, "partner_answers") == set()


def test_an_assessment_sent_to_the_sponsor_waits_for_the_sponsor_until_confirmed(people, place, framework, client):
    assessment = assessment_services.assessment_create(
        place=place, framework=framework, title="Baseline 2026", sharing="private", by=people["officer"]
    )
    goal = framework.themes.get(code="T1").goals.first()
    assessment_services.answer_save(assessment=assessment, by=people["officer"], goal=goal, level=2)
    assert who_gets(people, "assessment_to_confirm") == set()
    assessment_services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    assert who_gets(people, "assessment_to_confirm") == {"sponsor"}
    (kind, heading, tasks) = next(g for g in tasks_for(people["sponsor"]) if g[0] == "assessment_to_confirm")
    assert heading == "Self-assessments waiting for your confirmation" and len(tasks) == 1
    client.force_login(people["sponsor"])
    page = client.get("/").content.decode()
    assert 'data-task-kind="assessment_to_confirm"' in page and "Confirm the self-assessment “Baseline 2026”" in page
    assert client.get(tasks[0].url).status_code == 200
    assessment_services.assessment_confirm(assessment=assessment, by=people["sponsor"])
    assert who_gets(people, "assessment_to_confirm") == set()


def test_submitted_case_study_waits_for_network_staff(people, place):
    cs = evidence_services.case_study_create(
        by=people["officer"],
        credited_place=place,
        title="Conversation cafe",
        place_name="Bristol",
        country="United Kingdom",
        summary="Weekly conversation sessions in a library.",
        intervention_type="language learning",
        evidence_rating=1,
    )
    assert who_gets(people, "case_study_review") == set()
    evidence_services.case_study_submit(case_study=cs, by=people["officer"])
    # evidence.review_casestudy: facilitators and administrators.
    assert who_gets(people, "case_study_review") == {"facilitator", "admin"}


def test_pending_invitations_for_those_who_manage_them(people, place, other_place):
    invitation_create(
        email="new.partner@example.org",
        role="partner",
        place=place,
        invited_by=people["officer"],
        accept_url=lambda token: f"/invitations/accept/{token}/",
    )
    # invitations_visible_to: network staff see all; a place's officers see their own place's.
    assert who_gets(people, "invitations") == {"officer", "facilitator", "admin"}


def test_tasks_link_to_where_they_are_done(people, place, framework, client):
    plan = make_plan(place, framework)
    plan = plan_services.plan_submit(plan=plan, by=people["officer"])
    for role in ("partner", "sponsor", "facilitator"):
        client.force_login(people[role])
        for _kind, _heading, tasks in tasks_for(people[role]):
            for task in tasks:
                assert client.get(task.url.split("#")[0]).status_code == 200, (role, task.url)
