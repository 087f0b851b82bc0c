"""Fixtures shared by every app's tests.

`as_role(role)` gives a logged-in test client for one of ROLES, relative to the `place` fixture:
officer/sponsor/partner hold that role at `place`; `other_officer` is an officer of `other_place`;
`user` is signed in with no role; `anonymous` is not signed in.
"""

import pytest
from django.test import Client

from inclusive_cities.core.factories import PlaceFactory, user_with_role

ROLES = ["anonymous", "user", "officer", "sponsor", "partner", "other_officer", "facilitator", "researcher", "admin"]


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Each test starts in English: a request to a /cy/ page leaves Welsh active in the thread that served it (the
    test's own), which would change the words a later test computes its expectations with."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits and throttles count in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def page_cache(settings):
    """The page caches switched on (the test settings keep them off), each test starting and ending empty."""
    from django.core.cache import cache

    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def place(db):
    return PlaceFactory(code="E06000023", name="Bristol", region="South West")


@pytest.fixture
def other_place(db):
    return PlaceFactory(code="E08000012", name="Liverpool", region="North West", kind="MD")


@pytest.fixture
def make_user(db, place, other_place):
    def make(role: str):
        if role == "anonymous":
            return None
        if role == "other_officer":
            return user_with_role("officer", other_place)
        return user_with_role(role, place)

    return make


@pytest.fixture
def as_role(make_user):
    def client_for(role: str) -> Client:
        client = Client()
        user = make_user(role)
        if user is not None:
            client.force_login(user)
        client.user = user
        return client

    return client_for


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Each test database starts with the real framework 1.0 (the shipped TOML), committed once, as every deployment
    has it. Loading it writes about 70 rows with their history: done in every test, it was a fifth of the suite's
    time. Each test's changes to it roll back with the test; a test that empties the database (`transaction=True`)
    leaves it to be loaded again by the next test that asks for it."""
    from inclusive_cities.framework.services import framework_load

    with django_db_blocker.unblock():
        complete_the_schema_built_from_models()
        framework_load()


# Migrations that build what the models do not describe: the case-study search tables. Their `forwards` create them
# where they are missing. inclusive_cities/core/tests/test_migrations.py checks the migrations build the same schema.
OUTSIDE_THE_MODELS = [
    "inclusive_cities.evidence.migrations.0002_fulltext_index",
    "inclusive_cities.evidence.migrations.0004_postgres_search_vector",
]


def complete_the_schema_built_from_models():
    """The test settings build each test database from the models (`TEST: MIGRATE: False`): running the 90
    migrations took 40-55 s in each test process, almost all of it Django rendering their historical models. This
    adds what only migrations make and records every migration as applied, as `migrate` would have; the migration
    tests then go back and forth from the latest state as they would on a migrated database."""
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.recorder import MigrationRecorder

    with connection.schema_editor() as editor:
        for module in OUTSIDE_THE_MODELS:
            import_module(module).forwards(None, editor)
    recorder = MigrationRecorder(connection)
    recorder.ensure_schema()
    applied = recorder.applied_migrations()
    nodes = MigrationLoader(connection, ignore_no_migrations=True).graph.nodes
    recorder.migration_qs.bulk_create(
        recorder.Migration(app=app, name=name) for app, name in nodes if (app, name) not in applied
    )


@pytest.fixture
def framework(db):
    """The real framework version 1.0 from the shipped TOML (not a fake)."""
    from inclusive_cities.framework.models import Framework
    from inclusive_cities.framework.services import framework_load

    return Framework.objects.filter(version="1.0").first() or framework_load()
