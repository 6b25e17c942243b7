"""The admin of organizations' models, scoped: 404 outside the scope, choices inside it."""

import pytest
from django.urls import reverse

from organizations.models import CommitteeTerm, Organization, Post


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_secretary_gets_404_for_other_branch_admin_change_page(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(change_url(world.branch_a)).status_code == 200
    assert client.get(change_url(world.branch_b)).status_code == 404


def test_secretary_gets_404_for_other_branch_history_and_delete(client, world, secretary_a):
    client.force_login(secretary_a)
    base = reverse("admin:organizations_organization_change", args=[world.branch_b.pk])
    assert client.get(base.replace("change/", "history/")).status_code == 404
    assert client.get(base.replace("change/", "delete/")).status_code == 404


def test_admin_changelist_lists_only_the_scope(client, world, secretary_a, street_staff):
    client.force_login(secretary_a)
    response = client.get(reverse("admin:organizations_organization_changelist"))
    assert response.status_code == 200
    listed = set(response.context["cl"].queryset)
    assert listed == {world.branch_a, world.group_a}
    client.force_login(street_staff)
    listed = set(
        client.get(reverse("admin:organizations_organization_changelist")).context["cl"].queryset
    )
    assert world.branch_c in listed and world.branch_d not in listed


def test_secretary_cannot_see_other_branch_posts_in_admin(client, world, secretary_a, secretary_b):
    client.force_login(secretary_a)
    response = client.get(reverse("admin:organizations_post_changelist"))
    assert {p.user for p in response.context["cl"].queryset} == {secretary_a}
    other = Post.objects.get(user=secretary_b)
    assert client.get(change_url(other)).status_code == 404


def test_admin_autocomplete_is_scoped(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "organizations",
            "model_name": "organization",
            "field_name": "parent",
            "term": "支部",
        },
    )
    assert response.status_code == 200
    found = {row["text"] for row in response.json()["results"]}
    assert "A支部" in found and "B支部" not in found


def test_view_only_member_sees_but_cannot_change(client, world):
    from organizations.tests.factories import PostFactory

    member = PostFactory(
        organization=world.branch_b, role="committee_member", user__is_staff=True
    ).user
    client.force_login(member)
    response = client.get(change_url(world.branch_b))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    response = client.post(change_url(world.branch_b), {"name": "改名"})
    assert response.status_code == 403
    assert Organization.objects.get(pk=world.branch_b.pk).name == "B支部"


def test_secretary_cannot_add_an_organization_under_another_branch(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            "parent": world.branch_b.pk,
            "kind": "party_group",
            "name": "越权党小组",
            "street": world.street1.pk,
            "committee_terms-TOTAL_FORMS": "0",
            "committee_terms-INITIAL_FORMS": "0",
            "posts-TOTAL_FORMS": "0",
            "posts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    assert not Organization.objects.filter(name="越权党小组").exists()


def test_committee_of_eight_is_refused_in_admin_with_nothing_saved(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        reverse("admin:organizations_committeeterm_add"),
        {
            "organization": world.branch_a.pk,
            "elected_on": "2025-03-01",
            "term_years": "3",
            "seats": "8",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "seats" in errors
    assert "3" in errors["seats"][0] and "7" in errors["seats"][0]
    assert not CommitteeTerm.objects.exists()


def add_deputy(client, user, organization, **fields):
    """Appoint ``user`` deputy secretary of ``organization`` from 1 May 2025 in the admin."""
    data = {
        "user": user.pk,
        "organization": organization.pk,
        "role": "deputy_secretary",
        "started_on": "2025-05-01",
        **fields,
    }
    return client.post(reverse("admin:organizations_post_add"), data)


def test_post_ending_before_it_starts_is_refused_in_admin(
    client, world, street_staff, no_post_user
):
    client.force_login(street_staff)
    response = add_deputy(client, no_post_user, world.branch_c, ended_on="2025-04-30")
    assert response.status_code == 200
    assert "ended_on" in response.context["adminform"].form.errors
    assert not Post.objects.filter(user=no_post_user).exists()


def test_street_staff_appoint_a_secretary_through_admin(client, world, street_staff, no_post_user):
    client.force_login(street_staff)
    response = add_deputy(client, no_post_user, world.branch_c)
    assert response.status_code == 302
    assert Post.objects.filter(user=no_post_user, organization=world.branch_c).exists()


@pytest.mark.parametrize(
    "url",
    [
        "admin:accounts_user_changelist",
        "admin:policies_policy_changelist",
        "admin:reminders_sweeprun_changelist",
    ],
)
def test_system_wide_admin_screens_are_for_superusers_only(
    client, world, street_staff, superuser, url
):
    client.force_login(street_staff)
    assert client.get(reverse(url)).status_code == 403
    client.force_login(superuser)
    assert client.get(reverse(url)).status_code == 200


def test_admin_lists_every_model_for_superuser(client, world, superuser):
    from django.contrib import admin

    client.force_login(superuser)
    for model in admin.site._registry:
        meta = model._meta
        response = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert response.status_code == 200, meta.label


def test_admin_sidebar_filters_offer_only_what_is_in_scope(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("admin:organizations_organization_changelist"))
    content = response.content.decode()
    assert world.street2.name not in content
    assert world.community2.community.name not in content
