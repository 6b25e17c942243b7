"""Writing an imported member list: every row or none."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.errors import RowWriteError
from members.models import Member
from members.services.roll import member_create


def members_import(*, actor, rows: Sequence[tuple[int, dict]]) -> list[Member]:
    """Create a member for each (row number, fields) in one transaction. The first row that
    fails raises RowWriteError naming it, and nothing at all is saved."""
    created: list[Member] = []
    row_number = 0
    try:
        with transaction.atomic():
            for number, fields in rows:
                row_number = number
                created.append(member_create(actor=actor, **fields))
    except ValidationError as exc:
        raise RowWriteError(row_number, exc) from exc
    except IntegrityError as exc:
        # another import or edit saved a clashing row (most likely the same ID number)
        # between this row's check and its insert
        raise RowWriteError(
            row_number,
            ValidationError(
                {"id_number": _("A member with this ID number was registered meanwhile.")}
            ),
        ) from exc
    return created
