"""Permission matrix for every foundation view, for every role and the anonymous public."""

import pytest

from conftest import ROLES
from inclusive_cities.core.factories import MembershipFactory
from inclusive_cities.network.models import Membership

SIGNED_IN = [r for r in ROLES if r != "anonymous"]
STAFF = {"facilitator", "admin"}


def expect(role: str, allowed: set[str], denied_status: int = 403) -> int:
    if role in allowed:
        return 200
    if role == "anonymous":
        return 302
    return denied_status


PUBLIC_URLS = [
    "/",
    "/healthz",
    "/about/",
    "/places/",
    "/places/E06000023/",
    "/network/",
    "/framework/",
    "/framework/versions/",
    "/framework/versions/1.0/",
    "/framework/versions/1.0/themes/T1/",
    "/account/sign-in/",
    "/account/password-reset/",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_open_to_every_role(as_role, framework, role, url):
    response = as_role(role).get(url)
    # Signed-in people are sent on from the sign-in page.
    expected = 302 if (url == "/account/sign-in/" and role != "anonymous") else 200
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_account_page(as_role, role):
    assert as_role(role).get("/account/").status_code == (302 if role == "anonymous" else 200)


@pytest.mark.parametrize("role", ROLES)
def test_invitation_pages(as_role, role):
    # Facilitators, admins and place officers may invite; everyone else is refused.
    allowed = STAFF | {"officer", "other_officer"}
    client = as_role(role)
    assert client.get("/invitations/").status_code == expect(role, allowed)
    assert client.get("/invitations/new/").status_code == expect(role, allowed)


@pytest.mark.parametrize("role", ROLES)
def test_invite_to_place_only_where_allowed(as_role, place, role):
    client = as_role(role)
    response = client.post(
        "/invitations/new/", {"email": "someone@example.org", "role": "partner", "place": place.code}
    )
    if role in STAFF | {"officer"}:
        assert response.status_code == 302
    elif role == "other_officer":
        assert response.status_code == 200
        assert "You can only invite people to places where you are an officer." in response.content.decode()
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
    from inclusive_cities.accounts.models import Invitation

    assert Invitation.objects.filter(email="someone@example.org").exists() == (role in STAFF | {"officer"})


@pytest.mark.parametrize("role", ROLES)
def test_network_roles_only_offered_to_staff(as_role, role):
    if role == "anonymous":
        return
    client = as_role(role)
    client.post("/invitations/new/", {"email": "x@example.org", "role": "facilitator"})
    from inclusive_cities.accounts.models import Invitation

    assert Invitation.objects.filter(email="x@example.org").exists() == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_membership_edit_and_history(as_role, place, role):
    membership = MembershipFactory(place=place, hosting_department="Mayor's Office")
    client = as_role(role)
    assert client.get(f"/network/memberships/{membership.pk}/edit/").status_code == expect(role, STAFF, 404)
    # History of a place's membership: network staff and the place's own officers.
    history = client.get(f"/history/network/membership/{membership.pk}/")
    # Anonymous visitors get 404 too: the audit trail does not even admit it exists.
    assert history.status_code == (200 if role in STAFF | {"officer"} else 404)


@pytest.mark.parametrize("role", ROLES)
def test_membership_edit_post_changes_only_for_staff(as_role, place, role):
    membership = MembershipFactory(place=place, hosting_department="Mayor's Office", kind="full")
    as_role(role).post(
        f"/network/memberships/{membership.pk}/edit/",
        {"kind": "associate", "hosting_department": "Communities", "joined_year": 2017},
    )
    membership.refresh_from_db()
    assert (membership.hosting_department == "Communities") == (role in STAFF)


@pytest.mark.parametrize("role", ROLES)
def test_place_people_visible_to_members_and_staff(as_role, place, role):
    response = as_role(role).get(f"/places/{place.code}/")
    shows_people = (
        'id="people"' in response.content.decode() or "Nobody has a role here yet." in response.content.decode()
    )
    assert shows_people == (role in STAFF | {"officer", "sponsor", "partner"})


@pytest.mark.parametrize("role", ROLES)
def test_framework_drafts_only_for_staff(as_role, framework, role):
    from inclusive_cities.framework.services import framework_draft_create

    draft = framework_draft_create(source=framework, by=None)
    client = as_role(role)
    assert client.get(f"/framework/versions/{draft.version}/").status_code == (200 if role in STAFF else 404)
    listing = client.get("/framework/versions/").content.decode()
    assert (f">{draft.version}<" in listing) == (role in STAFF)
    edit = client.get(f"/framework/versions/{draft.version}/themes/T1/edit/")
    assert edit.status_code == {True: 200, False: 302 if role == "anonymous" else 404}[role in STAFF]
    # A published version cannot be edited by anyone.
    published_edit = client.get("/framework/versions/1.0/themes/T1/edit/")
    assert published_edit.status_code == (302 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", ROLES)
def test_start_new_draft_only_staff(as_role, framework, role):
    from inclusive_cities.framework.models import Framework

    as_role(role).post("/framework/versions/new/")
    assert Framework.objects.filter(status="draft").exists() == (role in STAFF)


def test_membership_history_records_who_changed_what(as_role, place):
    membership = MembershipFactory(place=place, hosting_department="Mayor's Office")
    client = as_role("facilitator")
    client.post(f"/network/memberships/{membership.pk}/edit/", {"kind": "full", "hosting_department": "Communities"})
    page = client.get(f"/history/network/membership/{membership.pk}/").content.decode()
    assert "Communities" in page and "Mayor&#x27;s Office" in page
    assert client.user.display_name in page
    assert Membership.history.filter(id=membership.pk).count() == 2


@pytest.mark.parametrize("role", ROLES)
def test_invitations_menu_item_follows_the_rule(as_role, role):
    body = as_role(role).get("/places/").content.decode()
    assert ('href="/invitations/"' in body) == (role in STAFF | {"officer", "other_officer"})
