"""The migrations, run for real on a new, empty database: rows a place already has come through them, and the schema
they build is the one the test database is built with from the models (`conftest.py`), search tables included.

The database starts empty, as a new deployment's does, and is migrated to the state before the data migrations under
test, given rows, then migrated to the latest. Migrating forwards from empty renders the historical models as they
grow; going back from the latest state on the test database rendered all of them for every step (about a minute a
time) and left the shared test database's schema to be restored afterwards.
"""

import datetime
import tomllib
from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from inclusive_cities.framework.services import FRAMEWORK_TOML

D = datetime.date
# The state each scenario starts from: before a place's plans were put on one line (plans 0004_plan_lines), before
# the Welsh names of framework 1.0's principles (framework 0003), before an import's run state (data 0003), and before
# the search tables' migrations (evidence 0002 and 0004).
BEFORE = [
    ("plans", "0003_measure_on_data"),
    ("framework", "0002_welsh_content"),
    ("data", "0002_provenance_revisions"),
    ("evidence", "0001_initial"),
]


def schema(db) -> dict[str, tuple[frozenset, frozenset]]:
    """Each table's columns and named constraints and indexes, as the database reports them."""
    with db.cursor() as cursor:
        tables = db.introspection.table_names(cursor, include_views=True)
        return {
            table: (
                frozenset(c.name for c in db.introspection.get_table_description(cursor, table)),
                frozenset(
                    name
                    for name, info in db.introspection.get_constraints(cursor, table).items()
                    if not name.startswith("__unnamed")
                ),
            )
            for table in tables
            if not table.startswith("evidence_casestudy_fts_")  # FTS5's own shadow tables
        }


@contextmanager
def a_new_database(tmp_path):
    """An empty database (SQLite: a file; PostgreSQL: a database made and dropped here) standing in for the default
    connection while the block runs. It has to be the default: data migrations, third-party ones included, write
    through the default alias, as `migrate` on a deployment does."""
    test_db = connections["default"]
    sqlite = test_db.vendor == "sqlite"
    name = str(tmp_path / "new.sqlite3") if sqlite else f"{test_db.settings_dict['NAME']}_new"
    if not sqlite:
        with test_db.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {test_db.ops.quote_name(name)}")
            cursor.execute(f"CREATE DATABASE {test_db.ops.quote_name(name)}")
    new = test_db.__class__({**test_db.settings_dict, "NAME": name}, alias="default")
    connections["default"] = new
    try:
        yield new
    finally:
        new.close()
        connections["default"] = test_db
        if not sqlite:
            with test_db.cursor() as cursor:
                cursor.execute(f"DROP DATABASE {test_db.ops.quote_name(name)}")


def migrate(db, targets=None) -> MigrationExecutor:
    executor = MigrationExecutor(db)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def framework_1_0(apps):
    """Framework 1.0's principles and themes as the shipped TOML gives them, written with the historical models (the
    Welsh names left empty, as they were before framework 0003)."""
    data = tomllib.loads(FRAMEWORK_TOML.read_text(encoding="utf-8"))
    framework = apps.get_model("framework", "Framework").objects.create(
        name=data["framework"]["name"], version=data["framework"]["version"], status="published"
    )
    for model_name, key in (("Principle", "principles"), ("Theme", "themes")):
        model = apps.get_model("framework", model_name)
        model.objects.bulk_create(
            model(framework=framework, code=item["code"], name=item["name"], name_en=item["name"]) for item in data[key]
        )
    return framework


@pytest.mark.django_db(transaction=True)
def test_existing_rows_come_through_the_migrations_and_they_build_the_models_schema(tmp_path):
    from inclusive_cities.data.models import Import, ImportStatus
    from inclusive_cities.framework.models import Principle
    from inclusive_cities.plans.models import ActionPlan, Priority

    built_from_models = schema(connection)
    with a_new_database(tmp_path) as new:
        old = migrate(new, BEFORE).loader.project_state(BEFORE).apps
        places = old.get_model("network", "Place").objects
        bristol = places.create(code="E06000023", name="Bristol", nation="England", region="South West", kind="UA")
        cardiff = places.create(code="W06000015", name="Cardiff", nation="Wales", region="Wales", kind="UA")

        # framework 1.0 as shipped, before its Welsh names, with one principle's name changed by a facilitator
        framework = framework_1_0(old)
        principles = old.get_model("framework", "Principle").objects.filter(framework=framework)
        p1, p2 = principles.get(code="P1"), principles.get(code="P2")
        assert p1.name_en == "Provide local leadership to create change." and p1.name_cy is None
        principles.filter(pk=p2.pk).update(name_en="A name a facilitator changed.")

        old_plan = old.get_model("plans", "ActionPlan")
        common = {"place_id": bristol.pk, "framework_id": framework.pk, "period_start": D(2020, 1, 1)}
        v1 = old_plan.objects.create(title="First", version=1, status="archived", period_end=D(2022, 1, 1), **common)
        v2 = old_plan.objects.create(
            title="Second", version=2, status="published", previous_id=v1.pk, period_end=D(2024, 1, 1), **common
        )
        cardiffs = old_plan.objects.create(
            place_id=cardiff.pk,
            framework_id=framework.pk,
            title="Cardiff’s plan for inclusion",
            vision="Everyone belongs.",
            period_start=D(2026, 1, 1),
            period_end=D(2027, 12, 31),
        )
        priority = old.get_model("plans", "Priority").objects.create(
            plan=cardiffs, title="Welcome", description="First."
        )

        made = old.get_model("data", "Import").objects.create(
            importer="ons_mye", file_name="a.csv", sha256="x" * 64, status="applied"
        )

        migrate(new)

        # A place's existing plans form one line (plans 0004).
        rows = ActionPlan.objects.filter(pk__in=[v1.pk, v2.pk]).order_by("pk")
        assert list(rows.values_list("pk", "line", "version", "status", "previous_id")) == [
            (v1.pk, 1, 1, "archived", None),
            (v2.pk, 1, 2, "published", v1.pk),
        ]

        # Text written before the Welsh fields existed reads the same in English and has no Welsh (plans 0005);
        # framework 1.0's principle names get their Welsh only where the English is still the method's own.
        migrated = ActionPlan.objects.get(pk=cardiffs.pk)
        assert (migrated.title_en, migrated.vision_en) == ("Cardiff’s plan for inclusion", "Everyone belongs.")
        assert migrated.title_cy is None and migrated.vision_cy is None
        with translation.override("en-gb"):
            assert ActionPlan.objects.get(pk=cardiffs.pk).title == "Cardiff’s plan for inclusion"
            assert Priority.objects.get(pk=priority.pk).description == "First."
        with translation.override("cy"):  # no Welsh yet: English, by modeltranslation's fallback
            assert ActionPlan.objects.get(pk=cardiffs.pk).title == "Cardiff’s plan for inclusion"
        assert Principle.objects.get(pk=p1.pk).name_cy == "Darparu arweinyddiaeth leol i greu newid."
        assert Principle.objects.get(pk=p1.pk).name_en == "Provide local leadership to create change."
        assert Principle.objects.get(pk=p2.pk).name_cy is None

        # An import made before run states counts as run once, started when it was made (data 0003).
        record = Import.objects.get(pk=made.pk)
        assert record.status == ImportStatus.APPLIED and record.attempts == 1
        assert record.started_at == record.created_at and record.failure == "" and record.failed_at is None

        by_migrations = schema(new)

    # The migrations built what the test database was built with from the models, search tables included.
    assert {t for t in by_migrations if t.startswith("evidence_casestudy")} >= (
        {"evidence_casestudy", "evidence_casestudy_fts"} if connection.vendor == "sqlite" else {"evidence_casestudy"}
    )
    differences = {
        table: (by_migrations.get(table), built_from_models.get(table))
        for table in by_migrations.keys() | built_from_models.keys()
        if by_migrations.get(table) != built_from_models.get(table)
    }
    assert differences == {}
