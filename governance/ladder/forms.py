"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms

from governance.ladder.models import AppealStatus
from recovery.widgets import DateInput


class StepForm(forms.Form):
    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=300, required=False)


class ViolationForm(forms.Form):
    rule = forms.CharField(label="The house rule", max_length=300)
    occurred_on = forms.DateField(label="When", widget=DateInput)
    evidence = forms.CharField(label="What was seen", widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, label="Response")

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class StatementForm(forms.Form):
    statement = forms.CharField(label="In my own words", widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)


class AppealForm(forms.Form):
    reason = forms.CharField(label="Why I am appealing", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class AppealDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision", choices=[c for c in AppealStatus.choices if c[0] not in ("", "pending")]
    )
    outcome = forms.CharField(label="Outcome, for the resident", widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, required=False, label="New response (if changed)")

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps
