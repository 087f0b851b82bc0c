"""The migrations, run for real: rows a place already has come through them, and the schema they build is the one the
test database is built with from the models (`conftest.py`), search tables included.

One round trip serves every scenario: going back and forth through the migrations costs about a minute a time.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from inclusive_cities.core.factories import PlaceFactory

D = datetime.date
# The newest state each scenario starts from, and the search tables' migrations (evidence 0002 and 0004) to run again.
BEFORE = [
    ("plans", "0003_measure_on_data"),  # before a place's plans were put on one line (0004_plan_lines)
    ("framework", "0002_welsh_content"),  # before the Welsh names of framework 1.0's principles (0003)
    ("data", "0002_provenance_revisions"),  # before an import's run state (0003_import_run_state)
    ("evidence", "0001_initial"),
]


def schema() -> dict[str, tuple[frozenset, frozenset]]:
    """Each table's columns and named constraints and indexes, as the database reports them."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=True)
        return {
            table: (
                frozenset(c.name for c in connection.introspection.get_table_description(cursor, table)),
                frozenset(
                    name
                    for name, info in connection.introspection.get_constraints(cursor, table).items()
                    if not name.startswith("__unnamed")
                ),
            )
            for table in tables
            if not table.startswith("evidence_casestudy_fts_")  # FTS5's own shadow tables
        }


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_existing_rows_come_through_the_migrations_and_they_build_the_models_schema(framework):
    from inclusive_cities.data.models import Import, ImportStatus
    from inclusive_cities.framework.models import Principle
    from inclusive_cities.plans.models import ActionPlan, Priority

    built_from_models = schema()
    bristol = PlaceFactory(code="E06000023", name="Bristol")
    cardiff = PlaceFactory(code="W06000015", name="Cardiff", nation="Wales", region="Wales", kind="UA")
    try:
        old = migrate(BEFORE).loader.project_state(BEFORE).apps

        # framework 1.0 as shipped, before its Welsh names, with one principle's name changed by a facilitator
        framework = old.get_model("framework", "Framework").objects.get(pk=framework.pk)
        principles = old.get_model("framework", "Principle").objects.filter(framework=framework)
        p1, p2 = principles.get(code="P1"), principles.get(code="P2")
        assert p1.name_en == "Provide local leadership to create change."
        principles.update(name_cy=None)
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

        migrate()

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

        # The migrations built what the test database was built with from the models, search tables included.
        by_migrations = schema()
        assert {t for t in by_migrations if t.startswith("evidence_casestudy")} >= (
            {"evidence_casestudy", "evidence_casestudy_fts"}
            if connection.vendor == "sqlite"
            else {"evidence_casestudy"}
        )
        differences = {
            table: (by_migrations.get(table), built_from_models.get(table))
            for table in by_migrations.keys() | built_from_models.keys()
            if by_migrations.get(table) != built_from_models.get(table)
        }
        assert differences == {}
    finally:
        migrate()  # back to the latest schema whatever happened, for the tests that follow
