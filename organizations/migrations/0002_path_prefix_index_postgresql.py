"""On PostgreSQL a plain b-tree index serves ``LIKE 'prefix%'`` only under the C collation;
an index with varchar_pattern_ops serves it under any collation, so "everything under this
street" stays one index scan. SQLite, the embedded default, needs nothing here."""

from django.db import migrations

INDEX = "organization_path_prefix"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON organizations_organization (path varchar_pattern_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
