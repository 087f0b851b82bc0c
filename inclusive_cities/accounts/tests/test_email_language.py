"""Emails in the recipient's language (issue 14): an account keeps the language the person chose, set by the language
switch or on their account page, and every email they get (invitation, notification, digest, password reset) is written
in it, whatever language the person who caused it was using. The Welsh expected is read from the compiled catalogue
(and checked to differ from the English), so a missing translation fails here too."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from inclusive_cities.accounts.models import Invitation, User
from inclusive_cities.core.factories import user_with_role
from inclusive_cities.notifications.models import Kind, Mode, Preference
from inclusive_cities.plans import services as plan_services
from inclusive_cities.plans.tests.conftest import make_plan

pytestmark = pytest.mark.django_db
INVITED = "You are invited to the Inclusive Cities platform"
DIGEST = "Your weekly digest from the Inclusive Cities platform"
OPEN_IT = "Open it here:"


def welsh(text: str) -> str:
    with translation.override("cy"):
        translated = translation.gettext(text)
    assert translated != text, f"no Welsh for {text!r} in the catalogue"
    return translated


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(client, *, language: str | None, prefix: str = "") -> None:
    data = {"email": "new.person@example.org", "full_name": "New Person", "role": "partner", "place": "E06000023"}
    if language is not None:
        data["language"] = language
    with translation.override("en-gb"):  # the English address (a /cy/ request leaves Welsh active in this thread)
        url = prefix + reverse("accounts:invitation_create")
    response = client.post(url, data, follow=True)
    assert response.status_code == 200


def test_an_invitation_goes_in_the_language_the_inviter_chose_and_the_account_starts_in_it(
    place, django_capture_on_commit_callbacks
):
    officer = user_with_role("officer", place)
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(officer), language="cy")  # from an English page
    (message,) = mail.outbox
    assert message.subject == welsh(INVITED)
    assert "/cy/invitations/accept/" in message.body
    invitation = Invitation.objects.get()
    assert invitation.language == "cy"
    token = message.body.split("/cy/invitations/accept/")[1].split("/")[0]
    response = Client().post(
        f"/cy/invitations/accept/{token}/",
        {"full_name": "New Person", "password1": "a long new password 7", "password2": "a long new password 7"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="new.person@example.org").language == "cy"


def test_an_invitation_without_a_choice_goes_in_the_language_of_the_page(place, django_capture_on_commit_callbacks):
    officer = user_with_role("officer", place)
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(officer), language=None, prefix="/cy")
    with django_capture_on_commit_callbacks(execute=True):
        Invitation.objects.all().delete()
        invite(signed_in(officer), language=None)
    welsh_mail, english_mail = mail.outbox
    assert welsh_mail.subject == welsh(INVITED) and english_mail.subject == INVITED
    assert "/cy/" not in english_mail.body


def test_an_unknown_language_is_refused_with_a_message_and_nothing_is_sent(place):
    officer = user_with_role("officer", place)
    response = signed_in(officer).post(
        reverse("accounts:invitation_create"),
        {"email": "x@example.org", "role": "partner", "place": "E06000023", "language": "xx"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_notification_is_written_in_each_readers_language(place, framework, django_capture_on_commit_callbacks):
    officer = user_with_role("officer", place)
    sponsor = user_with_role("sponsor", place)
    User.objects.filter(pk=sponsor.pk).update(language="cy")
    plan = make_plan(place, framework)
    with django_capture_on_commit_callbacks(execute=True):
        with translation.override("en-gb"):  # the officer acts from an English page
            plan_services.plan_submit(plan=plan, by=officer)
    (message,) = [m for m in mail.outbox if m.to == [sponsor.email]]
    assert welsh(OPEN_IT) in message.body and OPEN_IT not in message.body
    assert f"/cy/places/{place.code}/plans/{plan.pk}/" in message.body
    note = sponsor.notifications.get()
    assert note.url.startswith("/cy/")
    # An English reader of the same event is told in English.
    facilitator = user_with_role("facilitator")
    mail.outbox.clear()
    Preference.objects.create(user=facilitator, kind=Kind.COMMENT_POSTED, mode=Mode.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        comment = plan_services.comment_add(plan=plan, by=officer, body="Look")
        plan_services.comment_add(plan=plan, by=facilitator, body="Seen", parent=comment)
    assert all(OPEN_IT in m.body for m in mail.outbox if m.to == [officer.email])


def test_the_weekly_digest_is_in_the_readers_language(place, framework):
    partner = user_with_role("partner", place)
    User.objects.filter(pk=partner.pk).update(language="cy")
    Preference.objects.create(user=partner, kind=Kind.REVIEW_REQUESTED, mode=Mode.DIGEST)
    plan_services.plan_submit(plan=make_plan(place, framework), by=user_with_role("officer", place))
    mail.outbox.clear()
    call_command("send_notifications", "--digest", stdout=open("/dev/null", "w"))
    (message,) = mail.outbox
    assert message.subject == welsh(DIGEST)
    assert "/cy/notifications/" in message.body


def test_password_reset_is_in_the_accounts_language(place):
    person = user_with_role("officer", place)
    User.objects.filter(pk=person.pk).update(language="cy")
    Client().post(reverse("accounts:password_reset"), {"email": person.email})  # from an English page
    (message,) = mail.outbox
    assert "/cy/" in message.body
    english = mail.outbox[0].body
    User.objects.filter(pk=person.pk).update(language="en-gb")
    Client().post("/cy" + reverse("accounts:password_reset"), {"email": person.email})  # from a Welsh page
    assert "/cy/" not in mail.outbox[1].body and mail.outbox[1].body != english


def test_the_switch_remembers_the_language_on_the_account_and_sign_in_brings_it_back(place):
    person = user_with_role("officer", place)
    person.set_password("a long password 12")
    person.save()
    client = signed_in(person)
    response = client.get("/language/cy/?next=/plans/")
    assert response.status_code == 302 and response["Location"] == "/cy/plans/"
    person.refresh_from_db()
    assert person.language == "cy"
    # Another browser (no language cookie): signing in lands on the Welsh pages and sets the cookie.
    other = Client()
    response = other.post(reverse("accounts:login"), {"username": person.email, "password": "a long password 12"})
    assert response.status_code == 302 and response["Location"].startswith("/cy/")
    assert other.cookies["django_language"].value == "cy"
    # Anonymous people switching store nothing (there is no account).
    assert Client().get("/language/cy/?next=/").status_code == 302


def test_the_account_page_changes_the_language(place):
    person = user_with_role("officer", place, full_name="Ada")
    client = signed_in(person)
    page = client.get(reverse("accounts:account")).content.decode()
    assert 'name="language"' in page and "Cymraeg" in page
    response = client.post(reverse("accounts:account"), {"full_name": "Ada", "job_title": "", "language": "cy"})
    assert response.status_code == 302 and response["Location"].startswith("/cy/")
    person.refresh_from_db()
    assert person.language == "cy"
    refused = client.post(reverse("accounts:account"), {"full_name": "Ada", "language": "klingon"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    person.refresh_from_db()
    assert person.language == "cy"
