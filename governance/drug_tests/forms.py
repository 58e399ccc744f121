"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.drug_tests.models import LabConfirmation, Outcome, Substance, TestKind
from recovery.widgets import DateInput


class TestForm(forms.Form):
    kind = forms.ChoiceField(choices=TestKind.choices)
    due_on = forms.DateField(label=_("Date"), widget=DateInput)


class ResultsForm(forms.Form):
    """One outcome per substance (left blank: not on this panel)."""

    observed_by_name = forms.CharField(label=_("Observed by"), max_length=200)
    lab_confirmation = forms.ChoiceField(choices=LabConfirmation.choices, initial=LabConfirmation.NOT_SENT)
    lab_reference = forms.CharField(max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Substance.choices:
            self.fields[f"result_{value}"] = forms.ChoiceField(
                label=label, required=False, choices=[("", "Not tested"), *Outcome.choices]
            )

    def results(self) -> dict[str, str]:
        return {v: self.cleaned_data[f"result_{v}"] for v in Substance.values if self.cleaned_data.get(f"result_{v}")}


class ResponseNoteForm(forms.Form):
    note = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TestingPolicyForm(forms.Form):
    rate_per_month = forms.DecimalField(
        label=_("Random tests per resident per month"), min_value=0, max_digits=4, decimal_places=2
    )
    reason = forms.CharField(
        label=_("Why this home needs more than two a week (if it does)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    ladder_on_positive = forms.BooleanField(label=_("A positive also goes on the consequence ladder"), required=False)
    ladder_on_refusal = forms.BooleanField(label=_("A refusal also goes on the consequence ladder"), required=False)
