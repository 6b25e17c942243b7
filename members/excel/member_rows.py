"""Checking imported member rows: the branch must be one the user manages, the grid cell one of
the branch's community, ID numbers unique in the file and on the roll, and every row must pass
the model's own validation. A constant number of queries for the lookups, whatever the size."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from grid.models import GridCell
from members.excel.engine import ParsedSheet, RowResult
from members.idnumber import birth_date_of, gender_of, validate_id_number
from members.models import EmploymentCategory, Member, MemberStatus
from organizations import scoping
from organizations.models import Organization

DEFAULT_ETHNICITY = "汉族"
# resolved from the database above, so the model need not look each of them up again
RESOLVED_FIELDS = {"organization", "grid_cell"}
FULL_DATE_MATCHES_STATUS = "member_full_date_matches_status"
FULL_AFTER_JOINING = "member_full_after_joining"
CHECKED_CONSTRAINTS = {FULL_DATE_MATCHES_STATUS, FULL_AFTER_JOINING}


def _organizations(actor, references: set[str]) -> tuple[dict, dict]:
    """The organizations the actor manages whose code or name is referenced: by code, by name."""
    if not references:
        return {}, {}
    candidates = scoping.manageable_organizations_for(
        actor,
        Organization.objects.active().filter(Q(code__in=references) | Q(name__in=references)),
    )
    by_code, by_name = {}, defaultdict(list)
    for org in candidates:
        if not scoping.can_manage_path(actor, org.path):
            continue
        if org.code:
            by_code[org.code] = org
        by_name[org.name].append(org)
    return by_code, by_name


def _resolve_organization(row: RowResult, sheet: ParsedSheet, by_code, by_name) -> None:
    reference = row.values["organization"]
    row.values["organization"] = None
    if "organization" in row.error_keys:
        return
    if reference in by_code:
        row.values["organization"] = by_code[reference]
    elif len(by_name.get(reference, ())) == 1:
        row.values["organization"] = by_name[reference][0]
    elif by_name.get(reference):
        row.add_error(
            sheet.column("organization"),
            _("Several of your organizations are called “%(name)s”; write its organization code.")
            % {"name": reference},
        )
    else:
        # the same words whether the branch is missing or outside the user's posts
        row.add_error(
            sheet.column("organization"),
            _("There is no branch “%(name)s” among your organizations.") % {"name": reference},
        )


def _grid_cells(sheet: ParsedSheet) -> tuple[dict, dict]:
    """Grid cells by (community, code) and by (street, code), for the referenced codes in the
    territory of the rows' branches."""
    codes, communities, streets = set(), set(), set()
    for row in sheet.rows:
        org, code = row.values["organization"], row.values["grid_cell"]
        if org is None or not code:
            continue
        codes.add(code)
        if org.community_id:
            communities.add(org.community_id)
        else:
            streets.add(org.street_id)
    if not codes:
        return {}, {}
    cells = GridCell.objects.filter(code__in=codes).filter(
        Q(community_id__in=communities) | Q(community__street_id__in=streets)
    )
    by_community, by_street = {}, defaultdict(list)
    for cell in cells.select_related("community"):
        by_community[(cell.community_id, cell.code)] = cell
        by_street[(cell.community.street_id, cell.code)].append(cell)
    return by_community, by_street


def _resolve_grid_cell(row: RowResult, sheet: ParsedSheet, by_community, by_street) -> None:
    code, org = row.values["grid_cell"], row.values["organization"]
    row.values["grid_cell"] = None
    if not code or org is None:
        return
    if org.community_id:
        cell = by_community.get((org.community_id, code))
    else:
        found = by_street.get((org.street_id, code), [])
        cell = found[0] if len(found) == 1 else None
    if cell is None:
        row.add_error(
            sheet.column("grid_cell"),
            _("There is no grid cell “%(code)s” in the territory of branch %(branch)s.")
            % {"code": code, "branch": org.name},
        )
    row.values["grid_cell"] = cell


def _id_number_is_valid(row: RowResult) -> bool:
    if "id_number" in row.error_keys:
        return False
    try:
        validate_id_number(row.values["id_number"])
    except ValidationError:
        return False
    return True


def _fill_from_id_number(row: RowResult) -> set[str]:
    """Gender and birth date left blank are read from the ID number; returns the blank fields
    that could not be filled (their error is the ID number's)."""
    unfilled = set()
    valid = _id_number_is_valid(row)
    if not row.values["gender"] and "gender" not in row.error_keys:
        if valid and row.values["id_number"][16].isdigit():
            row.values["gender"] = gender_of(row.values["id_number"])
        else:
            unfilled.add("gender")
    if row.values["birth_date"] is None and "birth_date" not in row.error_keys:
        if valid:
            row.values["birth_date"] = birth_date_of(row.values["id_number"])
        else:
            unfilled.add("birth_date")
    return unfilled


def _check_id_numbers(sheet: ParsedSheet) -> None:
    """The same ID number twice in the file, or already on the roll (in any organization)."""
    rows_by_id = defaultdict(list)
    for row in sheet.rows:
        if row.values["id_number"] and "id_number" not in row.error_keys:
            rows_by_id[row.values["id_number"]].append(row)
    registered = set(
        Member.objects.filter(id_number__in=list(rows_by_id)).values_list("id_number", flat=True)
    )
    column = sheet.column("id_number")
    for id_number, rows in rows_by_id.items():
        if id_number in registered:
            for row in rows:
                row.add_error(column, _("A member with this ID number is already registered."))
        if len(rows) > 1:
            for row in rows:
                others = ", ".join(str(other.row_number) for other in rows if other is not row)
                row.add_error(
                    column, _("The same ID number is also on row %(rows)s.") % {"rows": others}
                )


def _check_constraints(row: RowResult, sheet: ParsedSheet) -> None:
    """Member's check constraints, evaluated here rather than by one query per constraint and
    row (``member_create`` checks them in the database again when writing), and put on the
    column they concern."""
    messages = {c.name: c.get_violation_error_message() for c in Member._meta.constraints}
    status, joined, full = (row.values[key] for key in ("status", "joined_on", "full_member_on"))
    if "full_member_on" in row.error_keys:
        return
    column = sheet.column("full_member_on")
    if status and "status" not in row.error_keys and (status == MemberStatus.FULL) != bool(full):
        row.add_error(column, messages[FULL_DATE_MATCHES_STATUS])
    if full and joined and "joined_on" not in row.error_keys and full < joined:
        row.add_error(column, messages[FULL_AFTER_JOINING])


def _check_with_model(row: RowResult, sheet: ParsedSheet, unfilled: set[str]) -> None:
    row.values["ethnicity"] = row.values["ethnicity"] or DEFAULT_ETHNICITY
    row.values["employment"] = row.values["employment"] or EmploymentCategory.EMPLOYED
    member = Member(**row.values)
    # uniqueness was checked for the whole file at once above, the constraints just below
    exclude = row.error_keys | unfilled | RESOLVED_FIELDS
    try:
        member.full_clean(
            exclude=sorted(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        row.add_validation_error(exc, sheet.columns)
    _check_constraints(row, sheet)


def check_member_rows(sheet: ParsedSheet, *, actor) -> ParsedSheet:
    """Turn each row's values into the fields of ``member_create`` and add every error found."""
    by_code, by_name = _organizations(
        actor, {row.values["organization"] for row in sheet.rows if row.values["organization"]}
    )
    for row in sheet.rows:
        _resolve_organization(row, sheet, by_code, by_name)
    by_community, by_street = _grid_cells(sheet)
    for row in sheet.rows:
        _resolve_grid_cell(row, sheet, by_community, by_street)
    _check_id_numbers(sheet)
    for row in sheet.rows:
        unfilled = _fill_from_id_number(row)
        _check_with_model(row, sheet, unfilled)
    return sheet
