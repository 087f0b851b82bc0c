"""Case studies pinned to a plan's priorities and actions: who may pin and unpin, the note, what is shown to whom
(plan page, action page, PDF), new versions, and suggestions from the priority's and action's own words."""

import datetime
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.evidence import services
from inclusive_cities.evidence.models import CaseStudy, PinnedCaseStudy
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.models import ActionPlan, PlanStatus
from inclusive_cities.plans.tests.conftest import make_plan

# Who sees a draft plan at all: its place's members and network staff (others get 404, anonymous a login redirect).
SEES_DRAFT = {"officer", "sponsor", "partner", "facilitator", "admin"}
MAY_PIN = {"officer", "admin"}
ESOL = {
    "london-esol-plus",
    "cardiff-reach-esol-gateway",
    "ic-esol-employment-pathways-model",
    "leeds-nottingham-esol-hubs",
}


@pytest.fixture
def plan(place, framework):
    return make_plan(place, framework)


@pytest.fixture
def case_study(make_case_study):
    return make_case_study("published", title="Library conversation cafe", slug="library-conversation-cafe")


def _target(plan, kind):
    priority = plan.priorities.first()
    return priority if kind == "priority" else priority.actions.first()


def _url(name, plan, kind, *extra):
    return reverse(name, args=[plan.place.code, plan.pk, kind, _target(plan, kind).pk, *extra])


def _pin(plan, kind, case_study, note="It shows how volunteers run conversation practice."):
    return services.pin_add(by=None, case_study=case_study, note=note, **{kind: _target(plan, kind)})


def _publish(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    plan.refresh_from_db()


def _expected(role, status, *, success):
    if role == "anonymous":
        return 302
    if status == PlanStatus.DRAFT and role not in SEES_DRAFT:
        return 404
    return success if (status == PlanStatus.DRAFT and role in MAY_PIN) else 403


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.PUBLISHED])
@pytest.mark.parametrize("kind", ["priority", "action"])
@pytest.mark.parametrize("role", ROLES)
def test_pin_and_unpin_permissions(as_role, plan, case_study, make_case_study, role, kind, status):
    pinned_before = _pin(plan, kind, make_case_study("published", title="Another case", slug="another-case"))
    if status != PlanStatus.DRAFT:
        _publish(plan)
    allowed = role in MAY_PIN and status == PlanStatus.DRAFT
    client = as_role(role)
    assert client.get(_url("evidence:pins", plan, kind)).status_code == _expected(role, status, success=200)

    response = client.post(_url("evidence:pin_add", plan, kind), {"case_study": case_study.slug, "note": "Useful."})
    assert response.status_code == _expected(role, status, success=302)
    assert PinnedCaseStudy.objects.filter(case_study=case_study).exists() == allowed

    response = client.post(_url("evidence:pin_remove", plan, kind, pinned_before.pk))
    assert response.status_code == _expected(role, status, success=302)
    assert PinnedCaseStudy.objects.filter(pk=pinned_before.pk).exists() == (not allowed)


def test_officer_pins_from_search_then_unpins(as_role, plan, case_study):
    client = as_role("officer")
    page = client.get(_url("evidence:pins", plan, "action"), {"q": "conversation library"})
    html = page.content.decode()
    assert page.status_code == 200 and "Library conversation cafe" in html
    assert 'name="csrfmiddlewaretoken"' in html and 'method="get"' in html
    response = client.post(
        _url("evidence:pin_add", plan, "action"),
        {"case_study": case_study.slug, "note": "  Volunteers, not paid tutors.  ", "q": "conversation"},
    )
    assert response.status_code == 302 and response.url == _url("evidence:pins", plan, "action")
    pin = PinnedCaseStudy.objects.get()
    assert pin.action == _target(plan, "action") and pin.priority is None
    assert pin.note == "Volunteers, not paid tutors." and pin.pinned_by == client.user

    again = client.post(_url("evidence:pin_add", plan, "action"), {"case_study": case_study.slug, "note": "Twice"})
    assert again.status_code == 400 and "already pinned here" in again.content.decode()
    assert PinnedCaseStudy.objects.count() == 1

    assert client.post(_url("evidence:pin_remove", plan, "action", pin.pk)).status_code == 302
    assert not PinnedCaseStudy.objects.exists()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", "Enter why this case study matters to the plan."),
        ("   ", "Enter why this case study matters to the plan."),
        ("x" * 501, "at most 500 characters"),
    ],
)
def test_note_is_required_and_limited(as_role, plan, case_study, note, message):
    response = as_role("officer").post(
        _url("evidence:pin_add", plan, "priority"), {"case_study": case_study.slug, "note": note}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="govuk-error-message"' in html and message in html
    assert 'href="#id_note"' in html  # the error summary links to the field
    assert not PinnedCaseStudy.objects.exists()


def test_service_refuses_a_long_note_and_an_unpublished_case_study(plan, case_study, make_case_study):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _pin(plan, "priority", case_study, note="y" * 501)
    with pytest.raises(ValidationError):
        _pin(plan, "priority", make_case_study("submitted"))
    assert not PinnedCaseStudy.objects.exists()


def test_private_case_study_cannot_be_pinned(as_role, plan, make_case_study, other_place):
    client = as_role("officer")
    # A draft of the officer's own place: they can see it, so they are told why not.
    own_draft = make_case_study("draft", title="Our unfinished draft", slug="our-unfinished-draft")
    response = client.post(
        _url("evidence:pin_add", plan, "priority"), {"case_study": own_draft.slug, "note": "We like it"}
    )
    assert response.status_code == 400
    assert "Only published case studies can be pinned" in response.content.decode()
    # Another place's draft: not found, as everywhere else for this officer.
    hidden = CaseStudy.objects.create(
        slug="elsewhere-draft",
        title="Elsewhere draft",
        place_name="Liverpool",
        country="United Kingdom",
        summary="Not yet published.",
        credited_place=other_place,
        status="draft",
    )
    response = client.post(_url("evidence:pin_add", plan, "priority"), {"case_study": hidden.slug, "note": "Why"})
    assert response.status_code == 404
    # And the search never offers unpublished case studies to pin.
    page = client.get(_url("evidence:pins", plan, "priority"), {"q": "unfinished draft"}).content.decode()
    assert "Our unfinished draft" not in page
    assert not PinnedCaseStudy.objects.exists()


def _pdf_text(client, plan) -> str:
    response = client.get(reverse("plans:pdf", args=[plan.place.code, plan.pk, "plan"]))
    assert response.status_code == 200
    return subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()


def test_pins_show_on_the_public_plan_page_and_in_the_pdf_with_their_citation(plan, make_case_study):
    cited = make_case_study(
        "published",
        title="REACH style gateway",
        slug="reach-style-gateway",
        source_document="Cardiff action plan",
        source_section="4",
        year=2019,
    )
    other = make_case_study("published", title="Welcome walks", slug="welcome-walks", source_document="Walks report")
    _pin(plan, "priority", cited, note="One route into English classes.")
    _pin(plan, "action", other, note="Newcomers meet services in person.")
    _publish(plan)

    anonymous = Client()
    html = anonymous.get(plan.get_absolute_url()).content.decode()
    assert "Evidence pinned by the plan’s authors" in html
    assert "REACH style gateway" in html and "One route into English classes." in html
    assert "Cardiff action plan, section 4 (2019)" in html
    assert "Welcome walks" in html and "Newcomers meet services in person." in html
    action = plan.priorities.first().actions.first()
    action_html = anonymous.get(
        reverse("plans:action_detail", args=[plan.place.code, plan.pk, action.pk])
    ).content.decode()
    assert "Welcome walks" in action_html and "Walks report" in action_html

    text = _pdf_text(anonymous, plan)
    assert "REACH style gateway" in text and "One route into English classes." in text
    assert "Cardiff action plan, section 4 (2019)" in text
    assert "Welcome walks" in text and "Walks report" in text


def test_hostile_note_is_escaped(plan, case_study):
    _pin(plan, "priority", case_study, note='<script>alert("pin")</script> & <b>bold</b>')
    _publish(plan)
    html = Client().get(plan.get_absolute_url()).content.decode()
    assert '<script>alert("pin")</script>' not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;pin&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    text = _pdf_text(Client(), plan)
    assert '<script>alert("pin")</script> & <b>bold</b>' in text  # printed as written, not run


def test_a_case_study_no_longer_public_does_not_leak_to_anonymous(plan, make_case_study, contributor):
    secret = make_case_study("published", title="Withdrawn practice", slug="withdrawn-practice")
    _pin(plan, "priority", secret, note="Was public when pinned.")
    _publish(plan)
    CaseStudy.objects.filter(pk=secret.pk).update(status="draft")

    html = Client().get(plan.get_absolute_url()).content.decode()
    assert "Withdrawn practice" not in html and "Was public when pinned." not in html
    assert "Withdrawn practice" not in _pdf_text(Client(), plan)
    # The contributing place's officer still sees their own draft, as on the evidence pages.
    officer = Client()
    officer.force_login(contributor)
    assert "Withdrawn practice" in officer.get(plan.get_absolute_url()).content.decode()


def test_pins_follow_a_new_version(plan, case_study, make_case_study):
    _pin(plan, "priority", case_study, note="For the priority.")
    _pin(plan, "action", make_case_study("published", title="Second", slug="second"), note="For the action.")
    ActionPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.PUBLISHED)
    plan.refresh_from_db()
    new = plan_services.plan_new_version(plan=plan, by=None)
    new_priority = new.priorities.get()
    assert [(p.case_study.slug, p.note) for p in new_priority.pinned_evidence.all()] == [
        ("library-conversation-cafe", "For the priority.")
    ]
    assert [(p.case_study.slug, p.note) for p in new_priority.actions.get().pinned_evidence.all()] == [
        ("second", "For the action.")
    ]
    assert PinnedCaseStudy.objects.count() == 4  # the old version keeps its own


def test_an_action_about_english_classes_for_refugees_is_offered_the_esol_case_studies(
    seed_case_studies, place, framework, as_role
):
    plan = make_plan(place, framework)
    priority = plan.priorities.get()
    action = plan_services.action_create(
        priority=priority,
        by=None,
        title="English classes for refugees",
        description="",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    client = as_role("officer")
    html = client.get(reverse("plans:action_detail", args=[place.code, plan.pk, action.pk])).content.decode()
    suggested = html.split("Evidence that may help", 1)[1].split("</details>", 1)[0]
    esol = {slug for slug in ESOL if f"/evidence/{slug}/" in suggested}
    assert "london-esol-plus" in esol and len(esol) >= 2, suggested
    # The priority's own suggestions (its words: "Welcome and belonging") are about welcome, not English classes.
    plan_html = client.get(plan.get_absolute_url()).content.decode()
    assert "/evidence/london-esol-plus/" not in plan_html.split("Evidence that may help", 1)[1].split("</details>")[0]
    # The pin page offers them too, ready to pin, before any search.
    page = client.get(reverse("evidence:pins", args=[place.code, plan.pk, "action", action.pk])).content.decode()
    assert 'value="london-esol-plus"' in page


def test_editors_can_remove_a_pin_whose_case_study_they_no_longer_see(as_role, plan, other_place):
    elsewhere = CaseStudy.objects.create(
        slug="elsewhere-practice",
        title="Elsewhere practice",
        place_name="Liverpool",
        country="United Kingdom",
        summary="Published, then withdrawn by its place.",
        credited_place=other_place,
        status="published",
    )
    pin = _pin(plan, "priority", elsewhere, note="Was useful.")
    CaseStudy.objects.filter(pk=elsewhere.pk).update(status="draft")
    client = as_role("officer")
    page = client.get(_url("evidence:pins", plan, "priority")).content.decode()
    assert "Elsewhere practice" not in page and "No longer published" in page and "Was useful." in page
    assert client.post(_url("evidence:pin_remove", plan, "priority", pin.pk)).status_code == 302
    assert not PinnedCaseStudy.objects.exists()
