"""Input for the pass pages."""

from django import forms

from governance.passes.models import PassKind
from recovery.fields import HomeDateTimeField


class PassRequestForm(forms.Form):
    """A resident's pass request; `home` (a Residence) is the home whose clock the times are typed on."""

    kind = forms.ChoiceField(label="Kind of pass", choices=PassKind.choices)
    leaves_at = HomeDateTimeField(label="Leaving")
    returns_at = HomeDateTimeField(label="Back by")
    destination = forms.CharField(label="Where you will be", max_length=200, required=False)

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaves_at"].at_home(home)
        self.fields["returns_at"].at_home(home)


class PassDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label="Answer", choices=[("yes", "Approve"), ("no", "Decline")], coerce=lambda value: value == "yes"
    )
    reason = forms.CharField(label="Reason (needed to decline)", max_length=300, required=False)
