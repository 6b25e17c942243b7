"""The form publishing a scheme's results: the one box that confirms publishing with sheets
unfinished (the service names what is missing and refuses without it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import style_for_bootstrap


class PublishForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Publish although these sheets are unfinished"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_for_bootstrap(self)
