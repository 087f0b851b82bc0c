"""Invitations: expiring single-use links, duplicates, malformed and expired links, accepting."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from inclusive_cities.accounts.models import Invitation, PlaceRoleAssignment, User
from inclusive_cities.accounts.services import invitation_create
from inclusive_cities.core.factories import user_with_role

pytestmark = pytest.mark.django_db


def _invite(place, by, email="new@example.org", role="officer"):
    return invitation_create(
        email=email,
        role=role,
        place=place,
        invited_by=by,
        accept_url=lambda t: f"http://testserver/invitations/accept/{t}/",
    )


def test_invitation_email_carries_a_working_single_use_link(client, place, django_capture_on_commit_callbacks):
    facilitator = user_with_role("facilitator")
    with django_capture_on_commit_callbacks(execute=True):
        outcome = _invite(place, facilitator)
    assert len(mail.outbox) == 1
    link = re.search(r"/invitations/accept/\S+/", mail.outbox[0].body).group(0)
    assert outcome.token in link
    # The token is stored only as a hash.
    assert outcome.token not in Invitation.objects.get().token_hash

    page = client.get(link)
    assert page.status_code == 200 and "new@example.org" in page.content.decode()
    response = client.post(
        link, {"full_name": "New Person", "password1": "a-good-long-passphrase", "password2": "a-good-long-passphrase"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert PlaceRoleAssignment.objects.filter(user=user, place=place, role="officer").exists()
    # Used once: the second visit is refused with a message that says why.
    again = client.get(link)
    assert again.status_code == 404
    assert "already been used" in again.content.decode()


def test_expired_link_names_the_date_and_who_to_ask(client, place):
    facilitator = user_with_role("facilitator", full_name="Fay Cilitator")
    outcome = _invite(place, facilitator)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(days=1))
    response = client.get(f"/invitations/accept/{outcome.token}/")
    assert response.status_code == 410
    body = response.content.decode()
    assert "expired" in body and "Fay Cilitator" in body
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 300, "%3Cscript%3Ealert(1)"])
def test_malformed_links_are_refused_clearly(client, token):
    response = client.get(f"/invitations/accept/{token}/")
    assert response.status_code == 404
    assert "not valid" in response.content.decode()
    assert "<script>alert" not in response.content.decode()


def test_duplicate_open_invitation_is_refused(place):
    facilitator = user_with_role("facilitator")
    _invite(place, facilitator)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="already has an open invitation"):
        _invite(place, facilitator, email="NEW@example.org")
    assert Invitation.objects.count() == 1


def test_inviting_an_existing_account_grants_the_role_instead(place):
    facilitator = user_with_role("facilitator")
    existing = user_with_role("user", email="known@example.org")
    outcome = _invite(place, facilitator, email="Known@Example.org", role="sponsor")
    assert outcome.granted_to_existing_user == existing
    assert Invitation.objects.count() == 0
    assert PlaceRoleAssignment.objects.filter(user=existing, place=place, role="sponsor").exists()


def test_an_officer_cannot_invite_themselves_or_make_an_existing_account_sponsor(place):
    from django.core.exceptions import ValidationError

    officer = user_with_role("officer", place, email="officer@example.org")
    with pytest.raises(ValidationError, match="cannot invite yourself"):
        _invite(place, officer, email="Officer@Example.org", role="sponsor")
    existing = user_with_role("user", email="known@example.org")
    with pytest.raises(ValidationError, match="A programme facilitator adds the senior sponsor role"):
        _invite(place, officer, email="known@example.org", role="sponsor")
    assert not PlaceRoleAssignment.objects.filter(role="sponsor").exists()
    # A partner role may still be added to an existing account, and a new person may be invited as sponsor: they
    # accept by following the emailed link.
    assert _invite(place, officer, email="known@example.org", role="partner").granted_to_existing_user == existing
    assert _invite(place, officer, email="new.sponsor@example.org", role="sponsor").invitation is not None


def test_accept_form_rejects_mismatched_and_weak_passwords(client, place):
    outcome = _invite(place, user_with_role("facilitator"))
    url = f"/invitations/accept/{outcome.token}/"
    body = client.post(
        url, {"full_name": "A", "password1": "a-good-long-passphrase", "password2": "different-long-passphrase"}
    ).content.decode()
    assert "The two passwords do not match." in body
    body = client.post(url, {"full_name": "A", "password1": "password", "password2": "password"}).content.decode()
    assert "This password is too short" in body or "too common" in body
    assert not User.objects.filter(email="new@example.org").exists()


def test_over_long_and_hostile_input_is_refused_or_escaped(as_role, place):
    client = as_role("facilitator")
    body = client.post(
        "/invitations/new/", {"email": "a" * 300 + "@example.org", "role": "officer", "place": place.code}
    ).content.decode()
    assert "Ensure this value has at most 254 characters" in body
    client.post(
        "/invitations/new/",
        {"email": "x@example.org", "full_name": "<script>alert(1)</script>", "role": "officer", "place": place.code},
    )
    listing = client.get("/invitations/").content.decode()
    assert "x@example.org" in listing
    assert "<script>alert(1)</script>" not in listing


def test_place_role_needs_a_place(as_role):
    body = (
        as_role("facilitator")
        .post("/invitations/new/", {"email": "p@example.org", "role": "partner", "place": ""})
        .content.decode()
    )
    assert "Enter the ONS code of the place this person will work on." in body
    assert not Invitation.objects.exists()


def test_password_reset_sends_a_link(client, place):
    user_with_role("officer", place, email="officer@example.org")
    response = client.post("/account/password-reset/", {"email": "officer@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/account/password-reset/" in mail.outbox[0].body


def test_sign_in_and_out(client, place):
    user_with_role("officer", place, email="o@example.org")
    response = client.post("/account/sign-in/", {"username": "o@example.org", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    client.post("/account/sign-out/")
    assert client.get("/account/").status_code == 302


def test_wrong_password_is_a_clear_error(client, place):
    user_with_role("officer", place, email="o@example.org")
    body = client.post("/account/sign-in/", {"username": "o@example.org", "password": "wrong"}).content.decode()
    assert "Please enter a correct email address and password" in body


@pytest.mark.parametrize("inviter, allowed", [("facilitator", False), ("admin", True)])
def test_only_administrators_invite_administrators(as_role, inviter, allowed):
    from inclusive_cities.accounts.models import Invitation

    client = as_role(inviter)
    page = client.get("/invitations/new/").content.decode()
    assert ('value="admin"' in page) == allowed
    response = client.post("/invitations/new/", {"email": "new.admin@example.org", "role": "admin", "place": ""})
    assert Invitation.objects.filter(email="new.admin@example.org").exists() == allowed
    if not allowed:
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(
    "inviter, role, allowed",
    [
        ("facilitator", "admin", False),
        ("facilitator", "facilitator", True),
        ("officer", "facilitator", False),
        ("admin", "admin", True),
    ],
)
def test_the_service_itself_keeps_network_roles_to_staff_and_admin_to_admins(place, inviter, role, allowed):
    by = user_with_role(inviter, place if inviter == "officer" else None)
    if allowed:
        assert _invite(None, by, email="someone@example.org", role=role).invitation is not None
    else:
        with pytest.raises(ValidationError, match="Only an administrator"):
            _invite(None, by, email="someone@example.org", role=role)
        assert not Invitation.objects.filter(email="someone@example.org").exists()
