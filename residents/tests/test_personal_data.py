"""Residents' personal data: ID numbers and phones masked on every page; shown in full only to
those who may see them (posts that manage, the cell's grid workers, a problem's reporter and
assignee), and every unmasking logged; the resident's edit form counts as one."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory
from residents.models import NeedCategory, ResidentDataAccess
from residents.services.households import household_save, resident_save
from residents.tests.support.households import household_world
from residents.tests.support.problems import report

pytestmark = pytest.mark.django_db
ID_NUMBER, PHONE = "320102198001011234", "13912345678"


@pytest.fixture
def world():
    return household_world()


@pytest.fixture
def resident(world):
    household = household_save(user=world.staff, data={"grid_cell": world.cell_a, "address": "1号"})
    return resident_save(
        user=world.staff,
        household=household,
        data={"name": "王大爷", "phone": PHONE, "id_number": ID_NUMBER},
        categories=NeedCategory.objects.filter(code="laid_off"),
    )


@pytest.fixture
def reader(world):
    """A committee member of branch A: reads its cell, may not see personal data in full."""
    return PostFactory(organization=world.branch_a, role=Role.COMMITTEE_MEMBER).user


def _household_page(client, user, resident):
    client.force_login(user)
    response = client.get(reverse("residents:household_detail", args=[resident.household_id]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["secretary", "worker", "staff"])
def test_those_who_may_see_in_full_show_it_and_it_is_logged(client, world, resident, who):
    user = getattr(world, who)
    page = _household_page(client, user, resident)
    assert ID_NUMBER not in page and PHONE not in page
    assert "3201**********1234" in page and 'data-testid="resident-show"' in page
    assert not ResidentDataAccess.objects.exists()
    shown = client.post(reverse("residents:resident_show", args=[resident.pk]))
    assert shown.status_code == 200
    assert ID_NUMBER in shown.content.decode() and PHONE in shown.content.decode()
    access = ResidentDataAccess.objects.get()
    assert (access.user, access.resident, access.fields, access.channel) == (
        user,
        resident,
        "id_number,phone",
        "page",
    )


def test_a_reader_sees_masked_data_and_may_not_show_it(client, world, resident, reader):
    page = _household_page(client, reader, resident)
    assert ID_NUMBER not in page and 'data-testid="resident-show"' not in page
    assert client.post(reverse("residents:resident_show", args=[resident.pk])).status_code == 403
    assert client.get(reverse("residents:resident_edit", args=[resident.pk])).status_code == 403
    assert not ResidentDataAccess.objects.exists()


def test_a_resident_of_a_cell_out_of_sight_is_not_found(client, world, resident):
    stranger = UserFactory()
    PostFactory(user=stranger, organization=world.branch_b, role=Role.SECRETARY)
    client.force_login(stranger)
    assert client.post(reverse("residents:resident_show", args=[resident.pk])).status_code == 404
    assert client.get(reverse("residents:resident_edit", args=[resident.pk])).status_code == 404
    assert not ResidentDataAccess.objects.exists()


def test_showing_is_a_post(client, world, resident):
    client.force_login(world.secretary)
    assert client.get(reverse("residents:resident_show", args=[resident.pk])).status_code == 405
    assert not ResidentDataAccess.objects.exists()


def test_the_edit_form_shows_the_data_in_full_and_is_logged(client, world, resident):
    client.force_login(world.secretary)
    response = client.get(reverse("residents:resident_edit", args=[resident.pk]))
    assert response.status_code == 200 and ID_NUMBER in response.content.decode()
    assert ResidentDataAccess.objects.filter(resident=resident, user=world.secretary).count() == 1
    data = {
        "name": "王大爷",
        "gender": "",
        "birth_year": "",
        "id_number": ID_NUMBER,
        "phone": "13800000000",
        "categories": [NeedCategory.objects.get(code="laid_off").pk],
        "needs": "每周探望",
        "status": "active",
    }
    response = client.post(reverse("residents:resident_edit", args=[resident.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    resident.refresh_from_db()
    assert (resident.phone, resident.needs) == ("13800000000", "每周探望")
    # saving shows nothing: no further log row
    assert ResidentDataAccess.objects.count() == 1


def test_a_resident_without_category_is_refused_on_edit(client, world, resident):
    client.force_login(world.secretary)
    data = {"name": "王大爷", "id_number": "", "phone": "", "status": "active", "categories": []}
    response = client.post(reverse("residents:resident_edit", args=[resident.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors["categories"]
    resident.refresh_from_db()
    assert resident.phone == PHONE


def test_a_problems_phone_is_masked_even_for_its_reporter_until_shown(client, world, reader):
    problem = report(world.worker, world.cell_a)
    client.force_login(world.worker)
    page = client.get(reverse("residents:problem_detail", args=[problem.pk])).content.decode()
    assert "13812345678" not in page and "138****5678" in page
    assert 'data-testid="phone-show"' in page
    shown = client.post(reverse("residents:problem_phone_show", args=[problem.pk]))
    assert shown.status_code == 200 and "13812345678" in shown.content.decode()
    access = ResidentDataAccess.objects.get()
    assert (access.user, access.problem, access.fields) == (world.worker, problem, "phone")
    # a reader of the cell sees the problem, masked, without the button
    client.force_login(reader)
    page = client.get(reverse("residents:problem_detail", args=[problem.pk])).content.decode()
    assert "138****5678" in page and 'data-testid="phone-show"' not in page
    assert (
        client.post(reverse("residents:problem_phone_show", args=[problem.pk])).status_code == 403
    )
    assert ResidentDataAccess.objects.count() == 1
