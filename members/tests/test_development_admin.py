"""Admin of development records: scoped, person data correctable, stage moves not."""

import datetime

from django.urls import reverse

from members.models import DevelopmentRecord, Stage
from members.tests.support.development import record_at

D = datetime.date
CHANGELIST = reverse("admin:members_developmentrecord_changelist")


def change_url(record):
    return reverse("admin:members_developmentrecord_change", args=[record.pk])


def form_data(record, **changes):
    data = {
        "name": record.name,
        "gender": record.gender,
        "birth_date": record.birth_date.isoformat(),
        "ethnicity": record.ethnicity,
        "education": record.education,
        "id_number": record.id_number,
        "phone": record.phone,
        "address": record.address,
        "workplace": record.workplace,
        "grid_cell": "",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_admin_lists_only_the_records_of_the_scope(client, world, secretary_a):
    mine = record_at(world.branch_a)
    other = record_at(world.branch_b)
    client.force_login(secretary_a)
    response = client.get(CHANGELIST)
    assert set(response.context["cl"].queryset) == {mine}
    assert client.get(change_url(other)).status_code == 404
    assert client.get(change_url(other).replace("change/", "history/")).status_code == 404


def test_admin_cannot_add_records_or_change_the_stage(client, world, secretary_a):
    record = record_at(world.branch_a, Stage.ACTIVIST)
    client.force_login(secretary_a)
    assert client.get(reverse("admin:members_developmentrecord_add")).status_code == 403
    response = client.post(
        change_url(record),
        form_data(record, name="改名", stage="full", **{"reviews-INITIAL_FORMS": "0"}),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.name, record.stage) == ("改名", Stage.ACTIVIST)


def test_admin_refuses_a_birth_date_that_disagrees_with_the_id_number(client, world, secretary_a):
    record = record_at(world.branch_a)
    client.force_login(secretary_a)
    response = client.post(change_url(record), form_data(record, birth_date="1995-05-18"))
    assert response.status_code == 200
    assert "birth_date" in response.context["adminform"].form.errors
    assert DevelopmentRecord.objects.get(pk=record.pk).birth_date == D(1995, 5, 17)
