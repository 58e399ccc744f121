"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput


class GrievanceForm(forms.Form):
    subject = forms.CharField(label=_("In a few words"), max_length=200)
    details = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 5}))
    what_would_help = forms.CharField(
        label=_("What would put it right"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    about_house_manager = forms.BooleanField(
        label=_("It is about the house manager"),
        required=False,
        help_text=_("Then it goes to the admins only; the house manager will not see it."),
    )


class GrievanceResponseForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.CharField(max_length=200, required=False, help_text=_("In a line, e.g. “Chore rota changed”."))


class MediationForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple, label=_("Who"))
    issue = forms.CharField(label=_("What it is about"), widget=forms.Textarea(attrs={"rows": 3}))
    facilitator_name = forms.CharField(label=_("Facilitator"), max_length=200, required=False)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput)
    agreement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DateInput)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = residents


class FollowUpForm(forms.Form):
    agreement = forms.CharField(label=_("The agreement, as it stands now"), widget=forms.Textarea(attrs={"rows": 3}))
