"""Forms for partners, goal links, events and service hours."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.community.models import EventKind, ServiceKind
from recovery.widgets import DateInput, DateTimeInput


class PartnerForm(forms.Form):
    name = forms.CharField(max_length=150)
    services = forms.MultipleChoiceField(
        choices=ServiceKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    contacts = forms.CharField(label=_("Contact people"), max_length=200, required=False)
    phone = forms.CharField(max_length=30, required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    address = forms.CharField(max_length=250, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class LinkGoalForm(forms.Form):
    """On a partner's page: choose a goal of a resident you look after."""

    goal = forms.ModelChoiceField(queryset=None, empty_label=_("Choose a goal"))

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda goal: f"{goal.plan.stay.resident.display_name}: {goal.title}"


class LinkPartnerForm(forms.Form):
    """For a goal: choose a partner."""

    partner = forms.ModelChoiceField(queryset=None, empty_label=_("Choose a partner"))

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners


class EventForm(forms.Form):
    kind = forms.ChoiceField(choices=EventKind.choices)
    title = forms.CharField(max_length=150)
    starts_at = forms.DateTimeField(label=_("Date and time"), widget=DateTimeInput())
    place = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ServiceHoursForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())
    hours = forms.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal("24"))
    where = forms.CharField(label=_("Where"), max_length=150)
