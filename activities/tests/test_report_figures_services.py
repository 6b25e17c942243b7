"""Monthly and quarterly summaries: the figures regenerated from the records, when they
may be drafted and submitted, and the fingerprint of a resubmission."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from activities.models import ActivityStatus, AttendanceStatus, Exemption, ReportKind, ReportState
from activities.services import reports as services
from activities.tests.factories import activity_type
from activities.tests.support.reports import activity_of, attend, summary_of
from members.models import MobileMember
from members.tests.factories import MemberFactory

D = datetime.date


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 09:00 +08:00")


@pytest.fixture
def november(world):
    """Branch A in November: a themed party day, its group's meeting and a volunteer
    service; one member away as a mobile member missed the party day. Around them,
    records that a November summary of A leaves out."""
    m1, m2, m3, away = (MemberFactory(organization=world.branch_a) for _ in range(4))
    MobileMember.objects.create(
        organization=world.branch_a,
        direction="out",
        category="migrant_worker",
        member=away,
        whereabouts="苏州",
        away_since=D(2026, 1, 1),
    )
    day = activity_of(world.branch_a, held_on=D(2026, 11, 10))
    attend(day, m1)
    attend(day, m2, AttendanceStatus.LEAVE)
    attend(day, m3, AttendanceStatus.ABSENT)
    attend(day, away, AttendanceStatus.ABSENT)
    group = activity_of(world.group_a, "party_group_meeting", held_on=D(2026, 11, 12))
    attend(group, m1)
    service = activity_of(
        world.branch_a, "volunteer_service", held_on=D(2026, 11, 15), people_served=30
    )
    attend(service, m1, hours=Decimal("2.5"))
    attend(service, m2, hours=Decimal("1.5"))
    october = activity_of(world.branch_a, held_on=D(2026, 10, 10))
    activity_of(world.branch_a, status=ActivityStatus.PLANNED, held_on=D(2026, 11, 28))
    activity_of(world.branch_b, held_on=D(2026, 11, 10))
    return {"day": day, "group": group, "service": service, "october": october}


def test_a_monthly_summary_counts_the_records_of_the_month(world, secretary_a, november):
    summary = summary_of(world.branch_a, secretary_a).summary
    assert (summary["period"], summary["start"], summary["end"]) == (
        "2026-11",
        "2026-11-01",
        "2026-11-30",
    )
    assert summary["activity_ids"] == [
        november["day"].pk,
        november["group"].pk,
        november["service"].pk,
    ]
    assert [(row["code"], row["count"]) for row in summary["by_type"]] == [
        ("party_group_meeting", 1),
        ("themed_party_day", 1),
        ("volunteer_service", 1),
    ]
    # the away member who missed the party day is not expected
    assert summary["attendance"] == {
        "present": 4,
        "leave": 1,
        "absent": 1,
        "away": 1,
        "expected": 6,
        "rate": 0.6667,
    }
    assert summary["service"] == {"hours": "4.0", "people_served": 30}
    assert [(r["code"], r["period"], r["state"], r["held"]) for r in summary["required"]] == [
        ("themed_party_day", "2026-11", "held", 1)
    ]
    assert summary["required_totals"]["held"] == 1


def test_a_quarterly_summary_has_its_months_and_its_quarter(world, secretary_a, november):
    report = summary_of(
        world.branch_a, secretary_a, kind=ReportKind.QUARTERLY, period_start=D(2026, 10, 1)
    )
    summary = report.summary
    assert summary["period"] == "2026-Q4" and summary["activities"] == 4
    assert november["october"].pk in summary["activity_ids"]
    required = {(r["code"], r["period"]): r["state"] for r in summary["required"]}
    assert required == {
        ("branch_general_meeting", "2026-Q4"): "due",
        ("party_lesson", "2026-Q4"): "due",
        ("themed_party_day", "2026-10"): "held",
        ("themed_party_day", "2026-11"): "held",
        ("themed_party_day", "2026-12"): "not_started",
    }
    assert "2026-Q4" in report.title


def test_exempt_and_missing_requirements(world, secretary_b):
    Exemption.objects.create(
        organization=world.branch_b,
        activity_type=activity_type("themed_party_day"),
        starts_on=D(2026, 9, 1),
        ends_on=D(2026, 9, 30),
        reason="支部换届",
    )
    september = summary_of(world.branch_b, secretary_b, period_start=D(2026, 9, 1)).summary
    assert [(r["state"], r["exemption"]) for r in september["required"]] == [("exempt", "支部换届")]
    october = summary_of(world.branch_b, secretary_b, period_start=D(2026, 10, 1)).summary
    assert [r["state"] for r in october["required"]] == ["missing"]
    assert october["required_totals"]["missing"] == 1
    assert october["attendance"]["rate"] is None and october["activities"] == 0


def test_a_summary_of_a_period_not_started_is_refused(world, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        summary_of(world.branch_a, secretary_a, period_start=D(2026, 12, 1))
    assert error.value.message_dict["period_start"] == [
        "This period has not started: a summary can be drafted from 2026-12-01."
    ]


def test_a_period_starts_on_the_first_day_of_its_month_or_quarter(world, secretary_a, english):
    with pytest.raises(ValidationError) as error:
        summary_of(
            world.branch_a, secretary_a, kind=ReportKind.QUARTERLY, period_start=D(2026, 11, 1)
        )
    assert "first day of a month or quarter" in " ".join(error.value.message_dict["period_start"])


def test_one_summary_per_organization_and_period(world, secretary_a, english):
    summary_of(world.branch_a, secretary_a)
    with pytest.raises(ValidationError) as error:
        summary_of(world.branch_a, secretary_a)
    assert error.value.message_dict["period_start"] == [
        "This organization already has a summary for this period."
    ]


def test_a_summary_is_submitted_from_the_last_day_of_its_period(
    world, secretary_a, time_machine, english
):
    report = summary_of(world.branch_a, secretary_a)
    time_machine.move_to("2026-11-29 18:00 +08:00")
    with pytest.raises(ValidationError) as error:
        services.report_submit(user=secretary_a, report=report)
    assert error.value.message_dict["period_start"] == [
        "A summary of 2026-11 can be submitted from the last day of the period, 2026-11-30."
    ]
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    time_machine.move_to("2026-11-30 08:00 +08:00")
    assert services.report_submit(user=secretary_a, report=report).state == "submitted"


def test_the_figures_are_regenerated_when_the_remarks_change(world, secretary_a):
    report = summary_of(world.branch_a, secretary_a)
    assert report.summary["activities"] == 0
    activity_of(world.branch_a, held_on=D(2026, 11, 20))
    report = services.report_update(user=secretary_a, report=report, remarks="补记一次活动")
    assert report.summary["activities"] == 1


def test_a_summary_resubmitted_without_a_new_record_or_remark_is_refused(
    world, secretary_b, community_staff, english
):
    report = summary_of(world.branch_b, secretary_b, period_start=D(2026, 10, 1))
    services.report_submit(user=secretary_b, report=report)
    services.report_return(user=community_staff, report=report, comments="十月主题党日未开展")
    with pytest.raises(ValidationError) as error:
        services.report_resubmit(user=secretary_b, report=report)
    assert error.value.message_dict["report"] == [
        "Nothing was corrected since the report was returned"
    ]
    activity_of(world.branch_b, held_on=D(2026, 10, 28))  # the party day recorded late
    report = services.report_resubmit(user=secretary_b, report=report)
    assert report.state == ReportState.SUBMITTED
    assert [r["state"] for r in report.summary["required"]] == ["held"]


def test_submission_is_offered_from_the_last_day_of_the_period(world, secretary_a, time_machine):
    report = summary_of(world.branch_a, secretary_a)
    assert services.available_actions(secretary_a, report) == {"edit"}
    time_machine.move_to("2026-11-30 08:00 +08:00")
    assert services.available_actions(secretary_a, report) == {"edit", "submit"}
