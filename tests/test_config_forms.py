"""config.forms: the Bootstrap classes and the service errors every app's forms share."""

from django import forms
from django.core.exceptions import ValidationError

from config.forms import add_service_errors, style_for_bootstrap


class Sample(forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A")])
    agreed = forms.BooleanField(required=False)
    tags = forms.MultipleChoiceField(
        choices=[("x", "X")], widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(widget=forms.TextInput(attrs={"class": "own"}))


def test_each_widget_gets_the_class_of_its_kind_and_keeps_its_own():
    form = Sample()
    style_for_bootstrap(form)
    attrs = {name: field.widget.attrs.get("class") for name, field in form.fields.items()}
    assert attrs == {
        "name": "form-control",
        "kind": "form-select",
        "agreed": "form-check-input",
        "tags": None,
        "note": "own",
    }


def test_small_forms_get_the_small_classes():
    form = Sample()
    style_for_bootstrap(form, small=True)
    assert form.fields["name"].widget.attrs["class"] == "form-control form-control-sm"
    assert form.fields["kind"].widget.attrs["class"] == "form-select form-select-sm"


def test_errors_go_under_the_field_they_name_or_above_the_form():
    form = Sample(data={"name": "x", "kind": "a", "note": "n"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"name": "Taken.", "elsewhere": "Not here."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Not here."]


def test_a_message_without_a_field_goes_above_the_form():
    form = Sample(data={"name": "x", "kind": "a", "note": "n"})
    form.is_valid()
    add_service_errors(form, ValidationError("Closed."))
    assert form.non_field_errors() == ["Closed."]


def test_kept_fields_come_back_instead_of_onto_the_form():
    form = Sample(data={"name": "x", "kind": "a", "note": "n"})
    form.is_valid()
    kept = add_service_errors(
        form, ValidationError({"attendance": "Nobody.", "name": "Taken."}), keep=("attendance",)
    )
    assert kept == {"attendance": ["Nobody."]}
    assert form.errors["name"] == ["Taken."]
    assert "attendance" not in form.errors
