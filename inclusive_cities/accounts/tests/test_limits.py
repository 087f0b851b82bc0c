"""Sign-in lockout, and rate limits on password reset links and invitations (per address and per client)."""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client, override_settings

from inclusive_cities.accounts.models import Invitation
from inclusive_cities.core.factories import user_with_role

pytestmark = pytest.mark.django_db

PASSWORD = "a-good-long-passphrase"


def _sign_in(client, email, password, ip="10.0.0.1"):
    return client.post("/account/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def person(place):
    user = user_with_role("officer", place, email="officer@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


@override_settings(AXES_FAILURE_LIMIT=3)
def test_wrong_passwords_lock_the_account_with_a_way_back(client, person):
    for _ in range(2):
        response = _sign_in(client, "officer@example.org", "wrong-password")
        assert response.status_code == 200 and "correct email address and password" in response.content.decode()
    locked = _sign_in(client, "officer@example.org", "wrong-password")
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Sign-in locked for a while" in body and "/account/password-reset/" in body
    # Even the right password is refused while locked, from another client too (the account is locked).
    assert _sign_in(Client(), "OFFICER@example.org", PASSWORD, ip="10.9.9.9").status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_client_guessing_many_accounts_is_locked(client, place):
    for n in range(3):
        _sign_in(client, f"guess{n}@example.org", "wrong-password", ip="10.0.0.7")
    assert _sign_in(client, "another@example.org", "x", ip="10.0.0.7").status_code == 429
    # Another client is not affected.
    assert _sign_in(Client(), "another@example.org", "x", ip="10.0.0.8").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=2)
def test_password_reset_lifts_the_lock(client, person, django_capture_on_commit_callbacks):
    for _ in range(2):
        _sign_in(client, "officer@example.org", "wrong-password")
    assert AccessAttempt.objects.filter(username="officer@example.org").exists()
    assert _sign_in(client, "officer@example.org", PASSWORD).status_code == 429
    client.post("/account/password-reset/", {"email": "officer@example.org"})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/password-reset/" in line).strip()
    path = link[link.index("/account/") :]
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "another-long-passphrase", "new_password2": "another-long-passphrase"},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="officer@example.org").exists()
    assert _sign_in(Client(), "officer@example.org", "another-long-passphrase").status_code == 302


def test_administrator_can_unlock_from_the_command_line(client, person):
    from django.core.management import call_command

    with override_settings(AXES_FAILURE_LIMIT=1):
        _sign_in(client, "officer@example.org", "wrong-password")
        assert _sign_in(client, "officer@example.org", PASSWORD).status_code == 429
        call_command("axes_reset_username", "officer@example.org")
        assert _sign_in(client, "officer@example.org", PASSWORD).status_code == 302


@override_settings(RATELIMIT_RESET_PER_ADDRESS="2/h", RATELIMIT_RESET_PER_CLIENT="100/h")
def test_password_reset_is_limited_per_address(client, person):
    for _ in range(2):
        assert client.post("/account/password-reset/", {"email": "officer@example.org"}).status_code == 302
    refused = client.post("/account/password-reset/", {"email": "officer@example.org"})
    assert refused.status_code == 429
    assert "Too many requests for this email address" in refused.content.decode()
    assert len(mail.outbox) == 2
    # The same limit for an address with no account: the answer does not reveal who is registered.
    for _ in range(2):
        client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert client.post("/account/password-reset/", {"email": "nobody@example.org"}).status_code == 429


@override_settings(RATELIMIT_RESET_PER_ADDRESS="100/h", RATELIMIT_RESET_PER_CLIENT="3/h")
def test_password_reset_is_limited_per_client(client, person):
    for n in range(3):
        assert (
            client.post("/account/password-reset/", {"email": f"a{n}@example.org"}, REMOTE_ADDR="10.1.1.1").status_code
            == 302
        )
    assert (
        client.post("/account/password-reset/", {"email": "officer@example.org"}, REMOTE_ADDR="10.1.1.1").status_code
        == 429
    )
    assert not mail.outbox
    assert (
        client.post("/account/password-reset/", {"email": "officer@example.org"}, REMOTE_ADDR="10.1.1.2").status_code
        == 302
    )


@override_settings(RATELIMIT_INVITE_PER_ADDRESS="1/h", RATELIMIT_INVITE_PER_CLIENT="100/h")
def test_invitations_are_limited_per_address(as_role, place):
    client = as_role("facilitator")
    data = {"email": "new@example.org", "role": "partner", "place": place.code}
    assert client.post("/invitations/new/", data).status_code == 302
    Invitation.objects.all().delete()
    refused = client.post("/invitations/new/", data)
    assert refused.status_code == 429 and "Too many requests" in refused.content.decode()
    assert not Invitation.objects.exists()


@override_settings(RATELIMIT_INVITE_PER_ADDRESS="100/h", RATELIMIT_INVITE_PER_CLIENT="2/h")
def test_invitations_are_limited_per_client(as_role, place):
    client = as_role("facilitator")
    for n in range(2):
        data = {"email": f"n{n}@example.org", "role": "partner", "place": place.code}
        assert client.post("/invitations/new/", data).status_code == 302
    refused = client.post("/invitations/new/", {"email": "n9@example.org", "role": "partner", "place": place.code})
    assert refused.status_code == 429
    assert Invitation.objects.count() == 2
