"""pg_trgm powers "did you mean" suggestions. Other databases (SQLite for `make run`) skip it."""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")


class Migration(migrations.Migration):
    dependencies: list = []
    operations = [migrations.RunPython(create_extension, migrations.RunPython.noop)]
