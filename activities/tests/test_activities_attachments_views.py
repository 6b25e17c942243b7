"""An activity's attachments on its pages: download in scope, adding and removing."""

import pytest

from activities.services.activities import attachment_add
from activities.tests.factories import ActivityFactory
from activities.tests.support.activities import jpeg, pdf, upload, url


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_the_download_is_scoped_and_served_with_its_stored_type(
    client, world, secretary_a, secretary_b
):
    activity = ActivityFactory(organization=world.branch_a)
    photo = attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg("现场.jpg"))
    client.force_login(secretary_a)
    response = client.get(url("activity_attachment", photo.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    download = client.get(url("activity_attachment", photo.pk, download=1))
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(secretary_b)
    assert client.get(url("activity_attachment", photo.pk)).status_code == 404


def test_adding_and_removing_attachments_on_the_page(client, world, secretary_a, reader_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    client.post(url("activity_attachment_add", activity.pk), {"attachments": [jpeg(), pdf()]})
    assert activity.attachments.count() == 2
    response = client.post(
        url("activity_attachment_add", activity.pk),
        {"attachments": [upload("notes.pdf", b"just text, not a pdf")]},
        follow=True,
    )
    assert "notes.pdf is not a photo" in " ".join(str(m) for m in response.context["messages"])
    assert activity.attachments.count() == 2
    attachment = activity.attachments.first()
    client.force_login(reader_a)
    assert client.post(url("activity_attachment_delete", attachment.pk)).status_code == 403
    client.force_login(secretary_a)
    assert client.post(url("activity_attachment_delete", attachment.pk)).status_code == 302
    assert activity.attachments.count() == 1


def test_a_download_of_a_missing_attachment_is_a_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url("activity_attachment", 999999)).status_code == 404
