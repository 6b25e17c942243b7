import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("members", "0007_dues_record_organization")]

    operations = [
        migrations.AlterField(
            model_name="duesrecord",
            name="organization",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="dues_records",
                to="organizations.organization",
                verbose_name="branch holding the membership",
            ),
        ),
    ]
