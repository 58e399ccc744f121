"""The outcomes page's period chooser (a GET form: the period is in the address, so a page can be bookmarked)."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.outcomes.periods import LONGEST_DAYS, Period, last_days
from recovery.widgets import DateInput


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To (included)"), widget=DateInput)

    def __init__(self, data=None, *, today):
        self.today = today
        default = last_days(today)
        super().__init__(data if data and ("start" in data or "end" in data) else None, prefix=None)
        self.fields["start"].initial, self.fields["end"].initial = default.start, default.end

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is None or end is None:
            return cleaned
        if end > self.today:
            raise forms.ValidationError(f"The period cannot end after today ({self.today:%B} {self.today.day}).")
        if start > end:
            raise forms.ValidationError(_("The period starts after it ends: choose a start on or before its end."))
        if end - start >= timedelta(days=LONGEST_DAYS):
            raise forms.ValidationError(_("Choose a period of three years or less."))
        return cleaned

    def period(self) -> Period:
        """The chosen period, or the last 90 days up to today when nothing (or something invalid) was chosen."""
        if self.is_bound and self.is_valid():
            return Period(start=self.cleaned_data["start"], end=self.cleaned_data["end"])
        return last_days(self.today)
