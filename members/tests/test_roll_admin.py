"""The roll in the admin: scoped, unmasking logged, full values hidden from view-only roles."""

from django.urls import reverse

from members.models import SensitiveAccess
from members.tests.factories import MemberFactory
from organizations.tests.factories import PostFactory


def test_admin_member_pages_are_scoped(client, world, secretary_a):
    mine = MemberFactory(organization=world.branch_a)
    other = MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    listed = set(client.get(reverse("admin:members_member_changelist")).context["cl"].queryset)
    assert listed == {mine}
    assert client.get(reverse("admin:members_member_change", args=[other.pk])).status_code == 404


def test_admin_change_form_logs_the_unmasking(client, world, secretary_a):
    mine = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.get(reverse("admin:members_member_change", args=[mine.pk]))
    assert mine.id_number in response.content.decode()
    assert SensitiveAccess.objects.filter(member=mine, channel="admin").count() == 1


def test_admin_hides_full_values_from_view_only_roles(client, world):
    mine = MemberFactory(organization=world.branch_a)
    viewer = PostFactory(
        organization=world.branch_a, role="committee_member", user__is_staff=True
    ).user
    client.force_login(viewer)
    response = client.get(reverse("admin:members_member_change", args=[mine.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert mine.id_number not in content and mine.phone not in content
    assert not SensitiveAccess.objects.exists()


def test_unmasking_log_is_for_superusers(client, world, secretary_a, superuser):
    client.force_login(secretary_a)
    assert client.get(reverse("admin:members_sensitiveaccess_changelist")).status_code == 403
    client.force_login(superuser)
    assert client.get(reverse("admin:members_sensitiveaccess_changelist")).status_code == 200


def test_the_history_masks_past_id_numbers_and_phones_and_logs_a_past_form(
    client, world, secretary_a
):
    mine = MemberFactory(organization=world.branch_a)
    old_id, old_phone = mine.id_number, mine.phone
    mine.id_number, mine.phone = "110101199003070011", "13600001111"
    mine.save()
    viewer = PostFactory(
        organization=world.branch_a, role="committee_member", user__is_staff=True
    ).user
    for user in (viewer, secretary_a):
        client.force_login(user)
        response = client.get(reverse("admin:members_member_history", args=[mine.pk]))
        assert response.status_code == 200
        content = response.content.decode()
        for value in (old_id, old_phone, mine.id_number, mine.phone):
            assert value not in content
        assert "1101**********0011" in content
    assert not SensitiveAccess.objects.exists()
    version = mine.history.earliest()
    url = reverse("admin:members_member_simple_history", args=[mine.pk, version.history_id])
    client.force_login(viewer)
    content = client.get(url).content.decode()
    assert old_id not in content and old_phone not in content
    assert not SensitiveAccess.objects.exists()
    client.force_login(secretary_a)
    assert old_id in client.get(url).content.decode()
    assert SensitiveAccess.objects.filter(member=mine, channel="admin").count() == 1
