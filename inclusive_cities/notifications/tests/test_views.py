"""Permission matrix for the notifications pages, every role in conftest.ROLES; marking and choices."""

import pytest
from django.urls import reverse

from conftest import ROLES
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.notifications.models import Kind, Mode, Notification, Preference


def _note(user, message="Bristol’s plan waits for your sign-off.", url="/places/E06000023/"):
    return Notification.objects.create(recipient=user, kind=Kind.SIGNOFF_AWAITED, message=message, url=url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["notifications:list", "notifications:preferences"])
def test_pages(as_role, role, name):
    response = as_role(role).get(reverse(name))
    assert response.status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_mark_needs_post_and_sign_in(as_role, role):
    client = as_role(role)
    assert client.get(reverse("notifications:mark")).status_code == (302 if role == "anonymous" else 405)
    response = client.post(reverse("notifications:mark"), {"id": "all"})
    assert response.status_code == 302
    if role == "anonymous":
        assert "/account/sign-in/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_each_person_sees_and_marks_only_their_own(as_role, role, place):
    someone = user_with_role("sponsor", place)
    theirs = _note(someone, "Someone else’s notification")
    client = as_role(role)
    if role != "anonymous":
        mine = _note(client.user, "My own notification")
        html = client.get(reverse("notifications:list")).content.decode()
        assert "My own notification" in html and "Someone else" not in html
        assert 'id="notifications-link"' in html and "(1" in html  # the unread count in the header
        client.post(reverse("notifications:mark"), {"id": mine.pk, "read": "1"})
        mine.refresh_from_db()
        assert mine.is_read
        client.post(reverse("notifications:mark"), {"id": mine.pk, "read": "0"})
        mine.refresh_from_db()
        assert not mine.is_read
    client.post(reverse("notifications:mark"), {"id": theirs.pk, "read": "1"})
    client.post(reverse("notifications:mark"), {"id": "all"})
    response = client.get(reverse("notifications:open", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert not theirs.is_read
    if role != "anonymous":
        assert response["Location"] == reverse("notifications:list")


def test_open_marks_read_and_follows_only_local_links(as_role):
    client = as_role("officer")
    local = _note(client.user)
    response = client.get(reverse("notifications:open", args=[local.pk]))
    assert response["Location"] == "/places/E06000023/"
    local.refresh_from_db()
    assert local.is_read
    hostile = _note(client.user, url="https://evil.example/")
    assert client.get(reverse("notifications:open", args=[hostile.pk]))["Location"] == "/"


def test_preferences_save_and_refuse_bad_input_whole(as_role):
    client = as_role("officer")
    data = {kind: Mode.IMMEDIATE for kind in Kind.values}
    data[Kind.PUBLISHED] = Mode.DIGEST
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert Preference.objects.get(user=client.user, kind=Kind.PUBLISHED).mode == Mode.DIGEST
    bad = dict(data, **{Kind.SIGNED_OFF: "sometimes", Kind.PUBLISHED: Mode.OFF})
    response = client.post(reverse("notifications:preferences"), bad)
    assert response.status_code == 400
    assert "Choose how to be told for" in response.content.decode()
    # Nothing half-written: the valid change in the same form was not saved either.
    assert Preference.objects.get(user=client.user, kind=Kind.PUBLISHED).mode == Mode.DIGEST


def test_preferences_list_every_kind(as_role):
    page = as_role("sponsor").get(reverse("notifications:preferences")).content.decode()
    for kind, label in Kind.choices:
        assert f'name="{kind}"' in page and str(label) in page, kind
    assert "A self-assessment waits for your confirmation" in page


def test_mark_with_malformed_id_says_so(as_role):
    client = as_role("officer")
    response = client.post(reverse("notifications:mark"), {"id": "1; DROP"}, follow=True)
    assert "Choose a notification to mark." in response.content.decode()


def test_empty_list_says_so(as_role):
    html = as_role("partner").get(reverse("notifications:list")).content.decode()
    assert 'id="no-notifications"' in html
