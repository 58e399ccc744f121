"""The preferences form: which channels, which phone, which quiet hours."""

from django import forms

from recovery.notifications.models import NotificationPreference
from recovery.widgets import TimeInput


class NotificationPreferenceForm(forms.ModelForm):
    """Validation lives in the model (`NotificationPreference.clean`), so the form and the service agree."""

    class Meta:
        model = NotificationPreference
        fields = ["email_enabled", "sms_enabled", "phone_number", "quiet_hours_start", "quiet_hours_end"]
        widgets = {
            "phone_number": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
            "quiet_hours_start": TimeInput(format="%H:%M"),
            "quiet_hours_end": TimeInput(format="%H:%M"),
        }
        help_texts = {
            "phone_number": "Needed only for text messages.",
            "quiet_hours_start": "Between these times Hearth holds back emails and texts, except urgent ones.",
            "quiet_hours_end": "For overnight quiet hours, end before you start: 22:00 to 07:00.",
        }

    def __init__(self, *args, time_zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        if time_zone is not None:
            self.fields["quiet_hours_start"].help_text += f" Times are in {time_zone}."


class PushSubscriptionForm(forms.Form):
    """A browser's push subscription, as static/js/push.js posts it (PushSubscription.toJSON(), flattened)."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200, required=False)
    auth = forms.CharField(max_length=100, required=False)
