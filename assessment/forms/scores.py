"""The form a reviewer scores one indicator of a sheet with: typing only; the rules (between 0
and the maximum, two decimals, a reason, the lock, who reviews) are the service's
(assessment.services.scores), so that the page says what the API says."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from config.forms import style_for_bootstrap
from config.text import TEXT_MAX_LENGTH


class ScoreForm(forms.Form):
    value = forms.DecimalField(label=pgettext_lazy("assessment score", "score"))
    reason = forms.CharField(
        max_length=TEXT_MAX_LENGTH,
        label=_("reason"),
        required=False,  # the service refuses a score without a reason, in its own words
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, indicator, **kwargs):
        # one form per reviewed line of the sheet: the prefix keeps their fields apart
        super().__init__(*args, prefix=f"i{indicator.pk}", **kwargs)
        self.indicator = indicator
        style_for_bootstrap(self, small=True)
