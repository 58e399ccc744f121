"""Input for the pass pages."""

from django import forms

from governance.passes.models import PassKind
from recovery.widgets import DateTimeInput


class PassRequestForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of pass", choices=PassKind.choices)
    leaves_at = forms.DateTimeField(label="Leaving", widget=DateTimeInput())
    returns_at = forms.DateTimeField(label="Back by", widget=DateTimeInput())
    destination = forms.CharField(label="Where you will be", max_length=200, required=False)


class PassDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="Answer", choices=[("yes", "Approve"), ("no", "Decline")], coerce=lambda value: value == "yes"
    )
    reason = forms.CharField(label="Reason (needed to decline)", max_length=300, required=False)
