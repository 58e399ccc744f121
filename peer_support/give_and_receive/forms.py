"""Forms for give and receive."""

from django import forms
from django.utils.translation import gettext_lazy as _

from peer_support.give_and_receive.models import HelpKind
from recovery.widgets import DateInput


class HelpForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("What happened"),
        choices=[("gave", "I helped them"), ("got", "They helped me")],
        widget=forms.RadioSelect,
    )
    other = forms.ModelChoiceField(label=_("Who"), queryset=None, empty_label=_("Choose a housemate"))
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    on = forms.DateField(label=_("When"), widget=DateInput())
    note = forms.CharField(label=_("A short note (optional)"), max_length=200, required=False)

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = others
        self.fields["other"].label_from_instance = lambda resident: resident.display_name
