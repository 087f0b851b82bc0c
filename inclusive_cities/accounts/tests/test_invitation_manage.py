"""Withdrawing and resending invitations: who may, what happens to the links, and that nothing else changes."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.accounts.models import Invitation, User
from inclusive_cities.accounts.services import invitation_create
from inclusive_cities.core.factories import user_with_role

pytestmark = pytest.mark.django_db

# An officer invitation to the `place` fixture, sent by a facilitator.
MANAGE = {
    "anonymous": 302,  # to sign in
    "user": 403,
    "officer": 302,  # done, back to the list
    "sponsor": 403,
    "partner": 403,
    "other_officer": 404,  # another place's invitation is not theirs to see
    "facilitator": 302,
    "researcher": 403,
    "admin": 302,
}


def _invite(place, email="new.officer@example.org", role="officer", by=None):
    outcome = invitation_create(
        email=email,
        role=role,
        place=place,
        invited_by=by or user_with_role("facilitator"),
        accept_url=lambda t: f"http://testserver/invitations/accept/{t}/",
    )
    return outcome.invitation, outcome.token


def _accept_status(token: str) -> str:
    return Client().get(reverse("accounts:accept", args=[token])).content.decode()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ["withdraw", "resend"])
def test_who_may_withdraw_or_resend(as_role, place, role, action, django_capture_on_commit_callbacks):
    invitation, token = _invite(place)
    client = as_role(role)
    url = reverse(f"accounts:invitation_{action}", args=[invitation.pk])
    assert client.get(url).status_code == (302 if role == "anonymous" else 405)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == MANAGE[role]
    invitation.refresh_from_db()
    done = MANAGE[role] == 302 and role != "anonymous"
    if action == "withdraw":
        assert (invitation.withdrawn_at is not None) == done
        assert ("was withdrawn" in _accept_status(token)) == done
    else:
        assert (invitation.token_hash != Invitation.hash_token(token)) == done
        assert len(mail.outbox) == (1 if done else 0)  # the first email left outside this transaction


def test_only_administrators_manage_an_administrator_invitation(place):
    admin = user_with_role("admin")
    invitation, _token = _invite(None, email="new.admin@example.org", role="admin", by=admin)
    for who, expected in (("facilitator", 403), ("admin", 302)):
        client = Client()
        client.force_login(user_with_role(who))
        assert client.post(reverse("accounts:invitation_withdraw", args=[invitation.pk])).status_code == expected
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None


def test_resend_gives_a_new_link_and_kills_the_old_one(place, django_capture_on_commit_callbacks):
    invitation, old = _invite(place)
    facilitator = user_with_role("facilitator")
    client = Client()
    client.force_login(facilitator)
    client.post(reverse("accounts:invitation_withdraw", args=[invitation.pk]))
    assert "was withdrawn" in _accept_status(old)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:invitation_resend", args=[invitation.pk]), follow=True)
    assert "A new link was sent to new.officer@example.org" in response.content.decode()
    new = re.search(r"/invitations/accept/([\w-]+)/", mail.outbox[-1].body).group(1)
    assert new != old
    assert "not valid" in _accept_status(old)
    accept = Client().post(
        reverse("accounts:accept", args=[new]),
        {"full_name": "New Officer", "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"},
    )
    assert accept.status_code == 302
    assert User.objects.filter(email="new.officer@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None and invitation.accepted_at is not None
    # accepted: neither can be done any more, and the page says why
    for action, words in (("withdraw", "already been accepted"), ("resend", "already been accepted")):
        page = client.post(reverse(f"accounts:invitation_{action}", args=[invitation.pk]), follow=True)
        assert words in page.content.decode()
    assert [h.history_change_reason for h in invitation.history.all()][:3].count("withdrawn") == 1


def test_a_withdrawn_invitation_is_no_task_and_a_new_one_can_be_sent(place):
    from inclusive_cities.accounts.selectors import tasks_for

    facilitator = user_with_role("facilitator")
    invitation, _token = _invite(place, by=facilitator)
    assert tasks_for(facilitator)[0].count == 1
    client = Client()
    client.force_login(facilitator)
    client.post(reverse("accounts:invitation_withdraw", args=[invitation.pk]))
    assert tasks_for(facilitator) == []
    page = client.get(reverse("accounts:invitation_list")).content.decode()
    assert "Withdrawn" in page and "Send a new link" in page
    # withdrawing does not block a fresh invitation to the same person and role
    again, _t = _invite(place, by=facilitator)
    assert again.pk != invitation.pk
