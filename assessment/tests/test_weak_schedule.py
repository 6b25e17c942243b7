"""The data migration that schedules the weekly detection of weak and lax organizations."""

import importlib

from django.apps import apps
from django_celery_beat.models import PeriodicTask

from assessment import tasks

migration = importlib.import_module("assessment.migrations.0007_weak_flags_weekly_schedule")


def test_migration_schedules_the_detection_on_monday_mornings_once(db):
    PeriodicTask.objects.filter(name=migration.NAME).delete()
    migration.create_schedule(apps, None)  # the function does not touch the schema
    migration.create_schedule(apps, None)
    task = PeriodicTask.objects.get(task=migration.TASK)
    assert task.task == tasks.weak_flags_refresh.name
    crontab = task.crontab
    assert (crontab.day_of_week, crontab.hour, crontab.minute) == ("1", "5", "30")
    assert str(crontab.timezone) == "Asia/Shanghai"
    assert task.enabled
