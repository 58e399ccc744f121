"""Forms for a stay: adding a resident directly, moving out and transferring to another bed."""

from datetime import timedelta

from django import forms

from recovery.widgets import DateInput
from residences.models import Bed, DischargeReason


class MoveOutForm(forms.Form):
    on = forms.DateField(label="Move-out date", widget=DateInput())
    reason = forms.ChoiceField(label="Reason", choices=[("", "Choose a reason"), *DischargeReason.choices])
    destination = forms.CharField(label="Where they are going next", required=False, max_length=200)


class TransferForm(forms.Form):
    bed = forms.ModelChoiceField(label="New bed", queryset=Bed.objects.none())
    on = forms.DateField(label="Transfer date", widget=DateInput())

    def __init__(self, *args, beds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if beds is not None:
            self.fields["bed"].queryset = beds
        self.fields["bed"].label_from_instance = lambda bed: f"{bed.room.residence.name} · {bed}"


# As for the admit wizard: an admission may be recorded a little late, not rewritten months on.
ADD_PAST_DAYS, ADD_AHEAD_DAYS = 30, 366


class AddResidentForm(forms.Form):
    """A direct admission by staff: who, and which bed from which day (beds free today in the homes they run)."""

    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    preferred_name = forms.CharField(label="Goes by (optional)", max_length=100, required=False)
    email = forms.EmailField(label="Email (optional)", required=False, help_text="To email them an invitation.")
    phone = forms.CharField(label="Mobile phone (optional)", max_length=30, required=False)
    bed = forms.ModelChoiceField(
        label="Bed",
        queryset=Bed.objects.none(),
        empty_label="Choose a free bed",
        error_messages={
            "required": "Choose a bed.",
            "invalid_choice": "That bed is not free any more. Choose another.",
        },
    )
    move_in = forms.DateField(
        label="Move-in date",
        widget=DateInput(),
        error_messages={"invalid": "Enter the date as year-month-day, for example 2025-06-01."},
    )

    def __init__(self, *args, beds, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["bed"].queryset = beds
        self.fields["bed"].label_from_instance = lambda bed: (
            f"{bed.room.residence.name} · {bed.room.name} · {bed.label}"
        )

    def clean_move_in(self):
        move_in = self.cleaned_data["move_in"]
        if move_in < self.today - timedelta(days=ADD_PAST_DAYS):
            raise forms.ValidationError(f"A move-in can be recorded up to {ADD_PAST_DAYS} days late, not more.")
        if move_in > self.today + timedelta(days=ADD_AHEAD_DAYS):
            raise forms.ValidationError("Choose a move-in date within the next year.")
        return move_in
