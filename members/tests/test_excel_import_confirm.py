"""The member import confirmed through its URLs: every row or none written, stale previews and
cancelling, and who may import."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members.models import Member
from members.tests.factories import MemberFactory
from members.tests.support.excel import (
    HEADER_EN,
    HEADER_ZH,
    id_number,
    member_row,
    sheet_errors,
    stored_files,
    xlsx_upload,
    zh,
)

UPLOAD = reverse("members:import_members")
CONFIRM = reverse("members:import_members_confirm")
CANCEL = reverse("members:import_members_cancel")
TEMPLATE = reverse("members:import_members_template")


def _upload(client, header, rows, name="members.xlsx"):
    return client.post(UPLOAD, {"file": xlsx_upload(header, rows, name)})


# Confirming


def test_good_rows_preview_then_confirm_adds_exactly_them_in_one_go(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, n) for n in (1, 2, 3)])
    assert 'data-testid="confirm"' in response.content.decode()
    assert len(stored_files(media_root)) == 1
    assert not Member.objects.exists()
    token = response.context["pending"].token
    response = client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:list")
    created = Member.objects.order_by("name")
    assert [(m.name, m.id_number) for m in created] == [
        (f"导入{n}", id_number(n)) for n in (1, 2, 3)
    ]
    first = created[0]
    assert first.organization == world.branch_a
    assert first.grid_cell == world.branch_a.grid_cell
    assert (first.education, first.employment, first.status) == ("bachelor", "employed", "full")
    assert first.history.first().history_user == secretary_a
    assert stored_files(media_root) == []
    # the same preview cannot be confirmed twice
    client.post(CONFIRM, {"token": token})
    assert Member.objects.count() == 3


def test_english_headers_and_labels_are_imported_too(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    row = member_row(
        world.branch_a, 1, gender="male", education="master", employment="retired", status="full"
    )
    response = _upload(client, HEADER_EN, [row])
    assert response.context["sheet"].is_valid
    client.post(CONFIRM, {"token": response.context["pending"].token})
    member = Member.objects.get()
    assert (member.education, member.employment) == ("master", "retired")


def test_confirm_writes_nothing_when_a_row_became_invalid_meanwhile(
    client, world, secretary_a, media_root
):
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, n) for n in (1, 2)])
    someone_else = MemberFactory(organization=world.branch_b, id_number=id_number(2))
    response = client.post(CONFIRM, {"token": response.context["pending"].token})
    assert response.status_code == 200
    assert sheet_errors(response) == [
        (3, "身份证号", zh("A member with this ID number is already registered."))
    ]
    assert 'data-testid="confirm"' not in response.content.decode()
    assert list(Member.objects.all()) == [someone_else]
    assert stored_files(media_root) == []


def test_a_row_failing_at_write_time_rolls_back_the_rows_before_it(
    client, world, secretary_a, media_root, monkeypatch
):
    from members.services import excel_import

    real_create = excel_import.member_create

    def create_then_fail(*, actor, **fields):
        if fields["name"] == "导入3":
            raise ValidationError({"phone": "refused at write time"})
        return real_create(actor=actor, **fields)

    monkeypatch.setattr(excel_import, "member_create", create_then_fail)
    client.force_login(secretary_a)
    response = _upload(client, HEADER_ZH, [member_row(world.branch_a, n) for n in (1, 2, 3)])
    response = client.post(CONFIRM, {"token": response.context["pending"].token})
    assert response.status_code == 200
    assert sheet_errors(response) == [(4, "手机号", "refused at write time")]
    assert not Member.objects.exists()


def test_confirm_with_a_stale_token_or_another_session_saves_nothing(
    client, world, secretary_a, community_staff, media_root
):
    client.force_login(secretary_a)
    token = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1)]).context["pending"].token
    response = client.post(CONFIRM, {"token": "forged"})
    assert response.status_code == 302 and response["Location"] == UPLOAD
    client.force_login(community_staff)  # a new session of another user
    response = client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert not Member.objects.exists()


def test_a_second_upload_replaces_the_first_preview(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    first = _upload(client, HEADER_ZH, [member_row(world.branch_a, 1)]).context["pending"].token
    _upload(client, HEADER_ZH, [member_row(world.branch_a, 2)])
    assert len(stored_files(media_root)) == 1
    client.post(CONFIRM, {"token": first})
    assert not Member.objects.exists()


def test_cancel_removes_the_kept_file(client, world, secretary_a, media_root):
    client.force_login(secretary_a)
    _upload(client, HEADER_ZH, [member_row(world.branch_a, 1)])
    assert len(stored_files(media_root)) == 1
    response = client.post(CANCEL)
    assert response.status_code == 302
    assert stored_files(media_root) == []


# Who may import


@pytest.mark.parametrize("url", [UPLOAD, TEMPLATE])
def test_anonymous_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["committee_member_a", "no_post_user", "grid_worker"])
def test_read_only_roles_and_outsiders_may_not_import(client, world, persona, request, media_root):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(UPLOAD).status_code == 403
    assert client.get(TEMPLATE).status_code == 403
    assert client.post(UPLOAD, {"file": xlsx_upload(HEADER_ZH, [])}).status_code == 403
    assert client.post(CONFIRM, {"token": "x"}).status_code == 403


def test_wrong_methods_are_refused(client, secretary_a):
    client.force_login(secretary_a)
    assert client.get(CONFIRM).status_code == 405
    assert client.get(CANCEL).status_code == 405
