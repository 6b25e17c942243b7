"""Attachments of an activity: photos and PDFs checked, stored, limited and removed."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage

from activities.models import Activity, Attachment
from activities.services.activities import attachment_add, attachment_delete, attachments_add
from activities.tests.factories import ActivityFactory
from activities.tests.support.activities import jpeg, pdf, upload
from activities.tests.support.recording import photo_with_location, record, refusal
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_photos_and_pdfs_are_stored_with_the_record(world, secretary_a):
    activity = record(secretary_a, world.branch_a, attachments=[jpeg("现场.jpg"), pdf()])
    stored = list(activity.attachments.order_by("id"))
    assert [(a.kind, a.content_type, a.original_name) for a in stored] == [
        ("image", "image/jpeg", "现场.jpg"),
        ("pdf", "application/pdf", "minutes.pdf"),
    ]
    assert all(default_storage.exists(a.file.name) for a in stored)
    assert stored[0].file.name.endswith(".jpg") and "现场" not in stored[0].file.name


def test_one_bad_file_saves_nothing_at_all(world, secretary_a, english):
    exe = upload("photo.jpg", b"MZ" + b"\x00" * 100)
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": member, "status": "present"}],
            attachments=[jpeg(), exe],
        )
    )
    assert "photo.jpg is not a photo" in errors["attachments"][0]
    assert not Activity.objects.exists() and not Attachment.objects.exists()


def test_the_attachment_count_is_limited(world, secretary_a, english):
    from activities.rules import ATTACHMENTS_PER_ACTIVITY
    from policies.models import Policy

    Policy.objects.update_or_create(key=ATTACHMENTS_PER_ACTIVITY.key, defaults={"value": 2})
    activity = ActivityFactory(organization=world.branch_a)
    attachments_add(user=secretary_a, activity=activity, files=[jpeg(), pdf()])
    errors = refusal(
        lambda: attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg())
    )
    assert errors["attachments"][0].startswith("An activity has at most 2 attachments")


def test_removing_an_attachment_removes_its_file(
    world, secretary_a, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(user=secretary_a, attachment=attachment)
    assert not Attachment.objects.exists() and not default_storage.exists(name)


def test_another_branch_cannot_add_or_remove_attachments(world, secretary_a, secretary_b):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    with pytest.raises(PermissionDenied):
        attachment_add(user=secretary_b, activity=activity, uploaded_file=pdf())
    with pytest.raises(PermissionDenied):
        attachment_delete(user=secretary_b, attachment=attachment)


def test_photos_are_stored_without_their_metadata_and_upright(world, secretary_a):
    from PIL import Image

    from activities.tests.support.activities import upload

    raw = photo_with_location()
    with Image.open(io.BytesIO(raw)) as taken:
        assert taken.getexif().get_ifd(0x8825)  # the place is in the upload
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(
        user=secretary_a, activity=activity, uploaded_file=upload("home.jpg", raw, "image/jpeg")
    )

    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()  # no camera, no time, no place
        assert image.size == (20, 40)  # turned upright as the camera meant
    assert attachment.size == attachment.file.size


def test_pdfs_are_stored_as_they_came(world, secretary_a):
    from activities.tests.support.activities import PDF

    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF
