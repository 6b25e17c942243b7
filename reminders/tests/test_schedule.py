import importlib

from django.apps import apps
from django_celery_beat.models import PeriodicTask

from reminders.services import run_sweep

migration = importlib.import_module("reminders.migrations.0002_daily_sweep_schedule")


def test_migration_schedules_the_daily_sweep_at_six_once(db):
    PeriodicTask.objects.filter(name=migration.NAME).delete()
    migration.create_schedule(apps, None)  # the function does not touch the schema
    migration.create_schedule(apps, None)
    task = PeriodicTask.objects.get(task="reminders.sweep")
    assert (task.crontab.hour, task.crontab.minute) == ("6", "0")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert task.enabled


def test_sweep_records_each_rule_and_what_it_created(db, monkeypatch):
    from reminders import registry

    monkeypatch.setattr(registry, "_rules", {"two": lambda today: 2, "none": lambda today: 0})
    run = run_sweep()
    assert run.details == {"none": 0, "two": 2}
    assert run.created_count == 2
    assert run.finished_at >= run.started_at
