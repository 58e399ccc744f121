"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.ladder.models import AppealStatus
from recovery.widgets import DateInput


class StepForm(forms.Form):
    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=300, required=False)


class ViolationForm(forms.Form):
    rule = forms.CharField(label=_("The house rule"), max_length=300)
    occurred_on = forms.DateField(label=_("When"), widget=DateInput)
    evidence = forms.CharField(label=_("What was seen"), widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, label=_("Response"))

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class StatementForm(forms.Form):
    statement = forms.CharField(label=_("In my own words"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("Why I am appealing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class AppealDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"), choices=[c for c in AppealStatus.choices if c[0] not in ("", "pending")]
    )
    outcome = forms.CharField(label=_("Outcome, for the resident"), widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, required=False, label=_("New response (if changed)"))

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps
