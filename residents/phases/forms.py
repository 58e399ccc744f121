"""Input for phases: a home's phase editor, a request to advance, a decision, a move, joining the alumni."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput, TimeInput
from residents.models import Alumnus, Phase


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = [
            "position",
            "name",
            "description",
            "meetings_per_week",
            "curfew",
            "minimum_weeks",
            "overnight_passes_per_month",
            "may_mentor",
        ]
        widgets = {"curfew": TimeInput(), "description": forms.Textarea(attrs={"rows": 2})}


class AdvanceRequestForm(forms.Form):
    why_ready = forms.CharField(label=_("Why I am ready"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"), choices=[("yes", "Approve"), ("no", "Not yet")], coerce=lambda value: value == "yes"
    )
    note = forms.CharField(label=_("Note for the resident"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    by_house_vote = forms.BooleanField(label=_("The house decided this by vote"), required=False)


class MoveForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("Move to"), queryset=Phase.objects.none())
    on = forms.DateField(label=_("From"), widget=DateInput())
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, phases=None, **kwargs):
        super().__init__(*args, **kwargs)
        if phases is not None:
            self.fields["phase"].queryset = phases


class AlumnusForm(forms.ModelForm):
    class Meta:
        model = Alumnus
        fields = ["stay_connected", "willing_to_mentor", "contact_note"]
        labels = {
            "stay_connected": "Keep me connected to the house",
            "willing_to_mentor": "I'd like to mentor newcomers",
        }
