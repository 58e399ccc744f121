"""The endpoint form: where to send, what for, and which events."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.webhooks import events


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("A public https address of the system that receives the events."),
        widget=forms.URLInput(attrs={"placeholder": "https://hooks.example.org/hearth"}),
    )
    description = forms.CharField(
        max_length=200, required=False, help_text=_("What receives these, so your team knows: “Billing”, “HMIS”.")
    )
    events = forms.MultipleChoiceField(
        choices=events.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Each delivery carries only ids and the event's kind; the receiver reads the rest through the API."
        ),
    )
