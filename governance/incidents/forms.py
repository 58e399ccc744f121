"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils import timezone

from governance.incidents.models import IncidentKind, Severity
from recovery.fields import HomeDateTimeField
from recovery.tenancy import home_now
from recovery.widgets import DateInput
from residents.plans.models import SelfCategory


class IncidentForm(forms.Form):
    residence = forms.ModelChoiceField(queryset=None, label="Home")
    kind = forms.ChoiceField(label="What kind of incident", choices=IncidentKind.choices)
    severity = forms.ChoiceField(choices=Severity.choices, help_text="Critical tells the managers at once.")
    occurred_at = HomeDateTimeField(label="When it happened")  # on the chosen home's clock
    location = forms.CharField(label="Where", max_length=200, required=False)
    description = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    involved = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label="Residents involved", widget=forms.CheckboxSelectMultiple
    )
    witnesses = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label="Residents who saw it", widget=forms.CheckboxSelectMultiple
    )
    others_involved = forms.CharField(
        label="Anyone else involved or who saw it", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    naloxone_given = forms.BooleanField(label="Naloxone was given", required=False)
    called_911 = forms.BooleanField(label="911 was called", required=False)
    other_action = forms.CharField(
        label="Anything else done at once", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    self_category = forms.ChoiceField(
        label="S.E.L.F. category", choices=[("", "None"), *SelfCategory.choices], required=False
    )
    confidential = forms.BooleanField(
        label="Keep my name from other residents",
        required=False,
        help_text="Only the admins and the home's house manager will see who reported it.",
    )

    def __init__(self, *args, residences, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence"].queryset = residences
        only_homes = list(residences[:2])
        if len(only_homes) == 1:  # a resident's own home, or a manager's one house: chosen already
            self.fields["residence"].initial = only_homes[0].pk
            self.fields["residence"].empty_label = None
        self.fields["involved"].queryset = residents
        self.fields["witnesses"].queryset = residents
        if "occurred_at" not in self.initial:
            now = home_now(only_homes[0]) if len(only_homes) == 1 else timezone.localtime()
            self.initial["occurred_at"] = now.replace(second=0, microsecond=0, tzinfo=None)

    def clean_residence(self):
        """The home chosen; the time typed is read on its clock (`occurred_at` is cleaned after it)."""
        residence = self.cleaned_data["residence"]
        self.fields["occurred_at"].at_home(residence)
        return residence


class ReviewForm(forms.Form):
    what_happened = forms.CharField(label="What happened", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    what_helped = forms.CharField(label="What helped", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    what_we_change = forms.CharField(label="What we change", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    complete = forms.BooleanField(label="The review is complete", required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label="Follow-up action", max_length=300)
    owner = forms.ModelChoiceField(queryset=None, label="Who does it")
    due_on = forms.DateField(label="By", widget=DateInput)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email


class SeverityForm(forms.Form):
    severity = forms.ChoiceField(choices=Severity.choices, help_text="Critical tells the admins and managers at once.")


class ResolveForm(forms.Form):
    resolution = forms.CharField(label="How it was resolved", widget=forms.Textarea(attrs={"rows": 3}))
