"""Logging an outside meeting: only your own attendance."""

from django import forms

from peer_support.outside_meetings.models import MeetingKind
from recovery.widgets import DateInput


class OutsideMeetingForm(forms.Form):
    attended_on = forms.DateField(label="Date", widget=DateInput())
    name = forms.CharField(label="Meeting", max_length=120, help_text="e.g. Tuesday Night Big Book")
    kind = forms.ChoiceField(label="Kind", choices=MeetingKind.choices)
    place = forms.CharField(
        label="Place",
        max_length=120,
        required=False,
        help_text="Only your own attendance: no photos and no names of anyone else who was there.",
    )
