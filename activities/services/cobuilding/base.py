"""What the co-building services share: the refusal of a community, a row lock, field updates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from grid.models import Community


def refuse_community(community: Community) -> ValidationError:
    """The refusal for a community whose lists the user does not manage."""
    return ValidationError(
        {
            "community": _(
                "You may change the co-building lists only of communities you manage "
                "(%(community)s is not one of them)."
            )
            % {"community": community.name}
        }
    )


def lock_row(qs, obj):
    """The row again, locked; refused when it is not in ``qs`` (out of the user's scope)."""
    try:
        return qs.select_for_update(of=("self",)).get(pk=obj.pk)
    except qs.model.DoesNotExist as exc:
        raise PermissionDenied from exc


def apply_fields(instance, fields: dict, allowed: tuple[str, ...]) -> None:
    """Set the given fields, refusing any not in ``allowed``."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(instance, name, value)
