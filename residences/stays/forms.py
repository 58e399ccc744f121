"""Forms for a stay: moving out and transferring to another bed."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput
from residences.models import Bed, DischargeReason
from residences.stays.services import MOVE_OUT_AHEAD_DAYS


class MoveOutForm(forms.Form):
    on = forms.DateField(label=_("Move-out date"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "Choose a reason"), *DischargeReason.choices])
    destination = forms.CharField(label=_("Where they are going next"), required=False, max_length=200)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_on(self):
        """A planned move-out is within a year of the home's `today` (a typo such as 9999 is a form message)."""
        on = self.cleaned_data["on"]
        if self.today is not None and on > self.today + timedelta(days=MOVE_OUT_AHEAD_DAYS):
            raise forms.ValidationError(_("Choose a move-out date within the next year."))
        return on


class TransferForm(forms.Form):
    bed = forms.ModelChoiceField(label=_("New bed"), queryset=Bed.objects.none())
    on = forms.DateField(label=_("Transfer date"), widget=DateInput())

    def __init__(self, *args, beds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if beds is not None:
            self.fields["bed"].queryset = beds
        self.fields["bed"].label_from_instance = lambda bed: f"{bed.room.residence.name} · {bed}"
