"""Taskforce fixtures: a small taskforce at the `place` fixture (Bristol)."""

import datetime

import pytest

from inclusive_cities.taskforce.models import Meeting, Organisation, Sector, TaskforceMember


@pytest.fixture
def org(place):
    return Organisation.objects.create(place=place, name="Bristol City Council Housing", sector=Sector.COUNCIL)


@pytest.fixture
def member(place, org):
    return TaskforceMember.objects.create(
        place=place,
        organisation=org,
        person_name="Amina Yusuf",
        lived_experience=True,
        lived_experience_consent=True,
        lived_experience_consent_date=datetime.date(2025, 3, 1),
    )


@pytest.fixture
def meeting(place, member):
    m = Meeting.objects.create(place=place, date=datetime.date(2025, 4, 2), title="First taskforce meeting")
    m.attendees.add(member)
    return m
