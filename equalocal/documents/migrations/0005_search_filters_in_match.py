"""The search filters become part of the full-text match, so it looks only at their pages.

A search in a few organisations found every page matching the words first and applied the
filters to each afterwards: on SQLite FTS5 compared the positions of a phrase's words on a
quarter of the index, on PostgreSQL the planner read the vector of every page of the
organisations. Now:

- SQLite: the organisation, kind, language and year are columns of the FTS5 index too; the
  words of a query are matched in the text columns only;
- PostgreSQL: each page's vector holds its organisation's lexeme ("org 12", which no text
  gives), so the GIN index finds the pages of a few organisations by itself.
"""

from django.db import migrations

COLUMNS = ("title_stems", "stems", "organisation_id", "kind", "language", "year")
OLD_COLUMNS = ("title_stems", "stems")


def _statements(columns):
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        "DROP TRIGGER IF EXISTS documents_searchrow_au",
        "DROP TRIGGER IF EXISTS documents_searchrow_ad",
        "DROP TRIGGER IF EXISTS documents_searchrow_ai",
        "DROP TABLE IF EXISTS documents_fts",
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
            {names},
            content='documents_searchrow', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        )""",
        f"""CREATE TRIGGER documents_searchrow_ai AFTER INSERT ON documents_searchrow BEGIN
            INSERT INTO documents_fts(rowid, {names}) VALUES (new.id, {new});
        END""",  # noqa: S608 - only the column names above
        f"""CREATE TRIGGER documents_searchrow_ad AFTER DELETE ON documents_searchrow BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, {names})
            VALUES ('delete', old.id, {old});
        END""",  # noqa: S608 - only the column names above
        f"""CREATE TRIGGER documents_searchrow_au AFTER UPDATE ON documents_searchrow BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, {names})
            VALUES ('delete', old.id, {old});
            INSERT INTO documents_fts(rowid, {names}) VALUES (new.id, {new});
        END""",  # noqa: S608 - only the column names above
        # The index of the rows already stored, from the content table.
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    ]


POSTGRES_FORWARD = [
    "UPDATE documents_searchrow SET vector = vector || "
    "array_to_tsvector(ARRAY['org ' || organisation_id::text]) WHERE vector IS NOT NULL",
]
POSTGRES_BACKWARD = [
    "UPDATE documents_searchrow SET vector = ts_delete(vector, 'org ' || organisation_id::text) "
    "WHERE vector IS NOT NULL",
]


def _run(columns, postgres):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        statements = {"sqlite": _statements(columns), "postgresql": postgres}.get(vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_search_rows_narrow_heap")]

    operations = [
        migrations.RunPython(_run(COLUMNS, POSTGRES_FORWARD), _run(OLD_COLUMNS, POSTGRES_BACKWARD))
    ]
