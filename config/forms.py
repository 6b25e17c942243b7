"""The two jobs every app's page forms share: Bootstrap classes on widgets, and a service's
refusal shown on the form. Apps import these; this module imports only Django."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def style_for_bootstrap(form: forms.Form, *, small: bool = False) -> None:
    """Give each widget Bootstrap 5's class for its kind, keeping a class already set.

    Checkboxes get ``form-check-input``; a group of checkboxes is left to its template.
    ``small`` is for the compact forms of filter bars and table rows.
    """
    size = " form-select-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select" + size
        else:
            css = "form-control" + (" form-control-sm" if small else "")
        widget.attrs.setdefault("class", css)


def add_service_errors(
    form: forms.Form, error: ValidationError, *, keep: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """Show a service's refusal on the form: under the field it names when the form has that
    field, above the form otherwise.

    Messages for the names in ``keep`` are not put on the form but returned, for a page that
    shows them elsewhere (the attendance table beside an activity form, say).
    """
    kept: dict[str, list[str]] = {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return kept
    for field, texts in error.message_dict.items():
        if field in keep:
            kept[field] = texts
        elif field in form.fields and field != NON_FIELD_ERRORS:
            form.add_error(field, texts)
        else:
            form.add_error(None, texts)
    return kept
