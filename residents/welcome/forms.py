"""Forms for the resident's sign-in: how to invite them, which account to link, and the confirmation to revoke."""

from django import forms

from residents.welcome.models import InvitationChannel


class InviteForm(forms.Form):
    channel = forms.ChoiceField(
        choices=[(InvitationChannel.EMAIL, "Email"), (InvitationChannel.SMS, "Text message")],
        error_messages={"invalid_choice": "Choose email or a text message.", "required": "Choose how to send it."},
    )


class LinkSignInForm(forms.Form):
    membership = forms.ModelChoiceField(
        label="Resident account",
        queryset=None,
        empty_label="Choose an account",
        help_text="Resident accounts of this organization that are not linked to a record yet.",
        error_messages={
            "required": "Choose the account to link.",
            "invalid_choice": "That account cannot be linked now. Choose another.",
        },
    )
    confirm = forms.BooleanField(
        label="Yes, this account is this resident's own",
        error_messages={"required": "Tick the box to confirm whose account this is."},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = candidates
        self.fields["membership"].label_from_instance = lambda membership: membership.user.email


class RevokeSignInForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes, take this sign-in away",
        error_messages={"required": "Tick the box to confirm that the sign-in should be taken away."},
    )
