"""Helpers of the activity tests: real tiny photos and PDFs, uploads, the secretary of a branch
with a member account, the pages' URLs, form and API data, a member away, the ledger's rows,
the type mix's counts."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from accounts.tests.factories import UserFactory
from activities.models import ActivityStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, activity_type
from members.models import MobileMember
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


def url(name, *args, **query):
    address = reverse(f"activities:{name}", args=args)
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def away(member, since=datetime.date(2026, 6, 1)):
    return MobileMember.objects.create(
        organization=member.organization,
        direction="out",
        category="migrant_worker",
        member=member,
        whereabouts="深圳",
        away_since=since,
    )


def form_data(organization, code="branch_general_meeting", **fields):
    return {
        "organization": organization.pk,
        "activity_type": activity_type(code).pk,
        "status": "held",
        "held_on": "2026-11-26",
        "topic": "学习二十大精神",
        "place": "党群服务中心",
        "form": "discussion",
        **fields,
    }


def payload(organization, code="branch_general_meeting", **fields):
    return {
        "organization": organization.pk,
        "activity_type": activity_type(code).pk,
        "status": "held",
        "held_on": "2026-11-20",
        "topic": "学习党章",
        **fields,
    }


def sheet(response) -> list[tuple]:
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    return list(workbook.active.iter_rows(values_only=True))


def attended(member, held_on, status="present", activity_status=ActivityStatus.HELD, **kwargs):
    activity = ActivityFactory(
        organization=member.organization, held_on=held_on, status=activity_status, **kwargs
    )
    return AttendanceFactory(activity=activity, member=member, status=status)


def held(org, code="themed_party_day", form="reading", day=datetime.date(2026, 11, 10), **kw):
    return ActivityFactory(
        organization=org, activity_type=activity_type(code), form=form, held_on=day, **kw
    )


def counts(rows):
    return {row.code: row.count for row in rows if row.count}
