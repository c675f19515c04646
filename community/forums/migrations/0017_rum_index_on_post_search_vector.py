"""A RUM index on the posts' search vectors, where the server offers the extension: search
orders by `search_vector <=> query` inside it (portal/search/selectors.py). Servers without
RUM (the embedded PostgreSQL of `make run`) get nothing, and search ranks with ts_rank.
Built concurrently, so posting goes on while it builds at 1M posts (about 16 s)."""

from django.db import migrations

INDEX = "post_search_vector_rum"


def create_rum_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        # An interrupted concurrent build leaves an invalid index behind: build it again.
        cursor.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [INDEX]
        )
        row = cursor.fetchone()
        if row is not None and not row[0]:
            cursor.execute(f"DROP INDEX CONCURRENTLY {INDEX}")
        cursor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} "
            "ON forums_post USING rum (search_vector rum_tsvector_ops)"
        )


def drop_rum_index(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}")
        cursor.execute("DROP EXTENSION IF EXISTS rum")


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("forums", "0016_crisis_set_8_examples_and_idioms")]
    operations = [migrations.RunPython(create_rum_index, drop_rum_index, elidable=False)]
