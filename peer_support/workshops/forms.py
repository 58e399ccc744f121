"""Forms for workshops and their sessions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.workshops.models import WorkshopTopic
from recovery.fields import HomeDateTimeField


class WorkshopForm(forms.Form):
    topic = forms.ChoiceField(choices=WorkshopTopic.choices)
    title = forms.CharField(max_length=150)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SessionForm(forms.Form):
    residence = forms.ModelChoiceField(label=_("Home"), queryset=None, required=False, empty_label=_("All homes"))
    starts_at = HomeDateTimeField(label=_("Date and time"))  # on the chosen home's clock, else the organization's
    place = forms.CharField(max_length=150)
    facilitator_user = forms.ModelChoiceField(label=_("Facilitator (staff)"), queryset=None, required=False)
    facilitator_resident = forms.ModelChoiceField(
        label=_("Or a peer facilitator (resident)"), queryset=None, required=False
    )
    materials = forms.CharField(
        label=_("Materials (links, one per line, and short text)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, homes, staff_users, residents, allow_all_homes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = homes
        self.fields["residence"].required = not allow_all_homes
        self.fields["facilitator_user"].queryset = staff_users
        self.fields["facilitator_user"].label_from_instance = lambda user: user.get_full_name() or "Staff member"
        self.fields["facilitator_resident"].queryset = residents
        self.fields["facilitator_resident"].label_from_instance = lambda resident: resident.display_name

    def clean_residence(self):
        """The home chosen (None: all homes); the time typed is read on its clock (`starts_at` is cleaned after it)."""
        residence = self.cleaned_data["residence"]
        self.fields["starts_at"].at_home(residence)
        return residence

    def clean(self):
        data = super().clean()
        if data.get("facilitator_user") and data.get("facilitator_resident"):
            raise forms.ValidationError(_("Choose one facilitator: a staff member or a resident, not both."))
        return data


class RsvpForm(forms.Form):
    going = forms.TypedChoiceField(choices=[("yes", "Going"), ("no", "Not going")], coerce=lambda value: value == "yes")


class SessionNotesForm(forms.Form):
    notes = forms.CharField(label=_("Session notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    materials = forms.CharField(
        label=_("Materials (links, one per line, and short text)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
