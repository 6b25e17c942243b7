"""The reminder inbox: a user sees and marks only their own reminders."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from organizations.models import Organization
from reminders.models import Reminder, ReminderState


def reminder(recipient, organization, *, period="2025-05", state=ReminderState.OPEN):
    return Reminder.objects.create(
        kind="test.branch",
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=organization.pk,
        period=period,
        recipient=recipient,
        organization=organization,
        due_on=datetime.date(2025, 5, 10),
        state=state,
    )


def listed(response) -> list[Reminder]:
    return list(response.context["page"].object_list)


def test_the_inbox_lists_the_users_open_and_read_reminders_only(
    client, world, secretary_a, secretary_b
):
    mine = reminder(secretary_a, world.branch_a)
    read = reminder(secretary_a, world.branch_a, period="2025-04", state=ReminderState.READ)
    reminder(secretary_a, world.branch_a, period="2025-03", state=ReminderState.DONE)
    reminder(secretary_b, world.branch_b)
    client.force_login(secretary_a)

    response = client.get(reverse("reminders:inbox"))

    assert set(listed(response)) == {mine, read}


def test_the_inbox_filters_by_one_state(client, world, secretary_a):
    reminder(secretary_a, world.branch_a)
    done = reminder(secretary_a, world.branch_a, period="2025-03", state=ReminderState.DONE)
    client.force_login(secretary_a)

    response = client.get(reverse("reminders:inbox"), {"state": ReminderState.DONE})

    assert listed(response) == [done]


def test_marking_a_reminder_read_stamps_it_and_goes_back_to_the_inbox(client, world, secretary_a):
    mine = reminder(secretary_a, world.branch_a)
    client.force_login(secretary_a)

    response = client.post(reverse("reminders:read", args=[mine.pk]))

    assert response.status_code == 302 and response.url == reverse("reminders:inbox")
    mine.refresh_from_db()
    assert mine.state == ReminderState.READ and mine.read_at is not None


def test_another_users_reminder_is_missing_and_stays_unread(
    client, world, secretary_a, secretary_b
):
    theirs = reminder(secretary_b, world.branch_b)
    client.force_login(secretary_a)

    assert client.post(reverse("reminders:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == ReminderState.OPEN


def test_marking_read_takes_a_post_only(client, world, secretary_a):
    mine = reminder(secretary_a, world.branch_a)
    client.force_login(secretary_a)
    assert client.get(reverse("reminders:read", args=[mine.pk])).status_code == 405


def test_the_navigation_bar_counts_unread_reminders(client, world, secretary_a):
    reminder(secretary_a, world.branch_a)
    reminder(secretary_a, world.branch_a, period="2025-04", state=ReminderState.READ)
    client.force_login(secretary_a)

    response = client.get(reverse("reminders:inbox"))

    assert response.context["unread_reminder_count"]() == 1
