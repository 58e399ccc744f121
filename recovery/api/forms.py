"""The form that makes a personal access token."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.api.services import MAX_DAYS, api_resources

LIFETIMES = [(7, "7 days"), (30, "30 days"), (90, "90 days"), (365, "A year")]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What it is for"), max_length=100, help_text=_("So you know which to revoke, e.g. “billing export”.")
    )
    can_write = forms.TypedChoiceField(
        label=_("It may"),
        choices=[("false", "Read only"), ("true", "Read and change (post payments, create records)")],
        coerce=lambda value: value == "true",
        initial="false",
        widget=forms.RadioSelect,
    )
    resources = forms.MultipleChoiceField(
        label=_("Which parts of Hearth"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what the software needs."),
    )
    days = forms.TypedChoiceField(
        label=_("It stops working after"),
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        help_text=f"At most {MAX_DAYS} days.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resources"].choices = [(name, name.replace("-", " ")) for name in api_resources()]
