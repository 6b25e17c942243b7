"""The jobs every app's page forms share: Bootstrap classes on widgets, a service's refusal
shown on the form, and model choices that stay short (a search beyond ``SELECT_LIMIT`` rows).
Apps import these; this module imports only Django."""

import copy

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext


def style_for_bootstrap(form: forms.Form, *, small: bool = False) -> None:
    """Give each widget Bootstrap 5's class for its kind, keeping a class already set.

    Checkboxes get ``form-check-input``; a group of checkboxes is left to its template.
    ``small`` is for the compact forms of filter bars and table rows.
    """
    size = " form-select-sm" if small else ""
    for field in form.fields.values():
        use_scoped_select(field)
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


# A search term (the ``q`` of a list's filters) holds at most this many characters: a longer
# one is a form error on the field, not a query (SQLite refuses a LIKE pattern past 50,000
# bytes).
SEARCH_MAX_LENGTH = 100

# A select box lists at most this many rows; a longer scoped list (a district has about 2,000
# branches, 3,000 grid cells and 100,000 members) is searched instead.
SELECT_LIMIT = 200

# model -> URL name of its scoped search (JSON); apps register theirs from their ready()
_SEARCHES: dict[type, str] = {}


def register_search(model, url_name: str) -> None:
    """Rows of ``model`` beyond ``SELECT_LIMIT`` are picked through the JSON search at
    ``url_name`` (``?q=`` answers ``{"results": [{"id", "label"}]}``, scoped to the user)."""
    _SEARCHES[model] = url_name


def search_url_for(model) -> str | None:
    url_name = _SEARCHES.get(model)
    return reverse(url_name) if url_name else None


class ScopedChoiceSelect(forms.Select):
    """The select of a model choice field: a plain ``<select>`` while its (already scoped)
    queryset has at most ``SELECT_LIMIT`` rows, beyond that a search box whose picks fill a
    hidden input with the id (static/js/app.js, ``data-autocomplete-url``). The posted id is
    validated against the field's queryset as before, whichever was shown."""

    def render(self, name, value, attrs=None, renderer=None):
        queryset = getattr(self.choices, "queryset", None)
        url = search_url_for(queryset.model) if queryset is not None else None
        if url is None:
            return super().render(name, value, attrs, renderer)
        # one query, as the plain select takes: the rows up to one past the limit
        rows = list(queryset[: SELECT_LIMIT + 1])
        if len(rows) > SELECT_LIMIT:
            return self.render_search(name, value, self.build_attrs(self.attrs, attrs), url)
        field = self.choices.field
        plain = copy.copy(self)
        plain.choices = [("", field.empty_label)] if field.empty_label is not None else []
        plain.choices += [self.choices.choice(row) for row in rows]
        return forms.Select.render(plain, name, value, attrs, renderer)

    def render_search(self, name, value, attrs, url):
        value = value[0] if isinstance(value, list | tuple) and value else value
        value = "" if value in (None, "") else str(getattr(value, "pk", value))
        label = ""
        if value:
            chosen = self.choices.queryset.filter(pk=value).first() if value.isdigit() else None
            label = self.choices.field.label_from_instance(chosen) if chosen else ""
        box_id = attrs.get("id") or f"id_{name}"
        css = attrs.get("class", "form-control").replace("form-select", "form-control")
        return format_html(
            '<div class="scoped-search" data-autocomplete>'
            '<input type="hidden" name="{}" value="{}" data-autocomplete-value>'
            '<input type="search" id="{}" class="{}" value="{}" autocomplete="off"'
            ' role="combobox" aria-autocomplete="list" aria-expanded="false"'
            ' aria-controls="{}-results" placeholder="{}" data-autocomplete-url="{}"'
            ' data-autocomplete-empty="{}"{}>'
            '<ul id="{}-results" class="list-group scoped-search-results" role="listbox"'
            " hidden></ul></div>",
            name,
            value,
            box_id,
            css,
            label,
            box_id,
            gettext("Type a name or code to search"),
            url,
            gettext("Nothing found"),
            format_html(' aria-label="{}"', attrs["aria-label"]) if "aria-label" in attrs else "",
            box_id,
        )


def use_scoped_select(field: forms.Field) -> None:
    """Give a single model choice shown as a plain select the ``ScopedChoiceSelect``."""
    if isinstance(field, forms.ModelChoiceField) and type(field.widget) is forms.Select:
        widget = ScopedChoiceSelect(attrs=field.widget.attrs)
        widget.is_required = field.widget.is_required
        widget.choices = field.choices
        field.widget = widget
