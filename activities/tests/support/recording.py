"""Helpers of the activity service tests: their day, an activity's data, recording one, a
refusal's messages, and a photo as a phone takes it."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from activities.models import ActivityStatus
from activities.services.activities import activity_record
from activities.tests.factories import activity_type

TODAY = datetime.date(2026, 11, 26)


TOMORROW = TODAY + datetime.timedelta(days=1)


def data(code="branch_general_meeting", **fields):
    return {
        "activity_type": activity_type(code),
        "status": ActivityStatus.HELD,
        "held_on": TODAY,
        "topic": "学习党章",
        "place": "党群服务中心",
        **fields,
    }


def record(user, organization, attendance=(), attachments=(), **fields):
    return activity_record(
        user=user,
        organization=organization,
        data=data(**fields),
        attendance=attendance,
        attachments=attachments,
    )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def photo_with_location() -> bytes:
    """A JPEG as a phone takes it: lying on its side (orientation 6) with the place in EXIF."""

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° to show it upright
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 14.0, 2.5)  # latitude
    gps[3], gps[4] = "E", (121.0, 28.0, 7.1)  # longitude
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (183, 28, 28)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()
