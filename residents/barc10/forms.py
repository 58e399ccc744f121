"""Forms for progress reviews, the BARC-10, and safety and self-care plans."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.barc10 import scoring as barc10
from residents.barc10.models import BARC10_ITEM_FIELDS, Barc10Occasion


class Barc10Form(forms.Form):
    """Ten statements, each answered on the six-point scale; every one is required."""

    occasion = forms.ChoiceField(label=_("When is this?"), choices=Barc10Occasion.choices, initial=Barc10Occasion.OTHER)

    def __init__(self, *args, ask_occasion=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_occasion:
            del self.fields["occasion"]
        for n, (name, statement) in enumerate(zip(BARC10_ITEM_FIELDS, barc10.ITEMS, strict=True), 1):
            self.fields[name] = forms.TypedChoiceField(
                label=f"{n}. {statement}",
                choices=barc10.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Please choose an answer for this statement."},
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[name] for name in BARC10_ITEM_FIELDS]
