"""Attachments are judged by their content, never by their name."""

import pytest
from django.core.exceptions import ValidationError

from activities.attachments import MB, check_count, validate_upload
from activities.models import AttachmentKind
from activities.rules import ATTACHMENT_MAX_MB, ATTACHMENTS_PER_ACTIVITY
from activities.tests.support.activities import PDF, image_bytes, jpeg, pdf, png, upload, webp
from policies.models import Policy

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (jpeg, (AttachmentKind.IMAGE, "image/jpeg")),
        (png, (AttachmentKind.IMAGE, "image/png")),
        (webp, (AttachmentKind.IMAGE, "image/webp")),
        (pdf, (AttachmentKind.PDF, "application/pdf")),
    ],
)
def test_real_photos_and_pdfs_are_accepted(make, expected):
    assert validate_upload(make()) == expected


def test_the_name_does_not_matter_only_the_content():
    # a real PNG called .pdf is a PNG; its stored type comes from the content
    assert validate_upload(upload("scan.pdf", image_bytes("PNG"))) == (
        AttachmentKind.IMAGE,
        "image/png",
    )


def test_an_exe_renamed_jpg_is_refused_naming_the_file(english):
    exe = upload("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "image/jpeg")
    with pytest.raises(ValidationError) as error:
        validate_upload(exe)
    assert "photo.jpg is not a photo (JPEG, PNG, WebP) or a PDF document" in error.value.messages[0]


def test_a_text_file_renamed_pdf_is_refused(english):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("minutes.pdf", "会议记录".encode() * 50, "application/pdf"))
    assert "minutes.pdf is not a photo" in error.value.messages[0]


def test_a_truncated_jpeg_is_refused(english):
    whole = image_bytes("JPEG", size=(64, 64))
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("cut.jpg", whole[: len(whole) // 2], "image/jpeg"))
    assert "cut.jpg is not a readable photo" in error.value.messages[0]


def test_a_jpeg_header_on_garbage_is_refused(english):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("fake.jpg", b"\xff\xd8\xff\xe0" + b"not a picture" * 20))
    assert "fake.jpg is not a readable photo" in error.value.messages[0]


def test_a_pdf_without_its_end_is_refused(english):
    with pytest.raises(ValidationError) as error:
        validate_upload(upload("half.pdf", PDF[: len(PDF) - 8]))
    assert "half.pdf is not a complete PDF document" in error.value.messages[0]


def test_a_30_mb_photo_is_refused_before_it_is_decoded(english, monkeypatch):
    decoded = []
    monkeypatch.setattr("activities.attachments._check_image", lambda *args: decoded.append(args))
    big = upload("big.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * (30 * MB))
    with pytest.raises(ValidationError) as error:
        validate_upload(big)
    assert error.value.messages == ["big.jpg is 30.0 MB; a photo or PDF may be at most 10 MB."]
    assert decoded == []


def test_the_size_limit_is_the_administrators(english):
    Policy.objects.update_or_create(key=ATTACHMENT_MAX_MB.key, defaults={"value": 1})
    almost = upload("a.pdf", PDF + b"\n" * (MB - len(PDF) - 10) + b"%%EOF\n")
    assert almost.size < MB and validate_upload(almost)[0] == AttachmentKind.PDF
    over = upload("b.pdf", PDF + b"\n" * MB + b"%%EOF\n")
    with pytest.raises(ValidationError, match="at most 1 MB"):
        validate_upload(over)


def test_an_empty_file_is_refused(english):
    with pytest.raises(ValidationError, match="empty.jpg is empty"):
        validate_upload(upload("empty.jpg", b""))


def test_the_number_of_attachments_is_limited(english):
    Policy.objects.update_or_create(key=ATTACHMENTS_PER_ACTIVITY.key, defaults={"value": 3})
    check_count(2, 1)
    with pytest.raises(ValidationError, match="at most 3 attachments"):
        check_count(2, 2)
