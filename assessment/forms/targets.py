"""The page forms of the responsibility letters: typing only (and the choices the page
offers); the rules are the services' (assessment.services.targets), so that the page says
what the API says."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PostChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, post) -> str:
        name = post.user.get_full_name() or post.user.get_username()
        return f"{post.organization.name} · {post.get_role_display()} · {name}"


class LetterForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=pgettext_lazy("responsibility letter", "responsible organization"),
        queryset=None,
        required=False,
        help_text=_("Leave empty for a cadre's letter: it is the cadre's organization's."),
    )
    cadre = PostChoiceField(
        label=pgettext_lazy("responsibility letter", "cadre"),
        queryset=None,
        required=False,
        help_text=_("For a cadre's own letter: the post they sign it for."),
    )
    year = forms.IntegerField(label=pgettext_lazy("responsibility letter", "year"))
    title = forms.CharField(
        label=pgettext_lazy("responsibility letter", "title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for the usual title."),
    )

    def __init__(self, *args, organizations, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["cadre"].queryset = posts
        style_for_bootstrap(self)

    def clean(self):
        data = super().clean()
        cadre, organization = data.get("cadre"), data.get("organization")
        if cadre is not None and organization is None:
            data["organization"] = cadre.organization
        elif organization is None and "organization" not in self.errors:
            self.add_error("organization", _("Choose the organization or the cadre."))
        return data


class ItemForm(forms.Form):
    text = forms.CharField(
        label=pgettext_lazy("target item", "target"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(label=pgettext_lazy("target item", "deadline"), widget=DATE)
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("target item", "responsible person"), queryset=None, required=False
    )
    owner_name = forms.CharField(
        label=pgettext_lazy("target item", "responsible (name)"), max_length=100, required=False
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.username
        style_for_bootstrap(self, small=True)


class DoneForm(forms.Form):
    evidence = forms.CharField(
        max_length=2000,
        label=pgettext_lazy("target item", "evidence"),
        required=False,  # the service refuses a done mark without evidence, in its own words
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, item, **kwargs):
        # one form per item of the letter: the prefix keeps their fields apart
        super().__init__(*args, prefix=f"t{item.pk}", **kwargs)
        self.item = item
        style_for_bootstrap(self, small=True)


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=pgettext_lazy("responsibility letter", "signed on"), required=False, widget=DATE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self, small=True)
