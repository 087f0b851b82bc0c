"""Full-text index for case studies on SQLite: an FTS5 virtual table (bm25 ranking) kept in step by services.py.

PostgreSQL ranks with django.contrib.postgres.search at query time and needs no side table, so this migration
does nothing there. Existing rows are indexed here too (the embedding is filled by the services / index_rebuild).
"""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence_casestudy_fts USING fts5("
    "title, place, summary, extra, tokenize = 'porter unicode61 remove_diacritics 2')"
)
FILL = (
    "INSERT INTO evidence_casestudy_fts (rowid, title, place, summary, extra) "
    "SELECT id, title, place_name || ' ' || country, summary, intervention_type || ' ' || outcomes || ' ' || "
    "evidence_note || ' ' || source_section FROM evidence_casestudy"
)
DROP = "DROP TABLE IF EXISTS evidence_casestudy_fts"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)
        schema_editor.execute(FILL)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
