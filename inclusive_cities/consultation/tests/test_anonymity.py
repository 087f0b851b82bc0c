"""Anonymity by construction: the response and answer models cannot hold anything that identifies a person, keep
the day and never the time, and have no audit history (which would record who saved them and when)."""

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models

from inclusive_cities.consultation.models import Answer, Consultation, Outcome, Response

from .conftest import answer

IDENTIFYING = ("user", "ip", "address", "session", "agent", "email", "name_of_person", "token", "cookie", "time")


def _fields(model):
    return {f.name: f for f in model._meta.get_fields() if f.concrete}


@pytest.mark.parametrize("model", [Response, Answer])
def test_no_field_could_identify_a_person(model):
    fields = _fields(model)
    for name, field in fields.items():
        assert not any(word in name.lower() for word in IDENTIFYING), name
        if field.is_relation:
            assert field.related_model._meta.label != settings.AUTH_USER_MODEL, name
        # no timestamps at all: a DateTimeField would order and time the answers
        assert not isinstance(field, models.DateTimeField), name
    assert isinstance(fields["id"], models.UUIDField)  # random keys: the order of answering is not kept


def test_exact_fields_of_a_response():
    assert set(_fields(Response)) == {"id", "consultation", "submitted_on", "kind", "organisation_name", "language"}
    assert set(_fields(Answer)) == {"id", "response", "priority", "agreement", "text", "moderated_text", "moderation"}
    date = Response._meta.get_field("submitted_on")
    assert type(date) is models.DateField


def test_no_history_on_responses_but_history_on_the_consultation_and_outcomes():
    assert not hasattr(Response, "history") and not hasattr(Answer, "history")
    for name in ("HistoricalResponse", "HistoricalAnswer"):
        with pytest.raises(LookupError):
            apps.get_model("consultation", name)
    assert hasattr(Consultation, "history") and hasattr(Outcome, "history")


def test_a_signed_in_answer_stores_no_trace_of_the_person(client, consultation, priorities, officer, today):
    """Signed in or not, the stored row is the same shape: nothing of the user, and the day only."""
    client.force_login(officer)
    data = {f"agree_{priorities[0].pk}": "4", f"comment_{priorities[0].pk}": "More English classes", "kind": "person"}
    response = client.post(consultation.answer_url(), data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    row = Response.objects.get()
    assert row.submitted_on == today and row.organisation_name == "" and row.kind == "person"
    stored = Response.objects.values().get()
    assert set(stored) == {"id", "consultation_id", "submitted_on", "kind", "organisation_name", "language"}
    text = " ".join(str(v) for v in stored.values())
    assert officer.email not in text and "203.0.113.9" not in text
    assert consultation.history.count() == 1  # the answer wrote no history row of the consultation either


def test_the_form_never_asks_about_immigration_status(client, consultation):
    body = client.get(consultation.answer_url()).content.decode()
    for word in ("nationality", "immigration", "visa", "asylum"):
        assert f'name="{word}' not in body.lower()
    assert "immigration status" in body  # the page says it is never asked


def test_an_organisation_may_answer_in_its_own_name(consultation, priorities):
    response = answer(consultation, {priorities[0]: (5, "")}, kind="organisation", organisation_name="Refugee Welcome")
    assert response.organisation_name == "Refugee Welcome"
    # a person's answer keeps no name even if one was typed
    person = answer(consultation, {priorities[0]: (2, "")}, kind="person", organisation_name="My own name")
    assert person.organisation_name == ""
