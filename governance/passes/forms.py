"""Input for the pass pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.passes.models import PassKind
from recovery.fields import HomeDateTimeField


class PassRequestForm(forms.Form):
    """A resident's pass request; `home` (a Residence) is the home whose clock the times are typed on."""

    kind = forms.ChoiceField(label=_("Kind of pass"), choices=PassKind.choices)
    leaves_at = HomeDateTimeField(label=_("Leaving"))
    returns_at = HomeDateTimeField(label=_("Back by"))
    destination = forms.CharField(label=_("Where you will be"), max_length=200, required=False)

    def __init__(self, *args, home, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaves_at"].at_home(home)
        self.fields["returns_at"].at_home(home)


class PassDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Answer"), choices=[("yes", "Approve"), ("no", "Decline")], coerce=lambda value: value == "yes"
    )
    reason = forms.CharField(label=_("Reason (needed to decline)"), max_length=300, required=False)
