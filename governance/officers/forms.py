"""Input for the house meeting, vote and officer pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.officers.models import Office
from recovery.widgets import DateInput


class OfficerTermForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=Office.choices)
    resident = forms.TypedChoiceField(label=_("Resident"), coerce=int)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until (optional)"), widget=DateInput(), required=False)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.residents = {resident.pk: resident for resident in residents}
        self.fields["resident"].choices = [(pk, r.display_name) for pk, r in self.residents.items()]


class ElectionForm(forms.Form):
    office = forms.ChoiceField(label=_("Office"), choices=Office.choices)
    term_months = forms.IntegerField(label=_("Term (months)"), min_value=1, max_value=24, initial=6)


class NominationForm(forms.Form):
    candidate = forms.TypedChoiceField(label=_("Who should stand? (you can nominate yourself)"), coerce=int)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.residents = {resident.pk: resident for resident in residents}
        self.fields["candidate"].choices = [(pk, r.display_name) for pk, r in self.residents.items()]


class ElectionVoteForm(forms.Form):
    nomination = forms.TypedChoiceField(label=_("Your vote"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [(n.pk, n.candidate.display_name) for n in nominations]
