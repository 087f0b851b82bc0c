"""Permission matrix: every view, every role in conftest.ROLES, every sharing level and state."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.assessments.models import Answer, Contribution, ContributionRequest, Sharing, Status

pytestmark = pytest.mark.django_db

MEMBERS = {"officer", "sponsor", "partner"}
STAFF = {"facilitator", "admin"}
NETWORK_ROLES = MEMBERS | STAFF | {"other_officer", "researcher"}

STATES = [
    ("draft", "private"),
    ("draft", "public"),
    ("confirmed", "private"),
    ("confirmed", "network"),
    ("confirmed", "public"),
]


def can_see(role: str, status: str, sharing: str) -> bool:
    """The visibility rule, written out independently of the code as the brief states it."""
    if role in MEMBERS | STAFF:
        return True
    if status == "draft":
        return False
    if sharing == "public":
        return True
    if sharing == "network":
        return role in NETWORK_ROLES
    return False


def expected(role, status, sharing, *, allowed_roles: set, needs_draft: bool, login: bool = True, ok: int = 200):
    if role == "anonymous" and login:
        return "login"
    if not can_see(role, status, sharing):
        return 404
    if role in allowed_roles and (status == "draft" or not needs_draft):
        return ok
    return 403


def check(response, want):
    if want == "login":
        assert response.status_code == 302 and "/sign-in/" in response["Location"], response
    elif want == "redirect":
        assert response.status_code == 302 and "/sign-in/" not in response["Location"], response
    else:
        assert response.status_code == want, response


@pytest.fixture
def world(place, other_place, make_assessment):
    def build(status, sharing):
        assessment = make_assessment(
            place,
            status=status,
            sharing=sharing,
            confirmed_at=datetime.date(2026, 1, 1) if status == Status.CONFIRMED else None,
            goals={"T1.1": 2},
        )
        answer = assessment.answers.first()
        answer.file.save("evidence.pdf", ContentFile(b"%PDF-1.4 test"))
        return assessment

    return build


def _url(name, a, *extra):
    return reverse(f"assessments:{name}", args=[a.place.code, a.pk, *extra])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_read_views(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    want = 200 if can_see(role, status, sharing) else 404
    for name in ["detail", "pdf", "csv"]:
        check(client.get(_url(name, assessment)), want)
    answer = Answer.objects.get(assessment=assessment)
    check(client.get(_url("file", assessment, answer.pk)), want)
    # the list always answers, and lists exactly what may be seen
    response = client.get(reverse("assessments:list", args=[assessment.place.code]))
    assert response.status_code == 200
    assert (assessment.get_absolute_url() in response.content.decode()) is (want == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_officer_views(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    check(
        client.get(_url("answer", assessment, "T1.1")),
        expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=True),
    )
    check(
        client.get(_url("answer", assessment, "P2-T3")),
        expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=True),
    )
    check(
        client.get(_url("invite", assessment)),
        expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=True),
    )
    # settings and sharing stay the officer's choice after confirmation
    check(
        client.get(_url("edit", assessment)),
        expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=False),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_sponsor_confirms(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    check(
        client.get(_url("confirm", assessment)),
        expected(role, status, sharing, allowed_roles={"sponsor"}, needs_draft=True),
    )
    want = expected(role, status, sharing, allowed_roles={"sponsor"}, needs_draft=True)
    check(client.post(_url("confirm", assessment)), "redirect" if want == 200 else want)
    assessment.refresh_from_db()
    assert (assessment.status == Status.CONFIRMED) is (status == "confirmed" or want == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_partner_contributes_only_when_asked(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    goal = assessment.framework.themes.get(code="T2").goals.get(code="T2.1")
    if client.user is not None:
        request = ContributionRequest.objects.create(assessment=assessment, partner=client.user)
        request.goals.set([goal])
    want = expected(role, status, sharing, allowed_roles={"partner"}, needs_draft=True)
    check(client.get(_url("contribute", assessment, "T2.1")), want)
    response = client.post(_url("contribute", assessment, "T2.1"), {"level": "3", "evidence": "x"})
    check(response, "redirect" if want == 200 else want)
    assert Contribution.objects.filter(request__assessment=assessment).exists() is (want == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_officer_decides_contributions(as_role, world, role, status, sharing, make_user):
    from inclusive_cities.core.factories import user_with_role

    assessment = world(status, sharing)
    client = as_role(role)
    partner = user_with_role("partner", assessment.place)
    request = ContributionRequest.objects.create(assessment=assessment, partner=partner)
    goal = assessment.framework.themes.get(code="T2").goals.get(code="T2.1")
    request.goals.set([goal])
    contribution = Contribution.objects.create(request=request, goal=goal, level=3)
    want = expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=True)
    response = client.post(_url("decide", assessment, contribution.pk), {"decision": "accept"})
    check(response, "redirect" if want == 200 else want)
    contribution.refresh_from_db()
    assert (contribution.state == "accepted") is (want == 200)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_gap_to_priority_is_for_the_officer(as_role, world, role, status, sharing):
    from inclusive_cities.plans.models import ActionPlan, Priority

    assessment = world(status, sharing)
    client = as_role(role)
    want = expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=False)
    url = _url("priority", assessment, "T1")
    check(client.get(url), want)  # choose the plan
    check(client.post(url, {"plan": "new"}), want)  # see what will be added
    assert not ActionPlan.objects.exists() and not Priority.objects.exists()  # neither step writes
    check(client.post(url, {"plan": "new", "confirmed": "yes"}), "redirect" if want == 200 else want)
    assert Priority.objects.filter(plan__place=assessment.place).count() == (1 if want == 200 else 0)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_check_answers_is_for_the_officers_and_the_sponsor_of_a_draft(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    want = expected(role, status, sharing, allowed_roles={"officer", "sponsor"}, needs_draft=True)
    check(client.get(_url("check", assessment)), want)
    # the page only reads: a POST is refused as a method before anything else, for anyone signed in
    check(client.post(_url("check", assessment)), "login" if role == "anonymous" else 405)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("status", "sharing"), STATES)
def test_send_to_the_sponsor_is_for_the_officers_of_a_draft(as_role, world, role, status, sharing):
    assessment = world(status, sharing)
    client = as_role(role)
    want = expected(role, status, sharing, allowed_roles={"officer"}, needs_draft=True)
    response = client.post(_url("send", assessment))
    check(response, "redirect" if want == 200 else want)
    if want == 200:
        assert response["Location"] == assessment.get_absolute_url()
    assessment.refresh_from_db()
    assert (assessment.sent_to_sponsor_at is not None) is (want == 200)
    assert assessment.sent_to_sponsor_by_id == (client.user.pk if want == 200 else None)
    # the view only writes: a GET is refused as a method before anything else, for anyone signed in
    check(client.get(_url("send", assessment)), "login" if role == "anonymous" else 405)


def test_send_to_the_sponsor_needs_the_csrf_token(place, make_assessment, make_user):
    from django.test import Client

    assessment = make_assessment(place, goals={"T1.1": 2})
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("officer"))
    assert client.post(_url("send", assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.sent_to_sponsor_at is None


@pytest.mark.parametrize("role", ROLES)
def test_create_is_for_the_place_officer(as_role, place, framework, role):
    client = as_role(role)
    url = reverse("assessments:create", args=[place.code])
    want = {"anonymous": "login", "officer": 200}.get(role, 403)
    check(client.get(url), want)
    response = client.post(url, {"title": "Baseline", "sharing": "network"})
    check(response, "redirect" if want == 200 else want)
    assert place.assessments.exists() is (want == 200)


@pytest.mark.parametrize("role", ROLES)
def test_network_view_is_for_facilitators(as_role, framework, role):
    client = as_role(role)
    want = {"anonymous": "login", "facilitator": 200, "admin": 200}.get(role, 403)
    check(client.get(reverse("assessments:network")), want)


@pytest.mark.parametrize("role", ROLES)
def test_place_page_section(as_role, place, make_assessment, role):
    make_assessment(place, status=Status.CONFIRMED, sharing=Sharing.NETWORK, title="Shared one")
    response = as_role(role).get(place.get_absolute_url())
    assert response.status_code == 200
    assert ("Shared one" in response.content.decode()) is (role in NETWORK_ROLES)
