"""The data migration that schedules the daily sweep."""

import importlib

from django.apps import apps
from django_celery_beat.models import PeriodicTask

migration = importlib.import_module("reminders.migrations.0002_daily_sweep_schedule")


def test_migration_schedules_the_daily_sweep_at_six_once(db):
    PeriodicTask.objects.filter(name=migration.NAME).delete()
    migration.create_schedule(apps, None)  # the function does not touch the schema
    migration.create_schedule(apps, None)
    task = PeriodicTask.objects.get(task="reminders.sweep")
    assert (task.crontab.hour, task.crontab.minute) == ("6", "0")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert task.enabled
