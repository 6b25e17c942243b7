"""The access log's entries of members: unmaskings (with the member's street) and exports
(with the file name); organizations.tests.test_access_log tests the log itself."""

from django.urls import reverse

from members.models import SensitiveAccess
from members.services.roll import sensitive_access_log, sensitive_values_reveal
from members.tests.factories import MemberFactory
from organizations.models import AccessEvent, AccessKind


def _events(kind):
    return list(AccessEvent.objects.filter(kind=kind))


def test_an_unmasking_is_logged_with_the_members_street(world, secretary_a):
    member = MemberFactory(organization=world.branch_a, name="张三")
    sensitive_values_reveal(actor=secretary_a, member=member, channel="page")
    (event,) = _events(AccessKind.UNMASK)
    assert event.street == world.street1
    assert event.what == f"member #{member.pk} 张三: id_number,phone (page)"
    assert SensitiveAccess.objects.count() == 1


def test_a_bulk_unmasking_is_one_entry_per_street(world, superuser):
    members = [
        *MemberFactory.create_batch(3, organization=world.branch_a),
        MemberFactory(organization=world.branch_d),
    ]
    sensitive_access_log(actor=superuser, members=members, channel="export")
    events = {e.street: e.what for e in _events(AccessKind.UNMASK)}
    assert events[world.street1] == "3 members: id_number,phone (export)"
    assert events[world.street2].startswith(f"member #{members[3].pk} ")


def test_an_export_is_logged_with_its_file_name(client, world, secretary_a):
    MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.get(reverse("members:import_members_export"))
    assert response.status_code == 200
    (event,) = _events(AccessKind.EXPORT)
    assert (event.user, event.street) == (secretary_a, world.street1)
    assert event.what.endswith(".xlsx")
