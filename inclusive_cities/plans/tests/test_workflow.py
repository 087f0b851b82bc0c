"""The plan's journey: draft -> review (threaded, resolvable comments) -> sign-off by the sponsor -> published,
immutable once published, new versions, comparison; and the refusals along the way."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from inclusive_cities.core.factories import PlaceFactory, user_with_role
from inclusive_cities.plans import selectors, services
from inclusive_cities.plans.models import Action, ActionPlan, PlanStatus, Priority


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_full_journey_through_the_views(place, framework, officer, sponsor):
    facilitator = user_with_role("facilitator")
    c_officer, c_sponsor, c_fac = client_for(officer), client_for(sponsor), client_for(facilitator)

    response = c_officer.post(
        reverse("plans:plan_create", args=[place.code]),
        {
            "title": "Bristol plan",
            "period_start": "2026-01-01",
            "period_end": "2027-12-31",
            "vision": "Welcome",
            "update_interval_days": 90,
        },
    )
    plan = ActionPlan.objects.get(title="Bristol plan")
    assert response.status_code == 302 and plan.status == PlanStatus.DRAFT and plan.framework == framework
    t1 = framework.themes.get(code="T1")
    c_officer.post(
        reverse("plans:priority_add", args=[place.code, plan.pk]),
        {
            "title": "Belonging",
            "description": "",
            "order": 1,
            "themes": [t1.pk],
            "principles": [framework.principles.get(code="P1").pk],
        },
    )
    priority = Priority.objects.get(plan=plan)
    response = c_officer.post(
        reverse("plans:action_add", args=[place.code, plan.pk, priority.pk]),
        {
            "title": "Welcome campaign",
            "timescale": "short",
            "status": "not_started",
            "resource_state": "sought",
            "resource_amount": "5000",
            "start_date": "2026-03-01",
            "end_date": "2026-09-30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action = Action.objects.get(priority=priority)

    assert c_officer.post(reverse("plans:plan_step", args=[place.code, plan.pk, "submit"])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW

    # Threaded, resolvable review comments from the facilitator and the officer.
    c_fac.post(reverse("plans:comment_add", args=[place.code, plan.pk]), {"body": "Add a measure for the campaign."})
    root = plan.comments.get()
    c_officer.post(reverse("plans:comment_add", args=[place.code, plan.pk]), {"body": "Done.", "parent": root.pk})
    threads = selectors.comment_threads(plan)
    assert len(threads) == 1 and [r.body for r in threads[0].thread] == ["Done."]
    c_fac.post(reverse("plans:comment_resolve", args=[place.code, plan.pk, root.pk]), {"resolved": "1"})
    root.refresh_from_db()
    assert root.resolved_at is not None and root.resolved_by == facilitator

    # The officer cannot sign off; the sponsor can.
    assert c_officer.post(reverse("plans:plan_step", args=[place.code, plan.pk, "sign-off"])).status_code == 403
    assert c_sponsor.post(reverse("plans:plan_step", args=[place.code, plan.pk, "sign-off"])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SIGNED_OFF and plan.signed_off_by == sponsor and plan.signed_off_at

    # Signed off: no more edits; published only by the officer.
    assert c_officer.get(reverse("plans:action_edit", args=[place.code, plan.pk, action.pk])).status_code == 403
    assert c_sponsor.post(reverse("plans:plan_step", args=[place.code, plan.pk, "publish"])).status_code == 403
    assert c_officer.post(reverse("plans:plan_step", args=[place.code, plan.pk, "publish"])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and plan.published_at

    # Anyone can now read it, and its progress.
    assert Client().get(plan.get_absolute_url()).status_code == 200

    # A new version copies it; the published one stays until the new one is published.
    c_officer.post(reverse("plans:plan_step", args=[place.code, plan.pk, "new-version"]))
    new = ActionPlan.objects.get(previous=plan)
    assert new.version == 2 and new.status == PlanStatus.DRAFT
    assert new.priorities.get().actions.get().title == "Welcome campaign"
    new_action = new.priorities.get().actions.get()
    c_officer.post(
        reverse("plans:action_edit", args=[place.code, new.pk, new_action.pk]),
        {
            "title": "Welcome campaign, citywide",
            "timescale": "medium",
            "status": "in_progress",
            "resource_state": "secured",
            "lock_version": new_action.lock_version,
        },
    )
    response = c_officer.get(reverse("plans:compare", args=[place.code, new.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>  Action 1.1: Welcome campaign</del>" in html
    assert "<ins>  Action 1.1: Welcome campaign, citywide</ins>" in html
    # Anonymous visitors cannot compare against the unpublished draft.
    assert Client().get(reverse("plans:compare", args=[place.code, plan.pk]) + f"?other={new.pk}").status_code == 404

    # Publishing version 2 archives version 1, which stays readable at its own address.
    ActionPlan.objects.filter(pk=new.pk).update(status=PlanStatus.SIGNED_OFF)
    c_officer.post(reverse("plans:plan_step", args=[place.code, new.pk, "publish"]))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ARCHIVED
    assert selectors.current_published(place=place).pk == new.pk
    assert Client().get(plan.get_absolute_url()).status_code == 200


def test_sponsor_of_another_place_cannot_sign_off(plan_factory, other_place):
    plan = plan_factory(PlanStatus.IN_REVIEW)
    outsider = user_with_role("sponsor", other_place)
    # Refused plainly (403, naming who can), without being shown the unpublished plan...
    response = client_for(outsider).post(reverse("plans:plan_step", args=[plan.place.code, plan.pk, "sign-off"]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Only Bristol’s senior sponsor can sign off its plan" in html
    assert plan.title not in html
    # ...and the service refuses them outright, with a message naming who can.
    with pytest.raises(ValidationError, match="senior sponsor"):
        services.plan_sign_off(plan=plan, by=outsider)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_REVIEW and plan.signed_off_by is None


def test_sponsor_refused_with_a_clear_message_when_plan_is_not_in_review(plan_factory, sponsor):
    plan = plan_factory(PlanStatus.DRAFT)
    response = client_for(sponsor).get(reverse("plans:plan_step", args=[plan.place.code, plan.pk, "sign-off"]))
    assert response.status_code == 403
    assert "senior sponsor" in response.content.decode()


def test_published_plan_is_immutable(plan_factory, officer):
    plan = plan_factory(PlanStatus.PUBLISHED)
    priority = plan.priorities.get()
    action = priority.actions.get()
    with pytest.raises(ValidationError, match="new version"):
        services.plan_update(plan=plan, by=officer, title="Changed")
    with pytest.raises(ValidationError):
        services.priority_save(plan=plan, by=officer, priority=priority, title="Changed", description="", order=1)
    with pytest.raises(ValidationError):
        services.action_update(action=action, by=officer, expected_lock_version=action.lock_version, title="Changed")
    with pytest.raises(ValidationError):
        services.action_create(priority=priority, by=officer, title="New")
    with pytest.raises(ValidationError):
        services.milestone_add(action=action, by=officer, title="New")
    # Even a direct POST by its own officer changes nothing.
    response = client_for(officer).post(
        reverse("plans:plan_edit", args=[plan.place.code, plan.pk]),
        {"title": "Changed", "period_start": "2026-01-01", "period_end": "2026-12-31", "update_interval_days": 90},
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    action.refresh_from_db()
    assert plan.title == "Bristol inclusion plan" and action.title == "Run a welcome campaign"


def test_date_range_backwards_is_refused(place, framework, officer):
    response = client_for(officer).post(
        reverse("plans:plan_create", args=[place.code]),
        {"title": "Backwards", "period_start": "2027-01-01", "period_end": "2026-01-01", "update_interval_days": 90},
    )
    assert response.status_code == 200
    assert "end date must be the same as or after its start date" in response.content.decode()
    assert not ActionPlan.objects.exists()
    with pytest.raises(ValidationError, match="end date"):
        services.plan_create(
            place=place,
            by=officer,
            framework=framework,
            title="x",
            period_start=datetime.date(2027, 1, 1),
            period_end=datetime.date(2026, 1, 1),
        )


def test_action_dates_backwards_refused(draft, officer):
    priority = draft.priorities.get()
    response = client_for(officer).post(
        reverse("plans:action_add", args=[draft.place.code, draft.pk, priority.pk]),
        {
            "title": "Backwards action",
            "timescale": "short",
            "status": "not_started",
            "resource_state": "",
            "start_date": "2026-05-01",
            "end_date": "2026-04-01",
        },
    )
    assert response.status_code == 200
    assert "action end date must be the same as or after" in response.content.decode()
    assert not Action.objects.filter(title="Backwards action").exists()


def test_themes_from_another_framework_version_refused(draft, officer, framework):
    from inclusive_cities.framework.models import Framework, Theme

    other = Framework.objects.create(name="Other", version="9.9", status="draft")
    foreign = Theme.objects.create(framework=other, code="T1", name="Foreign")
    with pytest.raises(ValidationError, match="different framework version"):
        services.priority_save(plan=draft, by=officer, title="x", description="", order=2, themes=[foreign])
    assert draft.priorities.count() == 1


def test_submit_needs_a_priority(place, framework, officer):
    plan = services.plan_create(
        place=place,
        by=officer,
        framework=framework,
        title="Empty",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
    )
    with pytest.raises(ValidationError, match="at least one priority"):
        services.plan_submit(plan=plan, by=officer)


def test_only_one_new_version_at_a_time(published, officer):
    services.plan_new_version(plan=published, by=officer)
    with pytest.raises(ValidationError, match="already been started"):
        services.plan_new_version(plan=published, by=officer)


def test_hostile_and_over_long_text_is_escaped_and_limited(draft, officer):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    services.plan_update(plan=draft, by=officer, vision=hostile)
    client = client_for(officer)
    client.post(reverse("plans:comment_add", args=[draft.place.code, draft.pk]), {"body": hostile})
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html
    response = client.post(
        reverse("plans:plan_edit", args=[draft.place.code, draft.pk]),
        {"title": "x" * 201, "period_start": "2026-01-01", "period_end": "2026-12-31", "update_interval_days": 90},
    )
    assert response.status_code == 200 and "at most 200 characters" in response.content.decode()
    client.post(reverse("plans:comment_add", args=[draft.place.code, draft.pk]), {"body": "y" * 5001})
    assert not draft.comments.filter(body__startswith="yyyy").exists()


def test_compare_any_two_versions_only_changes(published, officer):
    new = services.plan_new_version(plan=published, by=officer)
    services.plan_update(plan=new, by=officer, vision="A different vision")
    client = client_for(officer)
    url = reverse("plans:compare", args=[new.place.code, published.pk])
    html = client.get(url, {"other": new.pk, "changes": "only"}).content.decode()
    assert "<del>Vision: A city where newcomers belong.</del>" in html
    assert "<ins>Vision: A different vision</ins>" in html
    assert "Title: Bristol inclusion plan" not in html  # unchanged lines hidden
    assert "Title: Bristol inclusion plan" in client.get(url, {"other": new.pk}).content.decode()
    assert client.get(url, {"other": "abc"}).status_code == 404


def test_delete_in_draft_only(plan_factory, officer):
    draft = plan_factory(PlanStatus.DRAFT)
    published = plan_factory(PlanStatus.PUBLISHED)
    client = client_for(officer)
    action = draft.priorities.get().actions.get()
    assert (
        client.post(reverse("plans:delete", args=[draft.place.code, draft.pk, "action", action.pk])).status_code == 302
    )
    assert not Action.objects.filter(pk=action.pk).exists()
    priority = draft.priorities.get()
    assert (
        client.post(reverse("plans:delete", args=[draft.place.code, draft.pk, "priority", priority.pk])).status_code
        == 302
    )
    assert not draft.priorities.exists()
    p_priority = published.priorities.get()
    url = reverse("plans:delete", args=[published.place.code, published.pk, "priority", p_priority.pk])
    assert client.post(url).status_code == 403
    assert published.priorities.count() == 1
    with pytest.raises(ValidationError):
        services.priority_delete(priority=p_priority, by=officer)
    assert client.get(reverse("plans:delete", args=[draft.place.code, draft.pk, "goal", 1])).status_code == 404


def test_delete_a_measure_or_milestone_while_editable(plan_factory, officer):
    from inclusive_cities.plans.models import Measure, Milestone

    draft = plan_factory(PlanStatus.DRAFT)
    code = draft.place.code
    action = draft.priorities.get().actions.get()
    measure = services.measure_add(action=action, by=officer, name="Sessions held", target=12)
    milestone = services.milestone_add(action=action, by=officer, title="Venue booked")
    client = client_for(officer)
    back = reverse("plans:action_detail", args=[code, draft.pk, action.pk])
    page = client.get(back).content.decode()
    assert reverse("plans:delete", args=[code, draft.pk, "milestone", milestone.pk]) in page
    response = client.post(reverse("plans:delete", args=[code, draft.pk, "milestone", milestone.pk]))
    assert response.status_code == 302 and response["Location"] == back
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    # Another plan's measure is not found through this plan.
    other = plan_factory(PlanStatus.DRAFT, title="Another plan")
    assert client.get(reverse("plans:delete", args=[code, other.pk, "measure", measure.pk])).status_code == 404
    client.post(reverse("plans:delete", args=[code, draft.pk, "measure", measure.pk]))
    assert not Measure.objects.filter(pk=measure.pk).exists()
    # Once published, nothing can be deleted: the plan is immutable.
    published = plan_factory(PlanStatus.PUBLISHED, title="Published plan")
    kept = Measure.objects.create(action=published.priorities.get().actions.get(), name="Kept")
    assert client.post(reverse("plans:delete", args=[code, published.pk, "measure", kept.pk])).status_code == 403
    assert Measure.objects.filter(pk=kept.pk).exists()
    assert (
        "Delete"
        not in client.get(
            reverse("plans:action_detail", args=[code, published.pk, published.priorities.get().actions.get().pk])
        )
        .content.decode()
        .split("Measures")[1]
        .split("Progress updates")[0]
    )


def test_action_shows_linked_taskforce_meetings_only_to_those_who_may_see_them(published, place):
    from inclusive_cities.taskforce.models import Meeting

    action = published.priorities.get().actions.get()
    meeting = Meeting.objects.create(place=place, date=datetime.date(2026, 3, 3), title="Spring taskforce meeting")
    meeting.linked_actions.add(action)
    url = reverse("plans:action_detail", args=[place.code, published.pk, action.pk])
    assert "Spring taskforce meeting" in client_for(user_with_role("partner", place)).get(url).content.decode()
    assert "Spring taskforce meeting" not in Client().get(url).content.decode()


def test_baseline_activities_on_the_priority_themes_shown_to_members_only(published, place, framework):
    from inclusive_cities.baseline.models import Activity

    activity = Activity.objects.create(place=place, what="Existing welcome walks")
    activity.themes.add(framework.themes.get(code="T1"))
    other = Activity.objects.create(place=place, what="Existing job club")
    other.themes.add(framework.themes.get(code="T2"))
    html = client_for(user_with_role("partner", place)).get(published.get_absolute_url()).content.decode()
    assert "Existing welcome walks" in html and "Existing job club" not in html
    assert "Existing welcome walks" not in Client().get(published.get_absolute_url()).content.decode()


def test_a_completed_action_can_be_shared_as_a_case_study_by_the_place_officer(published, officer, place):
    from urllib.parse import parse_qs, urlsplit

    from inclusive_cities.plans.models import ActionStatus

    action = published.priorities.get().actions.get()
    url = reverse("plans:action_detail", args=[place.code, published.pk, action.pk])
    assert "share it as a case study" not in client_for(officer).get(url).content.decode()  # not complete yet
    services.progress_post(
        action=action, by=officer, date=datetime.date(2026, 6, 1), status="completed", narrative="Ran in 12 wards."
    )
    assert Action.objects.get(pk=action.pk).status == ActionStatus.COMPLETED
    response = client_for(officer).get(url)
    link = response.context["case_study_url"]
    assert link and link in response.content.decode().replace("&amp;", "&")
    query = parse_qs(urlsplit(link).query)
    assert query["title"] == ["Run a welcome campaign"] and query["themes"] == ["T1"] and query["principles"] == ["P3"]
    assert "Ran in 12 wards." in query["outcomes"][0]
    form = client_for(officer).get(link).context["form"]
    assert form.initial["title"] == "Run a welcome campaign" and form.initial["themes"] == ["T1"]
    # Not offered to people who may not contribute for this place.
    for other in (user_with_role("partner", place), user_with_role("officer", PlaceFactory(code="E08000012"))):
        assert client_for(other).get(url).context["case_study_url"] == ""
    assert Client().get(url).context["case_study_url"] == ""


def test_date_fields_are_rendered_as_browsers_accept_them(published, officer, place):
    """`<input type="date">` drops any value not in ISO form, so an edit would silently wipe the dates."""
    import re

    draft = services.plan_new_version(plan=published, by=officer)
    action = draft.priorities.get().actions.get()
    client = client_for(officer)
    html = client.get(reverse("plans:action_edit", args=[place.code, draft.pk, action.pk])).content.decode()
    dates = dict(re.findall(r'<input type="date" name="(\w+)" value="([^"]*)"', html))
    assert dates == {"start_date": "2026-02-01", "end_date": "2026-06-30"}
    html = client.get(reverse("plans:plan_edit", args=[place.code, draft.pk])).content.decode()
    assert 'name="period_start" value="2026-01-01"' in html
    html = client.get(
        reverse("plans:progress_add", args=[place.code, published.pk, published.priorities.get().actions.get().pk])
    ).content.decode()
    assert re.search(r'name="date" value="\d{4}-\d{2}-\d{2}"', html)


def test_update_interval_and_resources_must_be_possible(draft, officer):
    for days in (0, 6, 367, 30000):
        with pytest.raises(ValidationError) as error:
            services.plan_update(plan=draft, by=officer, update_interval_days=days)
        assert "between 7 and 366 days" in str(error.value)
    assert ActionPlan.objects.get(pk=draft.pk).update_interval_days == 90
    priority = draft.priorities.get()
    with pytest.raises(ValidationError, match="zero or more"):
        services.action_create(priority=priority, by=officer, title="Grant", resource_amount=-5000)
    assert priority.actions.count() == 1
    # Through the form: the officer is told, and nothing changes.
    response = client_for(officer).post(
        reverse("plans:plan_edit", args=[draft.place.code, draft.pk]),
        {
            "title": draft.title,
            "period_start": "2026-01-01",
            "period_end": "2028-12-31",
            "vision": draft.vision,
            "update_interval_days": "0",
        },
    )
    assert response.status_code == 200 and "between 7 and 366 days" in response.content.decode()


def test_a_new_plan_is_version_1_of_its_own_line_and_a_new_version_continues_its_line(plan_factory, officer):
    published = plan_factory(PlanStatus.PUBLISHED)
    fresh = plan_factory(PlanStatus.DRAFT, title="A fresh start")
    assert (published.line, published.version) == (1, 1)
    assert (fresh.line, fresh.version) == (2, 1)
    new = services.plan_new_version(plan=published, by=officer)
    assert (new.line, new.version, new.previous) == (1, 2, published)
    # A second plan started later is version 1 of a third line, never "version 3" of another plan.
    third = plan_factory(PlanStatus.DRAFT, title="Refugee welcome plan")
    assert (third.line, third.version) == (3, 1)


def test_a_plan_goes_back_to_draft_from_review_or_after_sign_off(plan_factory, officer, place):
    from inclusive_cities.plans.models import ReviewComment

    sponsor = user_with_role("sponsor", place)
    plan = plan_factory(PlanStatus.IN_REVIEW)
    ReviewComment.objects.create(plan=plan, author=officer, body="Add the library service as a partner.")
    page = client_for(sponsor).get(reverse("plans:plan_step", args=[place.code, plan.pk, "sign-off"]))
    assert "1 review comment is not resolved yet" in page.content.decode()
    services.plan_sign_off(plan=plan, by=sponsor)
    response = client_for(sponsor).post(reverse("plans:plan_step", args=[place.code, plan.pk, "return"]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT and plan.signed_off_by is None and plan.signed_off_at is None
    assert plan.history.filter(signed_off_by=sponsor).exists()  # the withdrawn sign-off stays on record
    with pytest.raises(ValidationError, match="Only a plan in review or signed off"):
        services.plan_return_to_draft(plan=plan, by=officer)


def test_progress_carries_over_when_a_new_version_is_published(published, officer, place):
    from inclusive_cities.plans.models import Measure

    sponsor = user_with_role("sponsor", place)
    old_action = published.priorities.get().actions.get()
    measure = Measure.objects.create(action=old_action, name="People reached", target=500)
    services.progress_post(
        action=old_action, by=officer, date=datetime.date(2026, 3, 1), status="in_progress", narrative="Started"
    )
    draft = services.plan_new_version(plan=published, by=officer)
    # Progress goes on being reported on the published version while the new one is prepared.
    services.progress_post(
        action=old_action,
        by=officer,
        date=datetime.date(2026, 5, 1),
        status="completed",
        rag="green",
        narrative="Done in all wards",
        measure_values={measure.pk: 420},
    )
    services.plan_submit(plan=draft, by=officer)
    services.plan_sign_off(plan=draft, by=sponsor)
    services.plan_publish(plan=draft, by=officer)
    new_action = draft.priorities.get().actions.get()
    assert [u.narrative for u in new_action.updates.order_by("date")] == ["Started", "Done in all wards"]
    assert new_action.status == "completed" and new_action.rag == "green"
    latest = new_action.updates.order_by("-date").first()
    assert [(v.measure.name, v.value) for v in latest.values.all()] == [("People reached", 420)]
    api = Client().get(f"/api/v1/plans/?place={place.code}").json()["results"][0]
    assert api["version"] == draft.version
    assert api["priorities"][0]["actions"][0]["latest_progress"]["narrative"] == "Done in all wards"
    # Publishing is the only carry: the old version keeps its own updates untouched.
    assert old_action.updates.count() == 2
