"""Roll pages through their URLs: the list with search and filters, the detail with reveal, and
adding and editing a member; scoped and at a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from members.models import DuesRecord, Member, SensitiveAccess
from members.tests.factories import MemberFactory
from organizations.tests.factories import PostFactory


@pytest.fixture
def roll(world):
    return {
        "a": [
            MemberFactory(organization=world.branch_a, name=n) for n in ("张三丰", "李四", "王五")
        ],
        "b": [MemberFactory(organization=world.branch_b, name="赵六")],
        "d": [MemberFactory(organization=world.branch_d, name="钱七")],
    }


def names(response):
    return {m.name for m in response.context["page"].object_list}


def test_secretary_lists_only_their_branch(client, roll, secretary_a):
    client.force_login(secretary_a)
    assert names(client.get(reverse("members:list"))) == {"张三丰", "李四", "王五"}


def test_street_staff_list_their_street_only(client, roll, street_staff):
    client.force_login(street_staff)
    assert names(client.get(reverse("members:list"))) == {"张三丰", "李四", "王五", "赵六"}


@pytest.mark.parametrize(
    ("query", "expected"), [("zsf", {"张三丰"}), ("三丰", {"张三丰"}), ("ZS", {"张三丰"})]
)
def test_search_by_name_or_pinyin_initials(client, roll, secretary_a, query, expected):
    client.force_login(secretary_a)
    assert names(client.get(reverse("members:list"), {"q": query})) == expected


def test_search_by_last_digits_of_the_id_number(client, roll, secretary_a):
    member = roll["a"][1]
    client.force_login(secretary_a)
    assert names(client.get(reverse("members:list"), {"q": member.id_number[-4:]})) == {"李四"}
    assert names(client.get(reverse("members:list"), {"q": member.id_number[-6:]})) == {"李四"}


def test_list_masks_id_numbers_and_phones(client, roll, secretary_a):
    client.force_login(secretary_a)
    content = client.get(reverse("members:list")).content.decode()
    for member in roll["a"]:
        assert member.id_number not in content
        assert member.phone not in content
        assert member.id_number[:4] + "**********" + member.id_number[-4:] in content


def test_filter_by_arrears(client, roll, secretary_a, time_machine):
    time_machine.move_to("2025-06-10 09:00 +08:00")
    late = roll["a"][0]
    DuesRecord.objects.create(
        member=late, month=datetime.date(2025, 5, 1), category="employed", expected=10
    )
    DuesRecord.objects.create(
        member=roll["a"][1], month=datetime.date(2025, 6, 1), category="employed", expected=10
    )  # this month: not yet arrears
    client.force_login(secretary_a)
    assert names(client.get(reverse("members:list"), {"arrears": "true"})) == {late.name}


def test_filter_by_organization_outside_scope_is_a_form_error(client, roll, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("members:list"), {"organization": world.branch_b.pk})
    assert "organization" in response.context["filter"].errors


def test_detail_is_404_outside_the_scope(client, roll, secretary_a):
    client.force_login(secretary_a)
    assert client.get(reverse("members:detail", args=[roll["a"][0].pk])).status_code == 200
    assert client.get(reverse("members:detail", args=[roll["b"][0].pk])).status_code == 404


def test_anonymous_is_sent_to_log_in(client, roll):
    response = client.get(reverse("members:detail", args=[roll["a"][0].pk]))
    assert response.status_code == 302 and "login" in response.url


def test_reveal_is_logged_and_shows_the_full_values(client, roll, secretary_a):
    member = roll["a"][0]
    client.force_login(secretary_a)
    response = client.post(reverse("members:reveal", args=[member.pk]))
    assert response.status_code == 200
    assert member.id_number in response.content.decode()
    log = SensitiveAccess.objects.get()
    assert (log.user, log.member, log.channel) == (secretary_a, member, "page")


def test_view_only_role_cannot_reveal(client, roll, world):
    viewer = PostFactory(organization=world.branch_a, role="committee_member").user
    client.force_login(viewer)
    assert client.post(reverse("members:reveal", args=[roll["a"][0].pk])).status_code == 403
    assert not SensitiveAccess.objects.exists()


def test_reveal_needs_post(client, roll, secretary_a):
    client.force_login(secretary_a)
    assert client.get(reverse("members:reveal", args=[roll["a"][0].pk])).status_code == 405


def new_member_form(world, **change) -> dict:
    """The add form filled in for a valid full member of branch A, with ``change`` applied."""
    return {
        "name": "孙八",
        "gender": "F",
        "birth_date": "1990-03-07",
        "ethnicity": "汉族",
        "id_number": "51010419900307004X",
        "employment": "employed",
        "status": "full",
        "joined_on": "2015-07-01",
        "full_member_on": "2016-07-01",
        "organization": world.branch_a.pk,
        **change,
    }


def test_secretary_adds_a_member(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(reverse("members:add"), new_member_form(world))
    assert response.status_code == 302, response.context["form"].errors
    member = Member.objects.get(name="孙八")
    assert member.name_initials == "sb" and member.id_last4 == "004X"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id_number": "510104199003070041"}, "id_number"),
        ({"birth_date": "1990-03-08"}, "birth_date"),
        ({"gender": "M"}, "gender"),
        ({"joined_on": "2099-07-01"}, "joined_on"),
        ({"status": "probationary"}, "__all__"),
    ],
)
def test_bad_member_input_names_the_field_and_saves_nothing(
    client, world, secretary_a, change, field
):
    client.force_login(secretary_a)
    data = new_member_form(world, **change)
    with translation.override("en"):
        response = client.post(reverse("members:add"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Member.objects.exists()


def test_mistyped_id_number_shows_only_the_check_character_error(client, world, secretary_a):
    # The mistyped digit is the sequence code's last one, which also carries the gender:
    # only the check character is worth reporting, not a gender that "disagrees".
    client.force_login(secretary_a)
    data = new_member_form(world, id_number="51010419900307005X")
    with translation.override("en"):
        response = client.post(reverse("members:add"), data)
    errors = response.context["form"].errors
    assert set(errors) == {"id_number"}
    assert "8" in errors["id_number"][0] and "X" in errors["id_number"][0]
    assert not Member.objects.exists()


def test_duplicate_id_number_is_refused(client, roll, world, secretary_a):
    existing = roll["d"][0]
    client.force_login(secretary_a)
    response = client.post(
        reverse("members:add"),
        {
            "name": "重复",
            "gender": existing.gender,
            "birth_date": existing.birth_date.isoformat(),
            "id_number": existing.id_number,
            "ethnicity": "汉族",
            "employment": "employed",
            "status": "full",
            "joined_on": "2015-07-01",
            "full_member_on": "2016-07-01",
            "organization": world.branch_a.pk,
        },
    )
    assert "id_number" in response.context["form"].errors
    assert not Member.objects.filter(name="重复").exists()


def test_secretary_cannot_add_to_another_branch(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(reverse("members:add"), {"organization": world.branch_b.pk, "name": "x"})
    assert "organization" in response.context["form"].errors


def test_edit_logs_the_unmasking_and_keeps_the_branch(client, roll, world, secretary_a):
    member = roll["a"][0]
    client.force_login(secretary_a)
    assert client.get(reverse("members:edit", args=[member.pk])).status_code == 200
    assert SensitiveAccess.objects.filter(member=member, user=secretary_a).count() == 1
    response = client.post(
        reverse("members:edit", args=[member.pk]),
        {
            **{
                f: getattr(member, f)
                for f in (
                    "name",
                    "gender",
                    "ethnicity",
                    "id_number",
                    "phone",
                    "employment",
                    "status",
                )
            },
            "birth_date": member.birth_date.isoformat(),
            "joined_on": member.joined_on.isoformat(),
            "full_member_on": member.full_member_on.isoformat(),
            "address": "梅园路3号",
            "organization": world.branch_b.pk,  # disabled field: ignored
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.address == "梅园路3号" and member.organization == world.branch_a


def test_list_query_count_does_not_grow(client, world, secretary_a, django_assert_num_queries):
    for _ in range(3):
        MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:list")
    client.get(url)
    with django_assert_num_queries(11) as small:
        client.get(url)
    for _ in range(60):
        MemberFactory(organization=world.branch_a)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"arrears": "true", "training_short": "true"})
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 50


def test_detail_query_count_does_not_grow_with_history(
    client, world, secretary_a, django_assert_num_queries
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:detail", args=[member.pk])
    client.get(url)
    # the timeline has one query per provider: stages, dues, training, transfers, activities;
    # the Changes card one
    with django_assert_num_queries(17) as small:
        client.get(url)
    for month in range(1, 13):
        DuesRecord.objects.create(
            member=member,
            month=datetime.date(2024, month, 1),
            category="employed",
            expected=10,
            paid=10,
            paid_on=datetime.date(2024, month, 5),
        )
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["timeline"]) == 14


def test_members_who_left_are_hidden_unless_asked(client, roll, secretary_a):
    gone = roll["a"][2]
    gone.left_on, gone.left_reason = datetime.date(2024, 1, 1), "transferred out"
    gone.save()
    client.force_login(secretary_a)
    assert gone.name not in names(client.get(reverse("members:list")))
    assert gone.name in names(client.get(reverse("members:list"), {"include_left": "true"}))
