"""Input for the treasury pages."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput


class ExpenseForm(forms.Form):
    spent_on = forms.DateField(label=_("Date"), widget=DateInput())
    what = forms.CharField(label=_("What"), max_length=200)
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    paid_by = forms.ModelChoiceField(label=_("Paid by"), queryset=None, required=False, empty_label=_("The house fund"))

    def __init__(self, *args, residents=(), **kwargs):
        from residents.models import Resident

        super().__init__(*args, **kwargs)
        self.fields["paid_by"].queryset = Resident.objects.filter(pk__in=[r.pk for r in residents])


class ContributionForm(forms.Form):
    resident = forms.ModelChoiceField(label=_("Who paid in"), queryset=None)
    paid_on = forms.DateField(label=_("Date"), widget=DateInput())
    amount = forms.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    note = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, residents=(), **kwargs):
        from residents.models import Resident

        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(pk__in=[r.pk for r in residents])


class MonthForm(forms.Form):
    month = forms.DateField(label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"}))
