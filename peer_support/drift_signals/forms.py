"""Forms for signals: a coach's acknowledgement, and a home's thresholds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.drift_signals.models import SignalKind, SignalSettings


class AcknowledgeForm(forms.Form):
    kind = forms.ChoiceField(choices=SignalKind.choices, widget=forms.HiddenInput)
    evidence = forms.CharField(max_length=60, widget=forms.HiddenInput)
    note = forms.CharField(label=_("What I did (or will do)"), max_length=280)


class SignalSettingsForm(forms.ModelForm):
    class Meta:
        model = SignalSettings
        fields = [
            "missed_in_a_row",
            "craving_rise",
            "mood_fall",
            "window_days",
            "meeting_days",
            "mentor_contact_days",
            "isolation_days",
        ]
