"""On PostgreSQL, keep the search rows' heap narrow: text and vectors go to TOAST.

A search finds its matches through the GIN index and then reads each match's filter columns
from the heap. With the text and the vector stored in the row (about 3 kB a page), that meant
reading most of a large table for a common word; with them out of line, the heap of 100,000
pages is about 15 MB and stays in memory. Rows already stored are rewritten once.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE documents_searchrow SET (toast_tuple_target = 128)",
    "UPDATE documents_searchrow SET body = body",
]
BACKWARD = ["ALTER TABLE documents_searchrow RESET (toast_tuple_target)"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_filter_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
