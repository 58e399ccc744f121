"""Forms for pairing a mentor, ending a mentorship and logging a contact."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.mentorships.models import ContactHow
from recovery.lookups import requested_id
from recovery.widgets import DateInput


class PairForm(forms.Form):
    mentor = forms.CharField(widget=forms.HiddenInput)

    def clean_mentor(self):
        value = self.cleaned_data["mentor"]
        kind, _sep, pk = value.partition(":")
        if kind not in ("resident", "coach") or requested_id(pk) is None:
            raise forms.ValidationError(_("Choose a mentor from the list."))
        return kind, int(pk)


class EndMentorshipForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DateInput())
    reason = forms.CharField(label=_("Why it ends"), max_length=200)


class ContactForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())
    how = forms.ChoiceField(label=_("How"), choices=ContactHow.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("A short note (optional)"), max_length=280, required=False)
