"""Full-text index for case studies on PostgreSQL: a weighted tsvector column with a GIN index, kept in step by
services.py (search.fts_index), the counterpart of SQLite's FTS5 table. Ranking reads document frequencies from
it to weigh rare words as bm25 does. Nothing happens on SQLite.
"""

from django.db import migrations

ADD = "ALTER TABLE evidence_casestudy ADD COLUMN IF NOT EXISTS search_vector tsvector"
FILL = (
    "UPDATE evidence_casestudy SET search_vector = "
    "setweight(to_tsvector('english', title), 'A') || "
    "setweight(to_tsvector('english', place_name || ' ' || country), 'B') || "
    "setweight(to_tsvector('english', summary), 'C') || "
    "setweight(to_tsvector('english', intervention_type || ' ' || outcomes || ' ' || evidence_note || ' ' || "
    "source_section), 'D')"
)
INDEX = "CREATE INDEX IF NOT EXISTS evidence_casestudy_search_vector ON evidence_casestudy USING gin (search_vector)"
DROP = "ALTER TABLE evidence_casestudy DROP COLUMN IF EXISTS search_vector"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)
        schema_editor.execute(FILL)
        schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0003_updated_at_index")]

    operations = [migrations.RunPython(forwards, backwards)]
