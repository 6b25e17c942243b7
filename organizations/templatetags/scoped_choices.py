"""``{% scoped_select %}``: a filter bar's select of organizations or grid cells written in a
template, rendered by the forms' ScopedChoiceSelect so that it too turns into a search box
beyond ``SELECT_LIMIT`` rows."""

from django import forms, template

from config.forms import ScopedChoiceSelect

register = template.Library()


@register.simple_tag
def scoped_select(name, rows, value="", empty_label=None, **attrs):
    """A select named ``name`` of the (scoped) queryset ``rows`` with ``value`` chosen.

    ``empty_label`` is the first option's text (none when not given); other keyword arguments
    become attributes, underscores turned to dashes (``aria_label``, ``data_autosubmit``).
    """
    field = forms.ModelChoiceField(queryset=rows, required=False, empty_label=empty_label)
    widget = ScopedChoiceSelect()
    widget.choices = field.choices
    attributes = {"class": "form-select form-select-sm w-auto"}
    for key, given in attrs.items():
        attributes[key.replace("_", "-")] = given
    value = getattr(value, "pk", value)
    return widget.render(name, "" if value is None else str(value), attributes)
