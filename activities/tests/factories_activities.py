"""Helpers of the activity record tests: real tiny photos and PDFs, uploads, and the
secretary of a branch with a member account."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.tests.factories import UserFactory
from members.tests.factories import MemberFactory

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def image_bytes(fmt: str = "JPEG", size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (183, 28, 28)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg(name: str = "photo.jpg"):
    return upload(name, image_bytes("JPEG"), "image/jpeg")


def png(name: str = "photo.png"):
    return upload(name, image_bytes("PNG"), "image/png")


def webp(name: str = "photo.webp"):
    return upload(name, image_bytes("WEBP"), "image/webp")


def pdf(name: str = "minutes.pdf"):
    return upload(name, PDF, "application/pdf")


def member_with_account(organization, username: str, **kwargs):
    return MemberFactory(organization=organization, user=UserFactory(username=username), **kwargs)
