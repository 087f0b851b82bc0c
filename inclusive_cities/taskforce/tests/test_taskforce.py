"""Taskforce behaviour: validation, consent, duplicates, coverage, escaping, CSV, demo content."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from inclusive_cities.core.factories import user_with_role
from inclusive_cities.taskforce import selectors, services
from inclusive_cities.taskforce.models import Meeting, Organisation, Sector, TaskforceMember


@pytest.fixture
def officer_client(as_role):
    return as_role("officer")


def test_duplicate_organisation_in_one_place_is_refused_case_insensitively(officer_client, place, org):
    response = officer_client.post(
        reverse("taskforce:organisation_add", args=[place.code]),
        {"name": "  bristol city council HOUSING ", "sector": "council"},
    )
    assert response.status_code == 200
    assert "is already on Bristol’s taskforce" in response.content.decode()
    assert Organisation.objects.filter(place=place).count() == 1


def test_same_organisation_name_in_another_place_is_fine(place, other_place, org):
    services.organisation_create(place=other_place, by=None, name=org.name, sector=Sector.COUNCIL)
    assert Organisation.objects.filter(name=org.name).count() == 2


def test_database_refuses_duplicate_even_past_the_service(place, org):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(place=place, name=org.name.upper(), sector=Sector.HEALTH)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "sector": "health"}, "Enter the organisation’s name."),
        ({"name": "NHS", "sector": ""}, "Choose the organisation’s sector."),
        ({"name": "NHS", "sector": "aliens"}, "Choose a sector from the list."),
        ({"name": "x" * 201, "sector": "health"}, "Keep the name under 200 characters."),
        ({"name": "NHS", "sector": "health", "website": "not a url"}, "Enter the website as a full address"),
    ],
)
def test_organisation_bad_input(officer_client, place, data, message):
    response = officer_client.post(reverse("taskforce:organisation_add", args=[place.code]), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "govuk-error-summary" in body
    assert not Organisation.objects.exists()


def test_hostile_text_is_escaped(officer_client, place):
    officer_client.post(
        reverse("taskforce:organisation_add", args=[place.code]),
        {"name": "<script>alert(1)</script>", "sector": "media"},
    )
    body = officer_client.get(reverse("taskforce:home", args=[place.code])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_lived_experience_without_consent_is_refused_by_form(officer_client, place):
    response = officer_client.post(
        reverse("taskforce:member_add", args=[place.code]),
        {"person_name": "Sam", "role": "member", "lived_experience": "on"},
    )
    assert response.status_code == 200
    assert "only be recorded with the person’s explicit consent" in response.content.decode()
    assert not TaskforceMember.objects.exists()


def test_lived_experience_consent_needs_a_date_not_in_the_future(officer_client, place):
    url = reverse("taskforce:member_add", args=[place.code])
    data = {"person_name": "Sam", "role": "member", "lived_experience": "on", "lived_experience_consent": "on"}
    assert "Enter the date the person gave consent." in officer_client.post(url, data).content.decode()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    body = officer_client.post(url, {**data, "lived_experience_consent_date": future}).content.decode()
    assert "The consent date must be between 2000 and today." in body
    assert (
        "real date"
        in officer_client.post(url, {**data, "lived_experience_consent_date": "2025-02-30"}).content.decode()
    )
    assert not TaskforceMember.objects.exists()


def test_lived_experience_refused_by_service_and_database(place):
    with pytest.raises(ValidationError, match="explicit consent"):
        services.member_create(place=place, by=None, person_name="Sam", lived_experience=True)
    with pytest.raises(IntegrityError):
        TaskforceMember.objects.create(place=place, person_name="Sam", lived_experience=True)


def test_withdrawing_consent_clears_the_flag(place, member):
    services.member_update(member=member, by=None, lived_experience_consent=False)
    member.refresh_from_db()
    assert (member.lived_experience, member.lived_experience_consent_date) == (False, None)


def test_member_organisation_must_be_from_the_same_place(place, other_place):
    theirs = Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    with pytest.raises(ValidationError, match="not on this place’s taskforce"):
        services.member_create(place=place, by=None, person_name="Sam", organisation=theirs)


def test_member_form_offers_only_this_places_organisations(officer_client, place, other_place, org):
    Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    body = officer_client.get(reverse("taskforce:member_add", args=[place.code])).content.decode()
    assert org.name in body and "Liverpool CVS" not in body


def test_meeting_date_and_attendees_validated(officer_client, place, other_place, member):
    stranger = TaskforceMember.objects.create(place=other_place, person_name="Someone Else")
    url = reverse("taskforce:meeting_add", args=[place.code])
    body = officer_client.post(url, {"title": "Kick-off", "date": "1999-12-31"}).content.decode()
    assert "between 2000 and the end of next year" in body
    body = officer_client.post(url, {"title": "Kick-off", "date": "2025-13-01"}).content.decode()
    assert "Enter the meeting date as a real date." in body
    body = officer_client.post(url, {"title": "Kick-off", "date": "2025-05-01", "attendees": [stranger.pk]}).content
    assert b"Select a valid choice" in body
    with pytest.raises(ValidationError, match="Attendees must be members"):
        services.meeting_create(place=place, by=None, title="x", date=datetime.date(2025, 5, 1), attendees=[stranger])
    assert not Meeting.objects.exists()
    response = officer_client.post(
        url, {"title": "Kick-off", "date": "2025-05-01", "attendees": [member.pk], "decisions": "Agree terms"}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.attendees.all()) == [member]
    assert meeting.created_by.email == officer_client.user.email


def test_coverage_gaps_change_as_organisations_join(place):
    officer = user_with_role("officer", place)
    cov = selectors.coverage(user=officer, place=place)
    assert len(cov.missing) == len(Sector) and set(cov.hard_gaps) == {
        "Employer or business",
        "Migrant- or refugee-led",
        "Lived experience of the migration system",
    }
    assert cov.lived_experience == 0
    services.organisation_create(place=place, by=officer, name="Acme Employers", sector=Sector.BUSINESS)
    cov = selectors.coverage(user=officer, place=place)
    assert cov.covered == ["Employer or business"] and cov.hard_gaps == [
        "Migrant- or refugee-led",
        "Lived experience of the migration system",
    ]
    assert len(cov.missing) == len(Sector) - 1


def test_no_lived_experience_member_is_a_hard_gap_never_none(place, member):
    """Cardiff's case in the demo: sectors covered but nobody with lived experience must not read "None"."""
    officer = user_with_role("officer", place)
    for sector in (Sector.BUSINESS, Sector.MIGRANT_LED):
        services.organisation_create(place=place, by=officer, name=f"Org {sector}", sector=sector)
    assert selectors.coverage(user=officer, place=place).hard_gaps == []  # `member` brings lived experience
    TaskforceMember.objects.filter(place=place).update(lived_experience=False)
    assert selectors.coverage(user=officer, place=place).hard_gaps == ["Lived experience of the migration system"]
    row = next(c for c in selectors.network_coverage(user=user_with_role("facilitator")) if c.place == place)
    assert row.hard_gaps == ["Lived experience of the migration system"]
    # Partners may not know who brings lived experience: their view leaves it out rather than guessing.
    assert selectors.coverage(user=user_with_role("partner", place), place=place).hard_gaps == []


def test_coverage_hides_lived_experience_count_from_partners(place, member):
    partner = user_with_role("partner", place)
    assert selectors.coverage(user=partner, place=place).lived_experience is None
    assert selectors.coverage(user=user_with_role("officer", place), place=place).lived_experience == 1


def test_network_coverage_lists_every_place_with_a_taskforce(place, other_place, org):
    Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    rows = selectors.network_coverage(user=user_with_role("facilitator"))
    assert [r.place.code for r in rows] == [place.code, other_place.code]
    assert rows[1].covered == ["Voluntary and community"]
    assert selectors.network_coverage(user=user_with_role("officer", place)) == []


def test_network_coverage_includes_programme_places_without_a_taskforce(place, org):
    from inclusive_cities.core.factories import MembershipFactory, PlaceFactory

    newcomer = PlaceFactory(code="E06000099", name="Aardvark Borough")
    MembershipFactory(place=newcomer)
    departed = PlaceFactory(code="E06000098", name="Left Borough")
    MembershipFactory(place=departed, left_year=2019)
    rows = selectors.network_coverage(user=user_with_role("facilitator"))
    assert [r.place.name for r in rows] == ["Aardvark Borough", "Bristol"]
    assert rows[0].organisation_count == 0 and len(rows[0].missing) == len(Sector)


@pytest.mark.parametrize("role, lived", [("officer", True), ("facilitator", True)])
def test_csv_export(as_role, role, lived, place, org, member, other_place):
    Organisation.objects.create(place=place, name="=HYPERLINK(1)", sector=Sector.MEDIA)
    Organisation.objects.create(place=other_place, name="Liverpool CVS", sector=Sector.VOLUNTARY)
    response = as_role(role).get(reverse("taskforce:export", args=[place.code]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["record", "name", "organisation", "sector"]
    assert ("lived_experience" in rows[0]) is lived
    names = [r[1] for r in rows[1:]]
    assert "Liverpool CVS" not in names
    assert "'=HYPERLINK(1)" in names
    assert ["member", "Amina Yusuf", org.name, "council"] == rows[-1][:4]


def test_history_is_recorded(officer_client, place, org):
    officer_client.post(
        reverse("taskforce:organisation_edit", args=[place.code, org.pk]),
        {"name": "Bristol City Council Housing", "sector": "housing"},
    )
    org.refresh_from_db()
    assert org.sector == "housing"
    assert org.history.count() == 2


def test_demo_load_is_idempotent_and_keeps_edits(db):

    from inclusive_cities.accounts import demodata as accounts_demo
    from inclusive_cities.framework import demodata as framework_demo
    from inclusive_cities.network import demodata as network_demo
    from inclusive_cities.taskforce import demodata

    network_demo.load()
    framework_demo.load()
    accounts_demo.load()
    demodata.load()
    orgs = Organisation.objects.count()
    assert orgs >= 20
    assert Organisation.objects.filter(place__code="E08000012").exists()
    edited = Organisation.objects.filter(place__code="E06000023").first()
    edited.notes = "Edited by an officer"
    edited.save()
    demodata.load()
    assert Organisation.objects.count() == orgs
    edited.refresh_from_db()
    assert edited.notes == "Edited by an officer"
    # Illustrative content is marked; named organisations cite the seeds.
    for o in Organisation.objects.all():
        assert o.is_illustrative or o.source.startswith("seed 00")


def test_member_can_be_linked_only_to_an_account_with_a_role_here(officer_client, place, other_place):
    partner = user_with_role("partner", place, email="partner@example.org", full_name="Pat Partner")
    stranger = user_with_role("officer", other_place, email="stranger@example.org", full_name="Sid Stranger")
    url = reverse("taskforce:member_add", args=[place.code])
    body = officer_client.get(url).content.decode()
    assert "Pat Partner" in body and "Sid Stranger" not in body
    response = officer_client.post(url, {"person_name": "X", "role": "member", "user": stranger.pk})
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValidationError, match="no role at this place"):
        services.member_create(place=place, by=None, person_name="X", user=stranger)
    officer_client.post(url, {"person_name": "Pat Partner", "role": "member", "user": partner.pk})
    assert TaskforceMember.objects.get().user == partner


@pytest.mark.parametrize(
    "url_name, data, message",
    [
        ("organisation_add", {"name": "A", "sector": "media", "notes": "n" * 4001}, "at most 4000 characters"),
        ("member_add", {"person_name": "p" * 151, "role": "member"}, "at most 150 characters"),
        ("meeting_add", {"title": "M", "date": "2025-01-01", "decisions": "d" * 10001}, "at most 10000 characters"),
    ],
)
def test_over_long_text_is_refused(officer_client, place, url_name, data, message):
    response = officer_client.post(reverse(f"taskforce:{url_name}", args=[place.code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not (Organisation.objects.exists() or TaskforceMember.objects.exists() or Meeting.objects.exists())


def test_withdrawn_consent_leaves_no_trace_in_history(officer_client, place, member):
    assert member.history.filter(lived_experience=True).exists()
    response = officer_client.post(
        reverse("taskforce:member_edit", args=[place.code, member.pk]),
        {"person_name": member.person_name, "organisation": member.organisation_id, "role": "member"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.lived_experience and member.lived_experience_consent_date is None
    assert member.history.count() >= 2
    assert not member.history.filter(lived_experience=True).exists()
    assert not member.history.filter(lived_experience_consent_date__isnull=False).exists()


def test_removing_a_member_erases_their_history(officer_client, place, member, meeting):
    pk = member.pk
    history_model = member.history.model
    assert history_model.objects.filter(id=pk).exists()
    response = officer_client.post(reverse("taskforce:member_remove", args=[place.code, pk]))
    assert response.status_code == 302
    assert not TaskforceMember.objects.filter(pk=pk).exists()
    assert not history_model.objects.filter(id=pk).exists()
    assert meeting.attendees.count() == 0


def test_organisation_with_members_cannot_be_removed(officer_client, place, org, member):
    response = officer_client.post(reverse("taskforce:organisation_remove", args=[place.code, org.pk]))
    assert response.status_code == 400
    assert "still has members on the taskforce" in response.content.decode()
    assert Organisation.objects.filter(pk=org.pk).exists()
    member.delete()
    response = officer_client.post(reverse("taskforce:organisation_remove", args=[place.code, org.pk]))
    assert response.status_code == 302 and not Organisation.objects.filter(pk=org.pk).exists()


def test_cannot_remove_another_places_member(as_role, other_place):
    theirs = TaskforceMember.objects.create(place=other_place, person_name="Theirs")
    client = as_role("officer")
    response = client.post(reverse("taskforce:member_remove", args=["E06000023", theirs.pk]))
    assert response.status_code == 404
    assert TaskforceMember.objects.filter(pk=theirs.pk).exists()
