"""The user: how a person is named, and which phone numbers are accepted."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import User, phone_validator


def test_a_user_with_a_full_name_is_shown_by_name_and_username():
    user = User(username="zhoumin", full_name="周敏")
    assert str(user) == "周敏 (zhoumin)"
    assert user.get_full_name() == user.get_short_name() == "周敏"


def test_a_user_without_a_full_name_falls_back_on_the_username():
    user = User(username="zhoumin")
    assert str(user) == "zhoumin"
    assert user.get_full_name() == user.get_short_name() == "zhoumin"


@pytest.mark.parametrize(
    "phone",
    ["13800138000", "025-84561234", "02584561234", "0571-1234567", "010-12345678"],
)
def test_mobile_numbers_and_landlines_are_accepted(phone):
    phone_validator(phone)


@pytest.mark.parametrize(
    "phone",
    [
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "23800138000",  # a mobile number starts with 1
        "025-845612",  # a landline of 6 digits
        "025-845612345",  # of 9
        "+8613800138000",
        "138 0013 8000",
        "",
    ],
)
def test_other_phone_numbers_are_refused(phone):
    with pytest.raises(ValidationError):
        phone_validator(phone)


@pytest.mark.django_db
def test_the_phone_is_optional_but_checked_when_given():
    user = User(username="someone")
    user.set_password("correct-horse-battery")
    user.full_clean()
    user.phone = "12345"
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert list(refused.value.message_dict) == ["phone"]
