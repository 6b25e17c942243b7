"""Each dues record keeps the organization that held the membership when it was made, so
that a later transfer does not move past collection figures. Existing records are given
the member's current organization: the best that is known of them."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    DuesRecord = apps.get_model("members", "DuesRecord")
    Member = apps.get_model("members", "Member")
    DuesRecord.objects.filter(organization__isnull=True).update(
        organization_id=Subquery(
            Member.objects.filter(pk=OuterRef("member_id")).values("organization_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_talk_within_calendar_months"),
        ("organizations", "0002_path_prefix_index_postgresql"),
    ]

    operations = [
        migrations.AddField(
            model_name="duesrecord",
            name="organization",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dues_records",
                to="organizations.organization",
                verbose_name="branch holding the membership",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
