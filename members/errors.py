from django.core.exceptions import ValidationError


class RuleError(ValidationError):
    """A domain rule refused an action. Pages show the message on the form (naming the
    field when there is one); the API turns it into a 400 (config.api.exception_handler)."""
