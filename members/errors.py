"""The errors members' services raise: a refused rule, a failed row of an import."""

from django.core.exceptions import ValidationError


class RuleError(ValidationError):
    """A domain rule refused an action. Pages show the message on the form (naming the
    field when there is one); the API turns it into a 400 (config.api.exception_handler)."""


class RowWriteError(Exception):
    """Writing row ``row_number`` failed, so nothing was written."""

    def __init__(self, row_number: int, error: ValidationError):
        super().__init__(row_number, error)
        self.row_number = row_number
        self.error = error
