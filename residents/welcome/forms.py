"""Forms for a resident's start: adding them directly (and inviting them in the same step), how to invite them,
which account to link, and the confirmation to revoke their sign-in."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput
from residences.models import Bed
from residents.welcome.models import InvitationChannel

# As for the admit wizard: an admission may be recorded a little late, not rewritten months on.
ADD_PAST_DAYS, ADD_AHEAD_DAYS = 30, 366


class AddResidentForm(forms.Form):
    """A direct admission by staff: who, and which bed from which day (beds free today in the homes they run)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    preferred_name = forms.CharField(label=_("Goes by (optional)"), max_length=100, required=False)
    email = forms.EmailField(label=_("Email (optional)"), required=False, help_text=_("To email them an invitation."))
    phone = forms.CharField(label=_("Mobile phone (optional)"), max_length=30, required=False)
    bed = forms.ModelChoiceField(
        label=_("Bed"),
        queryset=Bed.objects.none(),
        empty_label=_("Choose a free bed"),
        error_messages={
            "required": "Choose a bed.",
            "invalid_choice": "That bed is not free any more. Choose another.",
        },
    )
    move_in = forms.DateField(
        label=_("Move-in date"),
        widget=DateInput(),
        error_messages={"invalid": "Enter the date as year-month-day, for example 2025-06-01."},
    )
    invite = forms.ChoiceField(
        label=_("Invite them to Hearth now"),
        choices=[
            (InvitationChannel.EMAIL, "By email"),
            (InvitationChannel.SMS, "By text message"),
            ("", "Not now (print a welcome sheet with a code, or invite later, from their welcome page)"),
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose email, a text message, or not now."},
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
            raise forms.ValidationError(_("Choose a move-in date within the next year."))
        return move_in

    def clean(self):
        cleaned = super().clean()
        channel = cleaned.get("invite")
        if channel == InvitationChannel.EMAIL and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("invite", _("Add their email address above to invite them by email, or choose another way."))
        if channel == InvitationChannel.SMS and not cleaned.get("phone"):
            self.add_error("invite", _("Add their mobile phone above to invite them by text, or choose another way."))
        return cleaned


class InviteForm(forms.Form):
    channel = forms.ChoiceField(
        choices=[(InvitationChannel.EMAIL, "Email"), (InvitationChannel.SMS, "Text message")],
        error_messages={"invalid_choice": "Choose email or a text message.", "required": "Choose how to send it."},
    )


class LinkSignInForm(forms.Form):
    membership = forms.ModelChoiceField(
        label=_("Resident account"),
        queryset=None,
        empty_label=_("Choose an account"),
        help_text=_("Resident accounts of this organization that are not linked to a record yet."),
        error_messages={
            "required": "Choose the account to link.",
            "invalid_choice": "That account cannot be linked now. Choose another.",
        },
    )
    confirm = forms.BooleanField(
        label=_("Yes, this account is this resident's own"),
        error_messages={"required": "Tick the box to confirm whose account this is."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = candidates
        self.fields["membership"].label_from_instance = lambda membership: membership.user.email


class RevokeSignInForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, take this sign-in away"),
        error_messages={"required": "Tick the box to confirm that the sign-in should be taken away."},
    )
