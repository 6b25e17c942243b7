"""The dues overview at a common laptop width: the current month must be in view."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from members.dues_table import add_months
from members.models import DuesRecord
from members.tests.factories import MemberFactory
from organizations.tests.factories import branch
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _year_of_dues(organization, current: datetime.date):
    member = MemberFactory(organization=organization, joined_on=datetime.date(2000, 1, 1))
    for n in range(12):
        month = add_months(current, -n)
        DuesRecord.objects.create(
            member=member,
            month=month,
            category="employed",
            income=Decimal("4000"),
            expected=Decimal("40"),
            paid=Decimal("40"),
            paid_on=month + datetime.timedelta(days=2),  # the widest cell: 100% (100%)
        )


def test_the_current_month_is_in_view_at_1366_pixels(page, live_server, world, street_staff):
    # The data and the expectation read today once: the month the data was built for.
    current = timezone.localdate().replace(day=1)
    # Names as long as the demo's, on the rows; every cell filled.
    for organization in (
        world.branch_a,
        branch(world.community1, name="幸福里社区第十二网格党支部"),
        branch(world.community1, name="城东街道新时代文明实践站党支部"),
    ):
        _year_of_dues(organization, current)
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, live_server, "street_staff")
    page.goto("/members/dues/")

    header = page.locator("thead th", has_text=f"{current:%Y-%m}")
    assert header.count() == 1
    box = header.bounding_box()
    frame = page.locator("[data-testid=dues-overview-frame]").bounding_box()
    assert box["x"] >= frame["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
    assert box["x"] + box["width"] <= 1366
    overflow = page.evaluate(
        "() => { const f = document.querySelector('[data-testid=dues-overview-frame]');"
        " return f.scrollWidth - f.clientWidth; }"
    )
    assert overflow <= 0
