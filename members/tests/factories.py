"""Factory of members on the roll for the tests of every app."""

import datetime

import factory

from members.idnumber import make_id_number
from members.models import Member, MemberStatus


class MemberFactory(factory.django.DjangoModelFactory):
    """Pass ``organization=`` (a branch). The ID number matches the birth date and gender."""

    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"党员{n}")
    gender = "M"
    birth_date = datetime.date(1980, 5, 17)
    id_number = factory.LazyAttributeSequence(
        lambda o, n: make_id_number(
            "320102", o.birth_date, (n % 500) * 2 + (1 if o.gender == "M" else 0)
        )
    )
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    status = MemberStatus.FULL
    joined_on = datetime.date(2005, 7, 1)
    full_member_on = datetime.date(2006, 7, 1)
    grid_cell = factory.LazyAttribute(lambda o: o.organization.grid_cell)
