"""A foreign key given something that is not an id (a hand-edited form, a stale
autocomplete) redisplays the admin's form with an error on that field, never a 500."""

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

from members.tests.factories import MemberFactory

BAD_ID = "not-a-number"


def _foreign_key_fields(model_admin, request) -> list[str]:
    form = model_admin.get_form(request)()
    return [
        name
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField) and not field.disabled
    ]


def test_a_bad_id_in_each_foreign_key_redisplays_the_add_form(client, superuser, rf):
    """Every admin that adds rows with a foreign key on its form: each of those fields
    given text comes back with its own error."""
    request = rf.get("/")
    request.user = superuser
    client.force_login(superuser)
    checked = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_add_permission(request):
            continue
        fields = _foreign_key_fields(model_admin, request)
        if not fields:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

        response = client.post(url, dict.fromkeys(fields, BAD_ID))

        assert response.status_code == 200, url
        errors = response.context["adminform"].form.errors
        assert set(fields) <= set(errors), url
        checked.append(model._meta.label)
    assert {"members.Member", "activities.Activity", "organizations.Post"} <= set(checked)


@pytest.mark.parametrize("bad_id", [BAD_ID, "99999999999999999999999"])
def test_a_bad_organization_id_redisplays_the_member_change_form_and_saves_nothing(
    client, world, street_staff, bad_id
):
    member = MemberFactory(organization=world.branch_a, name="张三")
    client.force_login(street_staff)
    url = reverse("admin:members_member_change", args=[member.pk])
    data = {
        key: value
        for key, value in client.get(url).context["adminform"].form.initial.items()
        if value is not None and not isinstance(value, list)
    }

    response = client.post(url, {**data, "name": "李四", "organization": bad_id})

    assert response.status_code == 200
    assert "organization" in response.context["adminform"].form.errors
    member.refresh_from_db()
    assert (member.name, member.organization) == ("张三", world.branch_a)
