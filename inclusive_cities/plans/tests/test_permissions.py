"""Permission matrix: every plans view, every role, every plan state, the exact status code."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.plans.models import ActionPlan, Measure, Milestone, PlanStatus, ReviewComment

from .conftest import STATES

MEMBERS = {"officer", "sponsor", "partner"}
STAFF = {"facilitator", "admin"}
WRITERS = {"officer", "admin"}
PUBLIC = {PlanStatus.PUBLISHED, PlanStatus.ARCHIVED}
EDITABLE = {PlanStatus.DRAFT, PlanStatus.IN_REVIEW}


def can_view(role: str, status: str) -> bool:
    return status in PUBLIC or role in MEMBERS | STAFF


def public_expected(role: str, status: str) -> int:
    """Read views open to anonymous visitors once published; hidden (404) before, to all but members and staff."""
    return 200 if can_view(role, status) else 404


def write_expected(role: str, status: str, allowed: bool) -> int:
    if role == "anonymous":
        return 302
    if not can_view(role, status):
        return 404
    return 200 if allowed else 403


READ_VIEWS = [
    ("plans:plan_detail", None),
    ("plans:dashboard", None),
    ("plans:compare", None),
    ("plans:action_detail", "action"),
    ("plans:export", "actions"),
    ("plans:export", "updates"),
    ("plans:export", "json"),
    ("plans:pdf", "plan"),
    ("plans:pdf", "progress"),
]


def _url(name, plan, extra):
    priority = plan.priorities.first()
    action = priority.actions.first()
    if extra == "action":
        return reverse(name, args=[plan.place.code, plan.pk, action.pk])
    if extra == "delete-priority":
        return reverse(name, args=[plan.place.code, plan.pk, "priority", priority.pk])
    if extra == "delete-action":
        return reverse(name, args=[plan.place.code, plan.pk, "action", action.pk])
    if extra == "delete-measure":
        measure = action.measures.first() or Measure.objects.create(action=action, name="People attending")
        return reverse(name, args=[plan.place.code, plan.pk, "measure", measure.pk])
    if extra == "measure-edit":
        measure = action.measures.first() or Measure.objects.create(action=action, name="People attending")
        return reverse(name, args=[plan.place.code, plan.pk, action.pk, measure.pk])
    if extra == "delete-milestone":
        milestone = action.milestones.first() or Milestone.objects.create(action=action, title="Venue booked")
        return reverse(name, args=[plan.place.code, plan.pk, "milestone", milestone.pk])
    if extra == "priority":
        return reverse(name, args=[plan.place.code, plan.pk, priority.pk])
    if extra:
        return reverse(name, args=[plan.place.code, plan.pk, extra])
    return reverse(name, args=[plan.place.code, plan.pk])


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_read_views(as_role, plan_factory, role, status):
    plan = plan_factory(status)
    client = as_role(role)
    for name, extra in READ_VIEWS:
        response = client.get(_url(name, plan, extra))
        assert response.status_code == public_expected(role, status), (name, extra)


# (url name, extra argument, who may, in which states)
WRITE_VIEWS = [
    ("plans:plan_edit", None, WRITERS, EDITABLE),
    ("plans:priority_add", None, WRITERS, EDITABLE),
    ("plans:priority_edit", "priority", WRITERS, EDITABLE),
    ("plans:action_add", "priority", WRITERS, EDITABLE),
    ("plans:action_edit", "action", WRITERS, EDITABLE),
    ("plans:import", None, WRITERS, EDITABLE),
    ("plans:measure_edit", "measure-edit", WRITERS, EDITABLE),
    ("plans:delete", "delete-priority", WRITERS, EDITABLE),
    ("plans:delete", "delete-action", WRITERS, EDITABLE),
    ("plans:delete", "delete-measure", WRITERS, EDITABLE),
    ("plans:delete", "delete-milestone", WRITERS, EDITABLE),
    ("plans:plan_step", "submit", WRITERS, {PlanStatus.DRAFT}),
    ("plans:plan_step", "sign-off", {"sponsor"}, {PlanStatus.IN_REVIEW}),
    ("plans:plan_step", "publish", WRITERS, {PlanStatus.SIGNED_OFF}),
    ("plans:plan_step", "return", WRITERS | {"sponsor"}, {PlanStatus.IN_REVIEW, PlanStatus.SIGNED_OFF}),
    ("plans:plan_step", "new-version", WRITERS, {PlanStatus.PUBLISHED}),
    # The action's lead is not the partner here, so the partner may not post (see test_partner_posts_progress).
    ("plans:progress_add", "action", WRITERS, {PlanStatus.PUBLISHED}),
]


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_write_views(as_role, plan_factory, role, status):
    plan = plan_factory(status)
    client = as_role(role)
    for name, extra, who, states in WRITE_VIEWS:
        response = client.get(_url(name, plan, extra))
        expected = write_expected(role, status, role in who and status in states)
        assert response.status_code == expected, (name, extra)
        if role == "anonymous":
            assert "/sign-in/" in response["Location"] or "login" in response["Location"]


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_comment_post(as_role, plan_factory, role, status):
    plan = plan_factory(status)
    response = as_role(role).post(reverse("plans:comment_add", args=[plan.place.code, plan.pk]), {"body": "A thought"})
    allowed = role in MEMBERS | STAFF and status in EDITABLE
    if allowed:
        assert response.status_code == 302
        assert ReviewComment.objects.filter(plan=plan, body="A thought").exists()
    else:
        assert response.status_code == write_expected(role, status, False)
        assert not ReviewComment.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_create_plan_view(as_role, place, framework, role):
    response = as_role(role).get(reverse("plans:plan_create", args=[place.code]))
    assert response.status_code == write_expected(role, PlanStatus.PUBLISHED, role in WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_lists(as_role, plan_factory, role):
    plan_factory(PlanStatus.PUBLISHED, title="Open published plan")
    draft = plan_factory(PlanStatus.DRAFT, title="Secret draft plan")
    ActionPlan.objects.filter(pk=draft.pk).update(version=2)  # the newest version, as "start a new version" makes
    client = as_role(role)
    index = client.get(reverse("plans:index"))
    assert index.status_code == 200
    assert "Open published plan" in index.content.decode()
    # Only network staff get the network status table, which includes drafts.
    assert ("Secret draft plan" in index.content.decode()) == (role in STAFF)
    listing = client.get(reverse("plans:place_plans", args=[draft.place.code]))
    assert listing.status_code == 200
    assert ("Secret draft plan" in listing.content.decode()) == can_view(role, PlanStatus.DRAFT)


@pytest.mark.parametrize("role", ROLES)
def test_current_published_stable_url(as_role, plan_factory, place, role):
    assert as_role(role).get(reverse("plans:place_current", args=[place.code])).status_code == 404
    plan_factory(PlanStatus.DRAFT)
    assert as_role(role).get(reverse("plans:place_current", args=[place.code])).status_code == 404
    plan_factory(PlanStatus.PUBLISHED, title="The current one")
    response = as_role(role).get(reverse("plans:place_current", args=[place.code]))
    assert response.status_code == 200
    assert "The current one" in response.content.decode()


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_post_only_views(as_role, plan_factory, role, status):
    """Adding measures and milestones (plan writers, editable plans), marking a milestone done (writers while
    editable; officers, admins and the action's lead once published), resolving comments (reviewers)."""
    plan = plan_factory(status)
    action = plan.priorities.get().actions.get()
    milestone = action.milestones.create(title="Milestone")
    comment = ReviewComment.objects.create(plan=plan, body="Root")
    client = as_role(role)
    code = plan.place.code

    def check(url, data, allowed, changed):
        response = client.post(url, data)
        if role == "anonymous":
            assert response.status_code == 302 and "sign-in" in response["Location"]
        elif not can_view(role, status):
            assert response.status_code == 404
        elif allowed:
            assert response.status_code == 302
        else:
            assert response.status_code == 403
        assert changed() == (allowed and role != "anonymous" and can_view(role, status)), url

    writer_edit = role in WRITERS and status in EDITABLE
    check(
        reverse("plans:measure_add", args=[code, plan.pk, action.pk]),
        {"name": "People reached"},
        writer_edit,
        lambda: action.measures.filter(name="People reached").exists(),
    )
    measure = Measure.objects.create(action=action, name="Before")
    check(
        reverse("plans:measure_edit", args=[code, plan.pk, action.pk, measure.pk]),
        {"name": "After", "direction": "higher"},
        writer_edit,
        lambda: Measure.objects.filter(pk=measure.pk, name="After").exists(),
    )
    check(
        reverse("plans:milestone_add", args=[code, plan.pk, action.pk]),
        {"title": "New step"},
        writer_edit,
        lambda: action.milestones.filter(title="New step").exists(),
    )
    done_allowed = writer_edit or (role in WRITERS and status == PlanStatus.PUBLISHED)
    check(
        reverse("plans:milestone_done", args=[code, plan.pk, action.pk, milestone.pk]),
        {},
        done_allowed,
        lambda: action.milestones.get(pk=milestone.pk).completed_on is not None,
    )
    reviewer = role in MEMBERS | STAFF and status in EDITABLE
    check(
        reverse("plans:comment_resolve", args=[code, plan.pk, comment.pk]),
        {"resolved": "1"},
        reviewer,
        lambda: ReviewComment.objects.get(pk=comment.pk).resolved_at is not None,
    )


@pytest.mark.parametrize("role", ROLES)
def test_api_is_open_to_all_roles(as_role, plan_factory, role):
    plan_factory(PlanStatus.PUBLISHED)
    plan_factory(PlanStatus.DRAFT, title="Draft never in the API")
    response = as_role(role).get("/api/v1/plans/?place=E06000023")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert "Draft never in the API" not in response.content.decode()


@pytest.mark.parametrize("status", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_evidence_file_download(as_role, plan_factory, role, status, settings, tmp_path):
    from django.core.files.base import ContentFile

    from inclusive_cities.plans.models import ProgressUpdate

    settings.MEDIA_ROOT = tmp_path
    plan = plan_factory(status)
    action = plan.priorities.get().actions.get()
    update = ProgressUpdate(action=action, date="2026-01-01", status="in_progress", narrative="x")
    update.evidence_file.save("evidence.txt", ContentFile(b"evidence"), save=True)
    url = reverse("plans:evidence_file", args=[plan.place.code, plan.pk, action.pk, update.pk])
    assert as_role(role).get(url).status_code == public_expected(role, status)


@pytest.mark.parametrize("role", ROLES)
def test_change_history_of_plans_and_actions(as_role, plan_factory, role):
    """The audit page (core:history) for a plan and an action: the place's officers and network staff."""
    plan = plan_factory(PlanStatus.PUBLISHED)
    action = plan.priorities.get().actions.get()
    client = as_role(role)
    for model, pk in (("actionplan", plan.pk), ("action", action.pk)):
        response = client.get(reverse("core:history", args=["plans", model, pk]))
        assert response.status_code == (200 if role in WRITERS | {"facilitator"} else 404), model
