"""The dues ledger workbook for the Excel import tests: its headers, a row paying June, the
import's URLs and an opened month."""

import datetime
from decimal import Decimal as D

from django.urls import reverse

from members.models import DuesRecord, EmploymentCategory
from members.tests.support.excel import xlsx_upload

HEADER_ZH = [
    "姓名",
    "身份证号",
    "身份证号后四位",
    "月份",
    "人员类别",
    "月收入（税后）",
    "实缴金额",
    "缴纳日期",
]
HEADER_EN = [
    "Name",
    "ID number",
    "ID number last 4",
    "Month",
    "Employment category",
    "Monthly income after tax",
    "Amount paid",
    "Paid on",
]
JUNE = datetime.date(2025, 6, 1)


def urls(org) -> dict:
    return {
        name: reverse(f"members:import_dues{suffix}", args=[org.pk])
        for name, suffix in (
            ("upload", ""),
            ("template", "_template"),
            ("confirm", "_confirm"),
            ("cancel", "_cancel"),
        )
    }


def row(member=None, **changes) -> list:
    """A row (Chinese header order) paying June's 40 yuan on an income of 4000."""
    cells = {
        "name": member.name if member else "无名",
        "id_number": member.id_number if member else "",
        "id_last4": "",
        "month": "2025-06",
        "category": "",
        "income": 4000,
        "amount": 40,
        "paid_on": datetime.date(2025, 6, 10),
    }
    cells.update(changes)
    return list(cells.values())


def upload(client, org, rows, header=HEADER_ZH):
    return client.post(urls(org)["upload"], {"file": xlsx_upload(header, rows, "dues.xlsx")})


def opened(member, month, income="4000", category=EmploymentCategory.EMPLOYED):
    return DuesRecord.objects.create(
        member=member,
        month=month,
        category=category,
        income=D(income) if income else None,
        expected=D(income) / 100 if income else D("0"),
    )
