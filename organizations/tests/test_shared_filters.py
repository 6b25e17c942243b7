"""The query-string filters shared by the apps (organizations/filters.py)."""

import datetime

import pytest
from django import forms

from organizations.filters import DateTimeFilter


def test_a_moment_is_taken_to_utc_whatever_its_offset():
    field = DateTimeFilter(field_name="starts_at").field
    # +18:23 is valid ISO 8601 and Python, but out of PostgreSQL's range of offsets
    moment = field.clean("2479-10-30T09:31:08+18:23")
    assert moment == datetime.datetime(2479, 10, 29, 15, 8, 8, tzinfo=datetime.UTC)
    assert moment.utcoffset() == datetime.timedelta(0)


def test_an_empty_moment_filters_nothing_and_a_wrong_one_is_refused():
    field = DateTimeFilter(field_name="starts_at").field
    assert field.clean("") is None
    with pytest.raises(forms.ValidationError):
        field.clean("yesterday")
