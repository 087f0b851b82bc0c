"""Who is told: never someone who cannot see the object; emails through the queue; choices per kind; the
scheduled command is idempotent."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from conftest import ROLES
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evidence import services as evidence_services
from inclusive_cities.notifications import services
from inclusive_cities.notifications.events import EVENTS
from inclusive_cities.notifications.models import Kind, Mode, Notification, Preference
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan


@pytest.fixture
def people(make_user, framework):
    return {role: make_user(role) for role in ROLES}


def told(kind) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def roles_told(people, kind) -> set[str]:
    ids = told(kind)
    return {role for role, user in people.items() if user is not None and user.pk in ids}


def assert_only_viewers(kind, obj_for_perm):
    """Every notification of `kind` went to someone who may see the object, by the event's permission."""
    perm = EVENTS[kind].perm
    for n in Notification.objects.filter(kind=kind).select_related("recipient"):
        assert n.recipient.has_perm(perm, obj_for_perm), (kind, n.recipient)


def test_every_kind_has_an_event():
    assert set(EVENTS) == set(Kind.values)


def test_plan_workflow_tells_the_right_people(people, place, framework):
    officer = people["officer"]
    plan = make_plan(place, framework)
    plan = plan_services.plan_submit(plan=plan, by=officer)
    # Review requested: the place's partners and the network's facilitators (not the officer who submitted).
    assert roles_told(people, Kind.REVIEW_REQUESTED) == {"partner", "facilitator"}
    assert roles_told(people, Kind.SIGNOFF_AWAITED) == {"sponsor"}
    assert_only_viewers(Kind.REVIEW_REQUESTED, plan)
    comment = plan_services.comment_add(plan=plan, by=people["facilitator"], body="Add a measure.")
    assert roles_told(people, Kind.COMMENT_POSTED) == {"officer"}
    plan_services.comment_add(plan=plan, by=officer, body="Added.", parent=comment)
    assert roles_told(people, Kind.COMMENT_POSTED) == {"officer", "facilitator"}  # the thread's author
    plan_services.comment_resolve(comment=comment, by=officer)
    assert roles_told(people, Kind.COMMENT_RESOLVED) == {"facilitator"}
    plan = plan_services.plan_return_to_draft(plan=plan, by=people["sponsor"])
    assert roles_told(people, Kind.RETURNED_TO_DRAFT) == {"officer"}
    plan = plan_services.plan_submit(plan=plan, by=officer)
    plan = plan_services.plan_sign_off(plan=plan, by=people["sponsor"])
    assert roles_told(people, Kind.SIGNED_OFF) == {"officer", "facilitator"}
    plan_services.plan_publish(plan=plan, by=officer)
    assert roles_told(people, Kind.PUBLISHED) == {"sponsor", "partner", "facilitator"}
    # Nobody from elsewhere, no researcher, no one without a role was ever told anything about this draft.
    for role in ("user", "other_officer", "researcher"):
        assert not Notification.objects.filter(recipient=people[role]).exists(), role


def test_a_notification_never_reaches_someone_who_cannot_see_the_object(people, place, other_place, framework):
    """A candidate who may not see the draft is dropped by the view permission, whatever the event says."""
    plan = make_plan(place, framework)
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.IN_REVIEW)
    plan.refresh_from_db()
    for role, user in people.items():
        if user is None:
            continue
        if user in services.recipients("comment_posted", _comment_from(plan, user)):
            assert user.has_perm("plans.view_comments", plan), role


def _comment_from(plan, author):
    # A reply in a thread started by `author`: the event names the thread's author as a candidate.
    from inclusive_cities.plans.models import ReviewComment

    root = ReviewComment.objects.create(plan=plan, author=author, body="Question")
    return ReviewComment.objects.create(plan=plan, author=None, body="Answer", parent=root)


def test_other_place_thread_author_is_dropped(people, place, framework):
    plan = make_plan(place, framework)
    reply = _comment_from(plan, people["other_officer"])
    assert people["other_officer"] not in services.recipients("comment_posted", reply)
    assert people["officer"] in services.recipients("comment_posted", reply)


def test_an_assessment_sent_to_the_sponsor_tells_the_places_sponsors(people, place, other_place, framework):
    from inclusive_cities.assessments import services as assessment_services

    other_sponsor = user_with_role("sponsor", other_place)
    assessment = assessment_services.assessment_create(
        place=place, framework=framework, title="Baseline 2026", sharing="network", by=people["officer"]
    )
    goal = framework.themes.get(code="T1").goals.first()
    assessment_services.answer_save(assessment=assessment, by=people["officer"], goal=goal, level=2)
    assessment_services.assessment_send_to_sponsor(assessment=assessment, by=people["officer"])
    assert roles_told(people, Kind.ASSESSMENT_READY) == {"sponsor"}
    assert other_sponsor.pk not in told(Kind.ASSESSMENT_READY)
    assert_only_viewers(Kind.ASSESSMENT_READY, assessment)


def test_case_study_notifications(people, place):
    cs = evidence_services.case_study_create(
        by=people["officer"],
        credited_place=place,
        title="Conversation cafe",
        place_name="Bristol",
        country="United Kingdom",
        summary="Weekly conversation sessions.",
        intervention_type="language learning",
        evidence_rating=1,
    )
    evidence_services.case_study_submit(case_study=cs, by=people["officer"])
    assert roles_told(people, Kind.CASE_STUDY_SUBMITTED) == {"facilitator"}
    evidence_services.case_study_publish(case_study=cs, by=people["facilitator"])
    assert roles_told(people, Kind.CASE_STUDY_PUBLISHED) == {"officer"}


def test_email_goes_through_the_queue_with_a_link_and_respects_choices(
    people, place, framework, django_capture_on_commit_callbacks
):
    Preference.objects.create(user=people["facilitator"], kind=Kind.REVIEW_REQUESTED, mode=Mode.OFF)
    Preference.objects.create(user=people["partner"], kind=Kind.REVIEW_REQUESTED, mode=Mode.DIGEST)
    plan = make_plan(place, framework)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plan_services.plan_submit(plan=plan, by=people["officer"])
        assert mail.outbox == []  # nothing is sent inside the transaction (nor in the request)
    assert callbacks
    # Once committed: the sponsor (immediately); the partner waits for the digest; the facilitator chose off.
    assert {tuple(m.to) for m in mail.outbox} == {(people["sponsor"].email,)}
    body = mail.outbox[0].body
    assert f"/places/{place.code}/plans/{plan.pk}/step/sign-off/" in body and body.startswith(place.name)
    assert Notification.objects.filter(recipient=people["facilitator"]).exists()  # still listed in the app
    # Sending twice (a retried task) sends once.
    n = Notification.objects.get(recipient=people["sponsor"])
    assert services.email_notification(n.pk) is False and len(mail.outbox) == 1


def test_digest_is_idempotent(people, place, framework):
    Preference.objects.create(user=people["partner"], kind=Kind.REVIEW_REQUESTED, mode=Mode.DIGEST)
    plan = make_plan(place, framework)
    plan_services.plan_submit(plan=plan, by=people["officer"])
    mail.outbox.clear()
    call_command("send_notifications", "--digest", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [[people["partner"].email]]
    assert plan.title in mail.outbox[0].body
    call_command("send_notifications", "--digest", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1


def test_reminders_are_idempotent_and_reach_the_lead_only(people, place, framework, django_capture_on_commit_callbacks):
    plan = make_plan(place, framework, status=PlanStatus.PUBLISHED)
    ActionPlan.objects.filter(pk=plan.pk).update(period_start=timezone.localdate() - datetime.timedelta(days=200))
    Action.objects.filter(priority__plan=plan).update(lead_user=people["partner"], start_date=None)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", "--reminders", stdout=open("/dev/null", "w"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", "--reminders", stdout=open("/dev/null", "w"))
    assert roles_told(people, Kind.UPDATE_OVERDUE) == {"partner"}
    assert Notification.objects.filter(kind=Kind.UPDATE_OVERDUE).count() == 1
    assert len(mail.outbox) == 1
    # A lead who may not report (another place's officer) is not told; the place's officers are not either.
    Notification.objects.all().delete()
    Action.objects.filter(priority__plan=plan).update(lead_user=people["other_officer"])
    call_command("send_notifications", "--reminders", stdout=open("/dev/null", "w"))
    assert not Notification.objects.exists()


def test_update_due_soon_reminder(people, place, framework):
    plan = make_plan(place, framework, status=PlanStatus.PUBLISHED)
    start = timezone.localdate() - datetime.timedelta(days=80)
    ActionPlan.objects.filter(pk=plan.pk).update(period_start=start)
    Action.objects.filter(priority__plan=plan).update(lead_user=people["officer"], start_date=None)
    assert services.send_reminders() == 1
    assert roles_told(people, Kind.UPDATE_DUE) == {"officer"}
    assert services.send_reminders() == 0


def test_message_names_only_the_object(people, place, framework):
    plan = make_plan(place, framework, title="Hidden draft title")
    plan_services.plan_submit(plan=plan, by=people["officer"])
    n = Notification.objects.get(recipient=people["sponsor"])
    assert "Hidden draft title" in n.message and n.url.startswith(f"/places/{place.code}/plans/")
    assert not Notification.objects.filter(recipient__in=[people["other_officer"], people["researcher"]]).exists()
    user_with_role("officer", place)  # a new officer later sees nothing old addressed to others
    assert Notification.objects.filter(recipient=people["officer"]).count() == 0


def test_no_email_to_someone_who_lost_access_before_it_left(people, place, framework):
    """The view permission is checked again when the email (or the digest) goes out."""
    from inclusive_cities.accounts.models import PlaceRoleAssignment

    Preference.objects.create(user=people["partner"], kind=Kind.REVIEW_REQUESTED, mode=Mode.DIGEST)
    plan = make_plan(place, framework)
    plan_services.plan_submit(plan=plan, by=people["officer"])  # on-commit emails do not run in this test
    sponsor_note = Notification.objects.get(recipient=people["sponsor"])
    PlaceRoleAssignment.objects.filter(user__in=[people["sponsor"], people["partner"]]).delete()
    for user in (people["sponsor"], people["partner"]):
        user.refresh_from_db()
    mail.outbox.clear()
    assert services.email_notification(sponsor_note.pk) is False
    assert services.send_digests() == 0
    assert mail.outbox == []
    # Still listed in their own app page (their own record), but no email carried the draft plan's title.
    assert Notification.objects.filter(recipient=people["partner"], emailed_at__isnull=False).exists()
