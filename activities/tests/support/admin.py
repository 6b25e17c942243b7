"""Helpers of the admin tests: the addresses of a row's change page and of a changelist."""

from django.urls import reverse


def change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def changelist(model) -> str:
    """A model, or the name of a model of activities (``"activity"``)."""
    if isinstance(model, str):
        return reverse(f"admin:activities_{model}_changelist")
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
