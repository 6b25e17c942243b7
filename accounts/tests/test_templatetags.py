"""The privacy filters of templates: {% load privacy %} masks phone and ID numbers."""

from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load privacy %}" + source).render(Context(context))


def test_the_filters_mask_what_the_page_shows():
    html = render(
        "{{ phone|mask_phone }} {{ id|mask_id_number }}",
        phone="13812345678",
        id="32010219800101123X",
    )
    assert html == "138****5678 3201**********123X"


def test_a_missing_phone_renders_the_default_after_masking():
    assert render('{{ phone|mask_phone|default:"—" }}', phone=None) == "—"


def test_the_masked_value_is_escaped_like_any_other():
    assert (
        render("{{ phone|mask_phone }}", phone="<b>12345678</b>") == "&lt;b&gt;********&lt;/b&gt;"
    )
