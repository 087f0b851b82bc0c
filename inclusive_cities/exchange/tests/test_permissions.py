"""Permission matrix: every exchange view, every role in conftest.ROLES, the exact status."""

import datetime

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.exchange import services
from inclusive_cities.exchange.models import BarrierKind

MEMBERS = {"officer", "sponsor"}  # officers and sponsors of a member place
STAFF = {"facilitator", "admin"}
NETWORK = {"officer", "sponsor", "partner", "other_officer", "facilitator", "researcher", "admin"}


def status_for(role: str, allowed: set[str], public: bool, visible: set[str] | None) -> int:
    """200 if allowed (or public); anonymous visitors are sent to sign in; 403 for someone who may know the
    object exists but not use the page; 404 for someone who may not know it exists (outside `visible`)."""
    if role in allowed or public is True:
        return 200
    if public == "draft":  # a public address whose drafts are unknown to anyone but staff, signed in or not
        return 404
    if role == "anonymous":
        return 302
    return 403 if visible is None or role in visible else 404


@pytest.fixture
def objects(convening, survey, place, other_place, facilitator, cohort, programme):
    partnership = services.partnership_propose(by=facilitator, place_a=place, place_b=other_place, aims="Share ESOL")
    thread = services.thread_start(by=facilitator, programme=programme, title="What did not work", body="Tell us")
    report = services.report_start(
        by=facilitator,
        programme=programme,
        title="Draft report",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    published = services.report_start(
        by=facilitator,
        programme=programme,
        title="Published report",
        period_start=datetime.date(2017, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    services.report_publish(report=published, by=facilitator)
    barrier = services.barrier_record(
        by=facilitator,
        place=place,
        kind=BarrierKind.MOVE_ON,
        title="28 days is too short",
        rule="Move-on period",
        evidence="Local casework",
        may_be_named=True,
    )
    position = services.position_draft(by=facilitator, kind=BarrierKind.MOVE_ON, title="Move-on")
    published_position = services.position_draft(by=facilitator, kind=BarrierKind.MOVE_ON, title="Published")
    services.position_publish(position=published_position, by=facilitator)
    return {
        "convening": convening,
        "survey": survey,
        "partnership": partnership,
        "thread": thread,
        "post": thread.posts.first(),
        "report": report,
        "published": published,
        "section": report.sections.first(),
        "barrier": barrier,
        "position": position,
        "published_position": published_position,
    }


def cases(o):
    """(url, allowed roles, public?, roles that may know the object exists (None: everyone)) for every view."""
    s = o["survey"]
    return [
        (reverse("exchange:home"), set(), True, None),
        (reverse("exchange:convening_list"), set(), True, None),
        (reverse("exchange:convening_detail", args=[o["convening"].pk]), set(), True, None),
        (reverse("exchange:convening_add"), STAFF, False, None),
        (reverse("exchange:convening_edit", args=[o["convening"].pk]), STAFF, False, None),
        (reverse("exchange:partnership_list"), NETWORK, False, None),
        (reverse("exchange:partnership_propose"), STAFF, False, None),
        (
            reverse("exchange:partnership_detail", args=[o["partnership"].pk]),
            STAFF | {"researcher", "officer", "sponsor", "partner", "other_officer"},
            False,
            set(),
        ),
        (reverse("exchange:thread_list"), STAFF | MEMBERS, False, None),
        (reverse("exchange:thread_detail", args=[o["thread"].pk]), STAFF | MEMBERS, False, set()),
        (reverse("exchange:post_action", args=[o["post"].pk, "report"]), STAFF | MEMBERS, False, set()),
        (reverse("exchange:post_action", args=[o["post"].pk, "hide"]), STAFF, False, STAFF | MEMBERS),
        (reverse("exchange:survey_list"), STAFF | MEMBERS | {"researcher"}, False, None),
        (reverse("exchange:survey_detail", args=[s.pk]), STAFF, False, None),
        (reverse("exchange:survey_answer", args=[s.pk, s.link_key]), MEMBERS, False, None),
        (reverse("exchange:survey_results", args=[s.pk]), STAFF | MEMBERS | {"researcher"}, False, None),
        (reverse("exchange:survey_results_csv", args=[s.pk]), STAFF | MEMBERS | {"researcher"}, False, None),
        (reverse("exchange:survey_review", args=[s.pk]), STAFF, False, None),
        (reverse("exchange:report_list"), set(), True, None),
        (reverse("exchange:report_detail", args=[o["published"].pk]), set(), True, None),
        (reverse("exchange:report_pdf", args=[o["published"].pk]), set(), True, None),
        (reverse("exchange:report_detail", args=[o["report"].pk]), STAFF, "draft", set()),
        (reverse("exchange:report_section_edit", args=[o["report"].pk, o["section"].pk]), STAFF, False, None),
        (reverse("exchange:barrier_list"), NETWORK, False, None),
        (reverse("exchange:barrier_add"), STAFF | {"officer", "other_officer"}, False, None),
        (reverse("exchange:barrier_detail", args=[o["barrier"].pk]), NETWORK, False, set()),
        (reverse("exchange:barrier_edit", args=[o["barrier"].pk]), STAFF | {"officer"}, False, NETWORK),
        (reverse("exchange:position_add"), STAFF, False, None),
        (reverse("exchange:position_detail", args=[o["position"].pk]), STAFF, "draft", set()),
        (reverse("exchange:position_edit", args=[o["position"].pk]), STAFF, False, None),
        (reverse("exchange:position_detail", args=[o["published_position"].pk]), set(), True, None),
        (reverse("exchange:position_pdf", args=[o["published_position"].pk]), set(), True, None),
    ]


CASE_COUNT = 32


@pytest.mark.parametrize("role", ROLES)
def test_every_view_every_role(as_role, role, objects):
    """One role's visit to every view. Building the objects is most of the time; built once a role (not once a
    view and role) the matrix takes a tenth of it. Every view is still asked, and every wrong answer is listed."""
    client = as_role(role)
    wrong = []
    for url, allowed, public, visible in cases(objects):
        response = client.get(url)
        expected = status_for(role, allowed, public, visible)
        if response.status_code != expected or (expected == 302 and "/sign-in/" not in response["Location"]):
            wrong.append((url, expected, response.status_code, response.get("Location")))
    assert wrong == [], (role, wrong)


def test_case_count(objects):
    assert len(cases(objects)) == CASE_COUNT


@pytest.mark.parametrize("role", ROLES)
def test_convening_private_fields_only_for_the_network(as_role, role, objects):
    body = as_role(role).get(reverse("exchange:convening_detail", args=[objects["convening"].pk])).content.decode()
    assert "Start the project" in body  # aims are public
    assert ("Secret network-only notes" in body) == (role in NETWORK)
    assert ("Ada Officer" in body) == (role in NETWORK)


@pytest.mark.parametrize("role", ROLES)
def test_write_post_refused_for_non_staff(as_role, role, objects, programme):
    response = as_role(role).post(
        reverse("exchange:report_list"),
        {"programme": programme.pk, "title": "Sneaky", "period_start": "2018-01-01", "period_end": "2018-12-31"},
    )
    from inclusive_cities.exchange.models import LearningReport

    assert LearningReport.objects.filter(title="Sneaky").exists() == (role in STAFF)
    assert response.status_code == (302 if role in STAFF else 403)
