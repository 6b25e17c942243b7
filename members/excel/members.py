"""The member roll in Excel: its columns, the blank template, reading an upload into rows
ready for ``member_create`` (``members.excel.member_rows`` checks them), and the export."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.privacy import mask_id_number, mask_phone
from members.excel.columns import Choice, Column, cell_text, is_chinese, parse_date
from members.excel.engine import ParsedSheet, read_upload, workbook_response, write_sheet
from members.excel.member_rows import check_member_rows
from members.excel.safe import new_workbook
from members.excel.template import template_response
from members.idnumber import normalize
from members.models import (
    Education,
    EmploymentCategory,
    Gender,
    Member,
    MemberStatus,
    SensitiveAccess,
)
from members.services.roll import can_see_sensitive, sensitive_access_log

# Each row is written through member_create, about 4 ms a row on a laptop: 2,000 rows keep a
# confirmation well inside a web worker's timeout. Bigger rolls are imported in several files.
MAX_ROWS = 2000
EXPORT_CHUNK = 2000

GENDER = Choice(Gender, {Gender.MALE: ("男", "男性"), Gender.FEMALE: ("女", "女性")})
EDUCATION = Choice(
    Education,
    {
        Education.PRIMARY: ("小学",),
        Education.JUNIOR: ("初中",),
        Education.SENIOR: ("高中/中专", "高中", "中专", "中技", "技校", "职高"),
        Education.COLLEGE: ("大专", "专科", "大学专科"),
        Education.BACHELOR: ("本科", "大学本科", "大学"),
        Education.MASTER: ("硕士研究生", "硕士", "研究生"),
        Education.DOCTOR: ("博士研究生", "博士"),
    },
)
EMPLOYMENT = Choice(
    EmploymentCategory,
    {
        EmploymentCategory.EMPLOYED: ("在职", "在职人员"),
        EmploymentCategory.RETIRED: ("离退休", "退休", "离休", "离退休人员"),
        EmploymentCategory.STUDENT: ("学生",),
        EmploymentCategory.FARMER: ("农民",),
        EmploymentCategory.UNEMPLOYED: ("无业", "失业", "待业", "无固定职业"),
        EmploymentCategory.RELIEF: ("依靠抚恤或救济生活", "抚恤救济", "救济"),
        EmploymentCategory.MINIMUM_ALLOWANCE: ("领取最低生活保障金", "低保", "最低生活保障"),
    },
)
STATUS = Choice(
    MemberStatus,
    {MemberStatus.FULL: ("正式党员", "正式"), MemberStatus.PROBATIONARY: ("预备党员", "预备")},
)


def parse_id_number(value) -> str:
    if isinstance(value, float):
        raise ValidationError(
            _(
                "Excel keeps this ID number as a number and has rounded its last digits; "
                "format the column as text and type the number again."
            )
        )
    return normalize(cell_text(value))


MEMBER_COLUMNS = (
    Column("name", gettext_lazy("Name"), "姓名", required=True, example="张三", width=10),
    Column(
        "gender",
        gettext_lazy("Gender"),
        "性别",
        GENDER,
        help=gettext_lazy("Left blank, it is read from the ID number."),
        example=Gender.MALE,
        width=8,
    ),
    Column(
        "birth_date",
        gettext_lazy("Birth date"),
        "出生日期",
        parse_date,
        default=None,
        help=gettext_lazy("YYYY-MM-DD. Left blank, it is read from the ID number."),
        example=datetime.date(1980, 5, 17),
        width=12,
    ),
    Column(
        "ethnicity",
        gettext_lazy("Ethnicity"),
        "民族",
        help=gettext_lazy("Left blank: 汉族."),
        example="汉族",
        width=8,
    ),
    Column("education", gettext_lazy("Education"), "学历", EDUCATION, example=Education.BACHELOR),
    Column(
        "id_number",
        gettext_lazy("ID number"),
        "身份证号",
        parse_id_number,
        required=True,
        aliases=("身份证号码", "公民身份号码", "身份证"),
        help=gettext_lazy("18 characters. Keep the column formatted as text."),
        example="320102198005170017",
        width=22,
        as_text=True,
    ),
    Column(
        "phone",
        gettext_lazy("Phone"),
        "手机号",
        aliases=("手机号码", "手机", "联系电话", "电话"),
        help=gettext_lazy("A mobile number of 11 digits or a landline such as 025-84561234."),
        example="13912345678",
        width=14,
        as_text=True,
    ),
    Column("address", gettext_lazy("Address"), "地址", aliases=("住址", "家庭住址"), width=30),
    Column(
        "workplace",
        gettext_lazy("Workplace and post"),
        "工作单位及职务",
        aliases=("工作单位",),
        example="某某公司 职员",
        width=24,
    ),
    Column(
        "employment",
        gettext_lazy("Employment category"),
        "人员类别",
        EMPLOYMENT,
        help=gettext_lazy("Decides the dues rate. Left blank: employed."),
        example=EmploymentCategory.EMPLOYED,
    ),
    Column(
        "status",
        gettext_lazy("Member status"),
        "党员状态",
        STATUS,
        required=True,
        aliases=("党员类别",),
        example=MemberStatus.FULL,
        width=12,
    ),
    Column(
        "joined_on",
        gettext_lazy("Joined the party on"),
        "入党日期",
        parse_date,
        required=True,
        default=None,
        aliases=("入党时间",),
        help=gettext_lazy("YYYY-MM-DD, not in the future."),
        example=datetime.date(2005, 7, 1),
        width=12,
    ),
    Column(
        "full_member_on",
        gettext_lazy("Full member since"),
        "转正日期",
        parse_date,
        default=None,
        aliases=("转正时间",),
        help=gettext_lazy("Filled in for full members, empty for probationary members."),
        example=datetime.date(2006, 7, 1),
        width=12,
    ),
    Column(
        "organization",
        gettext_lazy("Branch"),
        "所在支部",
        required=True,
        aliases=("支部", "党支部", "组织关系所在支部"),
        help=gettext_lazy("The name or organization code of a branch you manage."),
        example="第一党支部",
        width=20,
    ),
    Column(
        "grid_cell",
        gettext_lazy("Grid cell code"),
        "所在网格",
        aliases=("网格", "网格编码", "网格代码"),
        help=gettext_lazy(
            "The grid code of the cell the member lives in, in the branch's community."
        ),
        example="G01",
        width=10,
    ),
)


def member_template() -> HttpResponse:
    return template_response(
        columns=MEMBER_COLUMNS,
        sheet_title="党员名册" if is_chinese() else _("Members"),
        intro=_(
            "Fill in one member per row on the first sheet, below its header row. "
            "Columns with “yes” under Required must be filled in; choice columns accept "
            "the values listed below in Chinese or English, or their code."
        ),
        filename=("党员导入模板" if is_chinese() else "member-import-template") + ".xlsx",
    )


def read_member_upload(upload, *, actor) -> ParsedSheet:
    """The upload's rows, each checked as ``member_create`` would check it and against the
    other rows and the roll; raises ImportFileError for a file that cannot be read at all."""
    sheet = read_upload(upload, MEMBER_COLUMNS, max_rows=MAX_ROWS)
    check_member_rows(sheet, actor=actor)
    return sheet


# Export


def _export_values(member: Member, unmask: bool) -> list:
    values = {
        "name": member.name,
        "gender": member.gender,
        "birth_date": member.birth_date,
        "ethnicity": member.ethnicity,
        "education": member.education,
        "id_number": member.id_number if unmask else mask_id_number(member.id_number),
        "phone": member.phone if unmask else mask_phone(member.phone),
        "address": member.address,
        "workplace": member.workplace,
        "employment": member.employment,
        "status": member.status,
        "joined_on": member.joined_on,
        "full_member_on": member.full_member_on,
        "organization": member.organization.name,
        "grid_cell": member.grid_cell.code if member.grid_cell_id else "",
    }
    return [column.format(values[column.key]) for column in MEMBER_COLUMNS]


def export_members(*, actor, queryset: QuerySet, unmask: bool) -> HttpResponse:
    """The members of an already scoped and filtered queryset as a workbook, in the same
    columns as the import. ID and phone numbers stay masked unless ``unmask`` is asked by
    someone allowed to see them; then each exported member's unmasking is logged."""
    unmask = unmask and can_see_sensitive(actor)
    exported: list[int] = []

    def rows():
        members = queryset.select_related("organization", "grid_cell")
        for member in members.iterator(chunk_size=EXPORT_CHUNK):
            exported.append(member.pk)
            yield _export_values(member, unmask)

    workbook = new_workbook(write_only=True)
    write_sheet(workbook, "党员名册" if is_chinese() else _("Members"), MEMBER_COLUMNS, rows())
    stem = "党员名册" if is_chinese() else "party-members"
    response = workbook_response(workbook, f"{stem}-{timezone.localdate():%Y%m%d}.xlsx")
    if unmask:
        sensitive_access_log(
            actor=actor,
            members=[Member(pk=pk) for pk in exported],
            channel=SensitiveAccess.Channel.EXPORT,
        )
    return response
