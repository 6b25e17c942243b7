from django.db import migrations

# The member development rules (2014) say the branch talks with an applicant "within 1
# month": the rule figure was kept in days (30) and is now kept in calendar months (1).
# An admin's value in days becomes the nearest whole number of months (at least 1).
OLD_KEY, NEW_KEY = "development.talk_within_days", "development.talk_within_months"
DAYS_A_MONTH = 30


def days_to_months(apps, schema_editor):
    Policy = apps.get_model("policies", "Policy")
    old = Policy.objects.filter(key=OLD_KEY).first()
    if old is None:
        return
    if not Policy.objects.filter(key=NEW_KEY).exists():
        Policy.objects.create(key=NEW_KEY, value=max(1, round(old.value / DAYS_A_MONTH)))
    old.delete()


def months_to_days(apps, schema_editor):
    Policy = apps.get_model("policies", "Policy")
    new = Policy.objects.filter(key=NEW_KEY).first()
    if new is None:
        return
    if not Policy.objects.filter(key=OLD_KEY).exists():
        Policy.objects.create(key=OLD_KEY, value=new.value * DAYS_A_MONTH)
    new.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_dues_for_relief_and_minimum_allowance"),
        ("policies", "0001_initial"),
    ]

    operations = [migrations.RunPython(days_to_months, months_to_days)]
