"""The appraisal admin: admins edit the grades, others read them; appraisals are read-only and
a secretary opens their branch's only."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from assessment.models import AppraisalGrade
from assessment.tests.support.appraisals import TODAY, grades, opened


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY)


def test_an_admin_renames_a_grade(client, db):
    grade = grades()["basic"]
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:assessment_appraisalgrade_change", args=[grade.pk])
    response = client.post(
        url, {"code": "basic", "name": "基本称职", "order": 3, "is_top": "", "is_failing": ""}
    )
    assert response.status_code == 302
    assert AppraisalGrade.objects.get(pk=grade.pk).name == "基本称职"


def test_a_secretary_reads_their_branchs_appraisal_only(client, world, secretary_a, secretary_b):
    mine, _ = opened(secretary_a, world.branch_a, 1)
    theirs, _ = opened(secretary_b, world.branch_b, 1)
    client.force_login(secretary_a)
    change = "admin:assessment_appraisal_change"
    response = client.get(reverse(change, args=[mine.pk]))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert client.get(reverse(change, args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("admin:assessment_appraisal_changelist")).content.decode()
    assert "A支部" in listing and "B支部" not in listing
    grade = grades()["basic"]
    url = reverse("admin:assessment_appraisalgrade_change", args=[grade.pk])
    response = client.post(url, {"code": "basic", "name": "改", "order": 3})
    assert response.status_code == 403
