"""Contribution and moderation: an officer submits, a facilitator publishes or returns with a note; the
submitter is credited; hostile text is escaped; bad input is named and nothing is half-written."""

from django.urls import reverse

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.evidence.models import CaseStudy

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def form_data(**overrides):
    data = {
        "title": "Welcome walks",
        "place_name": "Bristol",
        "country": "United Kingdom",
        "summary": "Volunteers lead walks for people who have just arrived, stopping at the library and the GP.",
        "intervention_type": "orientation and advice",
        "themes": ["T2", "T3"],
        "principles": ["P3"],
        "evidence_rating": "1",
        "action": "submit",
    }
    data.update(overrides)
    return data


def test_officer_submits_and_facilitator_publishes(framework, place, client):
    officer = user_with_role("officer", place, full_name="Olu Officer")
    client.force_login(officer)
    data = form_data(credited_place=place.pk)
    response = client.post(reverse("evidence:contribute"), data)
    case_study = CaseStudy.objects.get(title="Welcome walks")
    assert response.status_code == 302 and response["Location"] == case_study.get_absolute_url()
    assert case_study.status == "submitted" and case_study.submitted_by == officer
    assert case_study.credited_place == place and case_study.themes == ["T2", "T3"]
    # Not public yet.
    client.logout()
    assert client.get(case_study.get_absolute_url()).status_code == 404
    assert client.get("/api/v1/evidence/search/", {"q": "welcome walks"}).json()["count"] == 0
    # A facilitator publishes it.
    facilitator = user_with_role("facilitator")
    client.force_login(facilitator)
    response = client.post(reverse("evidence:review", args=[case_study.slug]), {"decision": "publish", "note": ""})
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.status == "published" and case_study.reviewed_by == facilitator
    client.logout()
    body = client.get(case_study.get_absolute_url()).content.decode()
    assert "Olu Officer" in body and "Bristol" in body
    assert (
        client.get("/api/v1/evidence/search/", {"q": "welcome walks"}).json()["results"][0]["slug"] == case_study.slug
    )


def test_save_as_draft_stays_draft(framework, place, client):
    client.force_login(user_with_role("officer", place))
    client.post(reverse("evidence:contribute"), form_data(credited_place=place.pk, action="draft"))
    assert CaseStudy.objects.get(title="Welcome walks").status == "draft"


def test_officer_cannot_credit_another_place(framework, place, other_place, client):
    client.force_login(user_with_role("officer", place))
    response = client.post(reverse("evidence:contribute"), form_data(credited_place=other_place.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseStudy.objects.exists()


def test_bad_input_is_named_and_nothing_written(framework, place, client):
    client.force_login(user_with_role("officer", place))
    response = client.post(
        reverse("evidence:contribute"),
        form_data(credited_place=place.pk, title="", summary="short", source_url="not a link", themes=["T9"]),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body or "govuk-error-summary" in body
    assert "at least 40 characters" in body
    assert "Enter the title of the practice or project." in body
    assert "Select a valid choice. T9" in body
    assert "Enter a valid URL" in body
    assert not CaseStudy.objects.exists()


def test_hostile_text_is_escaped_everywhere(framework, place, client):
    officer = user_with_role("officer", place)
    client.force_login(officer)
    client.post(
        reverse("evidence:contribute"),
        form_data(credited_place=place.pk, title=f"Walks {HOSTILE}", summary=f"{HOSTILE} " + "a" * 50, action="draft"),
    )
    case_study = CaseStudy.objects.get()
    for url in (case_study.get_absolute_url(), reverse("evidence:contributions"), reverse("evidence:index")):
        body = client.get(url, {"q": "walks script"} if "evidence/" == url else None).content.decode()
        assert HOSTILE not in body
        assert "&lt;script&gt;" in body
    body = client.get(reverse("evidence:index"), {"q": "walks script alert"}).content.decode()
    assert HOSTILE not in body and "<script>alert" not in body
    assert "&lt;" in body


def test_return_needs_a_note_and_then_officer_can_resubmit(make_case_study, client):
    case_study = make_case_study("submitted")
    client.force_login(user_with_role("facilitator"))
    response = client.post(reverse("evidence:review", args=[case_study.slug]), {"decision": "reject", "note": " "})
    assert response.status_code == 200
    assert "Say why the case study is returned" in response.content.decode()
    case_study.refresh_from_db()
    assert case_study.status == "submitted"
    client.post(reverse("evidence:review", args=[case_study.slug]), {"decision": "reject", "note": "Add figures"})
    case_study.refresh_from_db()
    assert case_study.status == "rejected" and case_study.review_note == "Add figures"
    client.force_login(user_with_role("officer", case_study.credited_place))
    body = client.get(case_study.get_absolute_url()).content.decode()
    assert "Add figures" in body
    assert client.post(reverse("evidence:submit", args=[case_study.slug])).status_code == 302
    case_study.refresh_from_db()
    assert case_study.status == "submitted"


def test_officer_edits_draft_and_history_is_kept(make_case_study, client):
    case_study = make_case_study("draft")
    client.force_login(user_with_role("officer", case_study.credited_place))
    data = form_data(title="Language cafe, renamed", themes=["T1"])
    data.pop("action")
    response = client.post(reverse("evidence:edit", args=[case_study.slug]), data)
    assert response.status_code == 302
    case_study.refresh_from_db()
    assert case_study.title == "Language cafe, renamed" and case_study.themes == ["T1"]
    assert case_study.history.count() >= 2


def test_contribute_form_can_be_prefilled_from_another_app(framework, place, client):
    client.force_login(user_with_role("officer", place))
    response = client.get(
        reverse("evidence:contribute"),
        {"title": "ESOL <b>cafe</b>", "summary": "From our completed action", "themes": ["T3", "T5"]},
    )
    form = response.context["form"]
    assert form["title"].value() == "ESOL <b>cafe</b>"
    assert form["themes"].value() == ["T3", "T5"]
    assert "ESOL &lt;b&gt;cafe&lt;/b&gt;" in response.content.decode()
