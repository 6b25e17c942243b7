"""Masking of sensitive personal data (ID numbers, phone numbers) for display."""


def mask_middle(value: str, keep_start: int, keep_end: int) -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    hidden = len(value) - keep_start - keep_end
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


def mask_phone(value: str) -> str:
    """138****5678: the first 3 and last 4 digits stay visible."""
    return mask_middle(value or "", 3, 4)


def mask_id_number(value: str) -> str:
    """3201**********1234: the region prefix and last 4 characters stay visible."""
    return mask_middle(value or "", 4, 4)
