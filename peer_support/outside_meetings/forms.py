"""Logging an outside meeting: only your own attendance."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.outside_meetings.models import MeetingKind
from recovery.widgets import DateInput


class OutsideMeetingForm(forms.Form):
    attended_on = forms.DateField(label=_("Date"), widget=DateInput())
    name = forms.CharField(label=_("Meeting"), max_length=120, help_text=_("e.g. Tuesday Night Big Book"))
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    place = forms.CharField(
        label=_("Place"),
        max_length=120,
        required=False,
        help_text=_("Only your own attendance: no photos and no names of anyone else who was there."),
    )
