"""Forms for give and receive."""

from django import forms

from peer_support.give_and_receive.models import HelpKind
from recovery.widgets import DateInput


class HelpForm(forms.Form):
    direction = forms.ChoiceField(
        label="What happened", choices=[("gave", "I helped them"), ("got", "They helped me")], widget=forms.RadioSelect
    )
    other = forms.ModelChoiceField(label="Who", queryset=None, empty_label="Choose a housemate")
    kind = forms.ChoiceField(label="Kind of help", choices=HelpKind.choices)
    on = forms.DateField(label="When", widget=DateInput())
    note = forms.CharField(label="A short note (optional)", max_length=200, required=False)

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = others
        self.fields["other"].label_from_instance = lambda resident: resident.display_name
