"""The branch committee meeting (支部委员会会议) is held by branches and general branches:
a community committee's own committee meetings are not this type. The built-in type is
changed where an admin left its kinds as first seeded."""

from django.db import migrations

OLD = ["community_committee", "general_branch", "branch"]
NEW = ["general_branch", "branch"]


def _replace(apps, before, after):
    ActivityType = apps.get_model("activities", "ActivityType")
    for activity_type in ActivityType.objects.filter(code="committee_meeting"):
        if sorted(activity_type.applies_to or []) == sorted(before):
            activity_type.applies_to = after
            activity_type.save(update_fields=["applies_to"])


def forwards(apps, schema_editor):
    _replace(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _replace(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_activities_reports_co_building")]

    operations = [migrations.RunPython(forwards, backwards)]
