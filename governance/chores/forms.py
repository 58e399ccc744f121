"""Input for the chore pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.chores.models import ChoreFrequency


class ChoreForm(forms.Form):
    name = forms.CharField(max_length=80)
    frequency = forms.ChoiceField(label=_("How often"), choices=ChoreFrequency.choices)
    notes = forms.CharField(max_length=300, required=False)


class MissedForm(forms.Form):
    note = forms.CharField(label=_("What happened (optional)"), max_length=300, required=False)
    ladder = forms.BooleanField(label=_("Also record it on the consequence ladder"), required=False)
