"""Exchange fixtures: a programme whose one cohort has the `place` fixture (Bristol) as a member, so officer,
sponsor and partner are at a member place and `other_officer` (Liverpool) is an officer of a place outside it."""

import datetime

import pytest

from inclusive_cities.core.factories import CohortFactory, MembershipFactory, ProgrammeFactory, user_with_role
from inclusive_cities.exchange import services
from inclusive_cities.exchange.models import ConveningKind


@pytest.fixture
def programme(db):
    return ProgrammeFactory(code="inclusive-cities-test", name="Inclusive Cities (test)")


@pytest.fixture
def cohort(programme, place):
    cohort = CohortFactory(programme=programme, code="phase-one-test", name="Phase one", start_year=2017)
    MembershipFactory(cohort=cohort, place=place)
    return cohort


@pytest.fixture
def facilitator(db):
    return user_with_role("facilitator")


@pytest.fixture
def convening(cohort, programme, place, facilitator):
    return services.convening_create(
        by=facilitator,
        programme=programme,
        title="First meeting of the Working Group",
        kind=ConveningKind.WORKING_GROUP,
        host=place,
        start_date=datetime.date(2017, 10, 19),
        end_date=datetime.date(2017, 10, 20),
        aims="Start the project\nShare good practice",
        notes="Secret network-only notes",
        notes_network_only=True,
        attendees="Ada Officer",
        places=[(place, "member")],
    )


@pytest.fixture
def survey(cohort, programme, facilitator):
    survey = services.survey_from_template(
        by=facilitator,
        programme=programme,
        cohort=cohort,
        closes_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    return services.survey_open(survey=survey, by=facilitator)


@pytest.fixture
def members(cohort, place):
    """Five officers of the member place (each a separate participant)."""
    return [user_with_role("officer", place) for _ in range(5)]
