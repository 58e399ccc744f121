"""Forms for progress reviews, the BARC-10, and safety and self-care plans."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput
from residents.medications.models import MatLogKind, Medication


class MedicationForm(forms.ModelForm):
    class Meta:
        model = Medication
        fields = ["name", "dose", "prescriber", "mat_kind", "stored_on_site", "started_on"]
        widgets = {"started_on": DateInput()}


class MatMovementForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=[c for c in MatLogKind.choices if c[0] != MatLogKind.COUNT]
    )
    quantity = forms.DecimalField(
        label=_("How much (doses, tablets, films or mL)"), min_value=Decimal("0.01"), max_digits=8, decimal_places=2
    )
    observed_by_name = forms.CharField(
        label=_("Observed by"), max_length=200, required=False, help_text=_("Needed for a self-administration.")
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)


class MatCountForm(forms.Form):
    counted = forms.DecimalField(label=_("Counted now"), min_value=Decimal("0"), max_digits=8, decimal_places=2)
    witness_name = forms.CharField(label=_("Counted with (witness)"), max_length=200, required=False)
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)
