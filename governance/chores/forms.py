"""Input for the chore pages."""

from django import forms

from governance.chores.models import ChoreFrequency


class ChoreForm(forms.Form):
    name = forms.CharField(max_length=80)
    frequency = forms.ChoiceField(label="How often", choices=ChoreFrequency.choices)
    notes = forms.CharField(max_length=300, required=False)


class MissedForm(forms.Form):
    note = forms.CharField(label="What happened (optional)", max_length=300, required=False)
    ladder = forms.BooleanField(label="Also record it on the consequence ladder", required=False)
