"""Convenings (demo, API, OpenAPI), partnerships, discussions, learning reports and advocacy."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from inclusive_cities.core.factories import PlaceFactory, user_with_role
from inclusive_cities.exchange import services
from inclusive_cities.exchange.models import BarrierKind, Convening, PartnershipState, Post
from inclusive_cities.exchange.suggestions import suggest


@pytest.fixture
def demo(db):
    from inclusive_cities.exchange.demodata import load_convenings
    from inclusive_cities.framework.services import framework_load
    from inclusive_cities.network.services import network_load, places_load

    places_load()
    network_load()
    framework_load()
    load_convenings()


def test_demo_convenings_are_the_seeds_with_places_abroad(demo):
    glasgow = Convening.objects.get(title="First meeting of the Working Group")
    assert glasgow.start_date == datetime.date(2017, 10, 19) and glasgow.host.code == "S12000049"
    assert len(glasgow.aim_list) == 4 and "seed 004" in glasgow.source
    assert glasgow.participations.get(place__code="E61000001").kind == "associate"
    us = Convening.objects.get(title__startswith="US Learning Exchange")
    countries = {p.place.name: p.place.country for p in us.participations.filter(kind="guest")}
    assert countries == {"Pittsburgh": "United States", "Montgomery County": "United States",
                         "Washington DC": "United States"}  # fmt: skip
    vienna = Convening.objects.get(title__contains="Homelessness")
    assert vienna.places.get().country == "Austria" and "seed 000" in vienna.source
    assert Convening.objects.count() == 7


def test_api_lists_public_fields_only_and_is_in_the_schema(demo):
    client = Client()
    data = client.get("/api/v1/convenings/").json()
    assert data["count"] == 7
    row = next(r for r in data["results"] if r["title"].startswith("US Learning"))
    assert row["host"] == {"name": "Pittsburgh", "code": None, "country": "United States"}
    assert row["start_date"] == "2018-05-21" and row["end_date"] == "2018-05-25"
    assert len(row["aims"]) == 3 and any(p["code"] == "E06000023" for p in row["places"])
    assert "notes" not in row and "attendees" not in row
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/convenings/" in schema


def test_convening_dates_and_plan_action_link_are_checked(convening, facilitator, programme):
    with pytest.raises(ValidationError, match="ends before it starts"):
        services.convening_create(
            by=facilitator, programme=programme, title="Backwards", start_date=datetime.date(2020, 2, 1),
            end_date=datetime.date(2020, 1, 1), aims="x",
        )  # fmt: skip
    assert not Convening.objects.filter(title="Backwards").exists()


def test_partnership_propose_accept_and_close(place, other_place, facilitator):
    officer_a = user_with_role("officer", place)
    officer_b = user_with_role("officer", other_place)
    services.SENT.clear()
    p = services.partnership_propose(by=facilitator, place_a=place, place_b=other_place, aims="ESOL pathways")
    assert services.SENT[-1][0] == "partnership_proposed"
    assert set(services.SENT[-1][2]) == {officer_a.pk, officer_b.pk}
    with pytest.raises(ValidationError, match="already have"):
        services.partnership_propose(by=facilitator, place_a=other_place, place_b=place, aims="again")
    services.partnership_respond(partnership=p, by=officer_a, accept=True)
    p.refresh_from_db()
    assert p.state == PartnershipState.PROPOSED and p.a_accepted
    with pytest.raises(ValidationError, match="active partnership"):
        services.partnership_close(partnership=p, by=officer_a, learning_note="too early")
    services.partnership_respond(partnership=p, by=officer_b, accept=True)
    p.refresh_from_db()
    assert p.state == PartnershipState.ACTIVE
    services.partnership_meeting_add(partnership=p, by=officer_b, date=datetime.date(2025, 5, 1), summary="Visit")
    services.partnership_record_learning(partnership=p, by=officer_b, text="How Bristol runs its taskforce")
    services.partnership_close(partnership=p, by=facilitator, learning_note="Both changed their ESOL offer")
    p.refresh_from_db()
    assert p.state == PartnershipState.CLOSED and p.learnt_b.startswith("How Bristol")


def test_partner_cannot_answer_for_a_place(place, other_place, facilitator):
    p = services.partnership_propose(by=facilitator, place_a=place, place_b=other_place, aims="x")
    client = Client()
    client.force_login(user_with_role("partner", place))
    response = client.post(reverse("exchange:partnership_detail", args=[p.pk]), {"action": "respond",
                                                                                "respond-accept": "yes"})  # fmt: skip
    assert response.status_code == 403
    p.refresh_from_db()
    assert not p.a_accepted


def test_suggestions_use_only_network_shared_scores(framework, place, other_place):
    from inclusive_cities.assessments.models import Answer, Assessment, Sharing, Status

    def assess(p, level, sharing):
        a = Assessment.objects.create(place=p, framework=framework, title="A", status=Status.CONFIRMED,
                                      sharing=sharing, confirmed_at=datetime.date(2025, 1, 1))  # fmt: skip
        for theme in framework.themes.all():
            for goal in theme.goals.all():
                Answer.objects.create(assessment=a, goal=goal, level=level)
        return a

    assess(place, 4, Sharing.NETWORK)
    weak = assess(other_place, 0, Sharing.PRIVATE)
    assert suggest([place, other_place]) == []  # the private assessment is never used
    weak.sharing = Sharing.NETWORK
    weak.save()
    [s] = suggest([place, other_place])
    assert len(s.complementary) == 5 and "Bristol 100, Liverpool 0" in s.complementary[0]
    assert s.score == 10


def test_chatham_house_and_moderation(programme, cohort, place, facilitator):
    officer = user_with_role("officer", place)
    thread = services.thread_start(by=officer, programme=programme, title="Hard lessons", body="It failed",
                                   chatham_house=True)  # fmt: skip
    post = thread.posts.get()
    assert post.place == place
    member = Client()
    member.force_login(user_with_role("sponsor", place))
    assert officer.full_name in member.get(thread.get_absolute_url()).content.decode()
    outsider = Client()
    outsider.force_login(user_with_role("officer", PlaceFactory(code="E06000001", name="Hartlepool")))
    assert outsider.get(thread.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError, match="reason"):
        services.post_hide(post=post, by=facilitator, reason=" ")
    services.post_report(post=post, by=officer, reason="Names a colleague")
    services.post_hide(post=post, by=facilitator, reason="Names a colleague")
    post = Post.objects.get(pk=post.pk)
    assert post.is_hidden and post.history.first().history_change_reason == "Names a colleague"
    assert "It failed" not in member.get(thread.get_absolute_url()).content.decode()


def test_reply_notifies_only_programme_members(programme, cohort, place, other_place, facilitator):
    officer = user_with_role("officer", place)
    thread = services.thread_start(by=officer, programme=programme, title="T", body="B")
    stranger = user_with_role("officer", other_place)
    thread.followers.add(stranger)  # e.g. followed before the place left the programme
    services.SENT.clear()
    services.post_add(thread=thread, by=facilitator, body="Reply")
    assert services.SENT[-1][0] == "thread_reply" and services.SENT[-1][2] == [officer.pk]


def test_report_draft_edit_publish_and_pdf(convening, programme, facilitator):
    services.learning_point_add(convening=convening, by=facilitator, text="Narrative matters", is_public=True)
    report = services.report_start(by=facilitator, programme=programme, title="Phase one",
                                   period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2019, 12, 31))  # fmt: skip
    sections = {s.key: s for s in report.sections.all()}
    assert list(sections) == ["background", "process", "outcomes", "participants", "thematic", "next"]
    assert "First meeting of the Working Group" in sections["process"].body
    assert "1. Start the project" in sections["process"].body
    assert "Narrative matters" in sections["thematic"].body
    services.report_section_update(section=sections["next"], by=facilitator, heading="Next", body="Phase two")
    assert Client().get(report.get_absolute_url()).status_code == 404  # draft: unknown to the public
    services.report_publish(report=report, by=facilitator)
    with pytest.raises(ValidationError):
        services.report_section_update(section=sections["next"], by=facilitator, heading="Next", body="changed")
    response = Client().get(reverse("exchange:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"


def test_position_names_only_places_that_agree(place, other_place, facilitator):
    services.barrier_record(by=facilitator, place=place, kind=BarrierKind.LABOUR_MARKET_BAN, title="Cannot work",
                            rule="Ban", evidence="Casework", may_be_named=True)  # fmt: skip
    services.barrier_record(by=facilitator, place=other_place, kind=BarrierKind.LABOUR_MARKET_BAN,
                            title="Idle skills", rule="Ban", evidence="Survey", may_be_named=False)  # fmt: skip
    position = services.position_draft(by=facilitator, kind=BarrierKind.LABOUR_MARKET_BAN, title="Lift the ban")
    assert "Bristol" in position.summary and "Liverpool" not in position.summary
    assert "A member place" in position.summary
    services.position_publish(position=position, by=facilitator)
    body = Client().get(position.get_absolute_url()).content.decode()
    assert "Bristol" in body and "Liverpool" not in body


def test_barrier_actions_must_be_the_places_own(place, other_place, facilitator):
    from inclusive_cities.framework.services import framework_load
    from inclusive_cities.plans.models import Action, ActionPlan, Priority

    plan = ActionPlan.objects.create(place=other_place, title="P", period_start=datetime.date(2025, 1, 1),
                                     period_end=datetime.date(2026, 1, 1),
                                     framework=framework_load())  # fmt: skip
    action = Action.objects.create(priority=Priority.objects.create(plan=plan, title="Pr"), title="Other's action")
    with pytest.raises(ValidationError, match="not an action"):
        services.barrier_record(by=facilitator, place=place, kind=BarrierKind.OTHER, title="t", rule="r",
                                evidence="e", actions=[action])  # fmt: skip
    from inclusive_cities.exchange.models import Barrier

    assert not Barrier.objects.exists()


def test_place_page_shows_convenings_and_partnerships_to_the_network(convening, place, other_place, facilitator):
    services.partnership_propose(by=facilitator, place_a=place, place_b=other_place, aims="x")
    public = Client().get(place.get_absolute_url()).content.decode()
    assert "First meeting of the Working Group" in public and "Bristol with Liverpool" not in public
    officer = Client()
    officer.force_login(user_with_role("officer", place))
    assert "Bristol with Liverpool" in officer.get(place.get_absolute_url()).content.decode()


def test_reported_posts_reach_the_moderators(programme, cohort, place, facilitator):
    officer = user_with_role("officer", place)
    thread = services.thread_start(by=officer, programme=programme, title="T", body="Something unkind")
    services.post_report(post=thread.posts.get(), by=officer, reason="Unkind about a colleague")
    moderator = Client()
    moderator.force_login(facilitator)
    assert "Unkind about a colleague" in moderator.get(reverse("exchange:thread_list")).content.decode()
    member = Client()
    member.force_login(user_with_role("sponsor", place))
    assert "Unkind about a colleague" not in member.get(reverse("exchange:thread_list")).content.decode()
    services.post_hide(post=thread.posts.get(), by=facilitator, reason="Unkind")
    assert "Unkind about a colleague" not in moderator.get(reverse("exchange:thread_list")).content.decode()


def test_thematic_learning_is_laid_out_as_a_table():
    from inclusive_cities.exchange.templatetags.exchange_text import learning_rows, paragraphs

    text = "Connecting communities\n– One\n– Two\n\nLocal leadership\n– Three"
    assert learning_rows(text) == [("Connecting communities", ["One", "Two"]), ("Local leadership", ["Three"])]
    assert learning_rows("Just a paragraph of text.") is None
    assert paragraphs("<b>x</b>\n\ny") == '<p class="govuk-body">&lt;b&gt;x&lt;/b&gt;</p><p class="govuk-body">y</p>'


def test_survey_answers_are_not_in_the_admin():
    from django.contrib import admin

    from inclusive_cities.exchange.models import AnswerItem, SurveyRespondent, SurveyResponse

    assert not any(admin.site.is_registered(m) for m in (AnswerItem, SurveyResponse, SurveyRespondent))


def test_survey_builder_adds_questions_and_refuses_bad_ones(programme, cohort, facilitator):
    client = Client()
    client.force_login(facilitator)
    response = client.post(reverse("exchange:survey_list"), {"programme": programme.pk, "title": "Own survey"})
    from inclusive_cities.exchange.models import Question, Survey

    survey = Survey.objects.get(title="Own survey")
    assert response.status_code == 302 and survey.sections.count() == 0
    url = reverse("exchange:survey_detail", args=[survey.pk])
    client.post(url, {"action": "section", "section-aim": "The programme built new networks"})
    section = survey.sections.get()
    bad = client.post(
        url,
        {"action": "question", "section_id": section.pk, "question-text": "Pick one", "question-kind": "single",
         "question-choices": "Only one"},
        follow=True,
    )  # fmt: skip
    assert "at least two choices" in bad.content.decode() and not Question.objects.exists()
    client.post(
        url,
        {
            "action": "question",
            "section_id": section.pk,
            "question-text": "I found peers",
            "question-kind": "agreement",
        },
    )
    assert Question.objects.get().kind == "agreement"
    client.post(url, {"action": "open"})
    survey.refresh_from_db()
    assert survey.state == "open"
    refused = client.post(url, {"action": "section", "section-aim": "Too late"}, follow=True)
    assert "can no longer change" in refused.content.decode() and survey.sections.count() == 1


def test_convening_output_upload_is_checked(convening, facilitator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(facilitator)
    url = reverse("exchange:convening_add_item", args=[convening.pk, "output"])
    bad = SimpleUploadedFile("slides.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(url, {"title": "Slides", "kind": "slides", "file": bad}, follow=True)
    assert "The file must be one of" in response.content.decode() and not convening.outputs.exists()
    response = client.post(url, {"title": "Notes", "kind": "notes", "body": "Key points", "is_public": "on"})
    assert convening.outputs.get().title == "Notes"
    assert "Key points" in Client().get(convening.get_absolute_url()).content.decode()
    empty = client.post(url, {"title": "Nothing", "kind": "notes"}, follow=True)
    assert "web address, a file or some text" in empty.content.decode()


def test_convening_form_refuses_backwards_dates(facilitator, programme, place):
    client = Client()
    client.force_login(facilitator)
    response = client.post(
        reverse("exchange:convening_add"),
        {"programme": programme.pk, "title": "Backwards", "kind": "webinar", "start_date": "2020-02-01",
         "end_date": "2020-01-01", "aims": "One"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "on or after the start date" in response.content.decode()
    assert not Convening.objects.filter(title="Backwards").exists()


def test_founder_and_newer_member_within_one_programme(framework, place, other_place, programme, cohort):
    from inclusive_cities.core.factories import CohortFactory, MembershipFactory, PlaceFactory, ProgrammeFactory

    later = CohortFactory(programme=programme, code="later-test", name="Phase two", start_year=2019)
    MembershipFactory(cohort=later, place=other_place)
    [s] = suggest([place, other_place])
    assert s.founder_newer and s.score == 1
    # a founder of another programme is not a founder of this one
    third = PlaceFactory(code="E06000043", name="Brighton and Hove")
    earlier = CohortFactory(programme=ProgrammeFactory(), code="ati-test", name="ATI", start_year=2014)
    MembershipFactory(cohort=earlier, place=third)
    MembershipFactory(cohort=later, place=third)
    pairs = {(x.a.name, x.b.name): x.founder_newer for x in suggest([place, other_place, third])}
    assert pairs[("Bristol", "Brighton and Hove")] is True or pairs.get(("Brighton and Hove", "Bristol")) is True
    assert ("Brighton and Hove", "Liverpool") not in pairs and ("Liverpool", "Brighton and Hove") not in pairs


def test_convening_output_file_is_checked_by_its_content(convening, facilitator):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(facilitator)
    url = reverse("exchange:convening_add_item", args=[convening.pk, "output"])
    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
    bad = SimpleUploadedFile("slides.pptx", fake.getvalue())
    response = client.post(url, {"title": "Slides", "kind": "slides", "file": bad}, follow=True)
    assert "“slides.pptx” is not a PowerPoint presentation: its content is a ZIP archive." in response.content.decode()
    assert not convening.outputs.exists()
    notes = SimpleUploadedFile("notes.txt", "Key points – agreed\n".encode())
    client.post(url, {"title": "Notes", "kind": "notes", "file": notes})
    assert convening.outputs.get().file.read() == "Key points – agreed\n".encode()


def test_anonymous_pdfs_of_reports_and_positions_share_the_render_limit(programme, place, facilitator, settings):
    settings.ANONYMOUS_PDF_RATE = "2/10m"
    services.barrier_record(by=facilitator, place=place, kind=BarrierKind.MOVE_ON, title="28 days is too short",
                            rule="Move-on period", evidence="Local casework", may_be_named=True)  # fmt: skip
    report = services.report_start(by=facilitator, programme=programme, title="Phase one",
                                   period_start=datetime.date(2017, 1, 1), period_end=datetime.date(2019, 12, 31))  # fmt: skip
    services.report_publish(report=report, by=facilitator)
    position = services.position_draft(by=facilitator, kind=BarrierKind.MOVE_ON, title="Move-on")
    services.position_publish(position=position, by=facilitator)
    report_pdf = reverse("exchange:report_pdf", args=[report.pk])
    position_pdf = reverse("exchange:position_pdf", args=[position.pk])
    public = Client()
    assert public.get(report_pdf).status_code == public.get(position_pdf).status_code == 200
    refused = public.get(report_pdf)
    assert refused.status_code == 429 and "Retry-After" in refused
    assert f'href="{report.get_absolute_url()}"' in refused.content.decode()
    refused = public.get(position_pdf)
    assert refused.status_code == 429 and f'href="{position.get_absolute_url()}"' in refused.content.decode()
    signed_in = Client()
    signed_in.force_login(facilitator)
    assert signed_in.get(report_pdf).status_code == 200
