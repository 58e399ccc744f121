"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.incidents.models import IncidentKind, Severity
from recovery.fields import HomeDateTimeField
from recovery.tenancy import home_now
from recovery.widgets import DateInput
from residents.plans.models import SelfCategory


class IncidentForm(forms.Form):
    residence = forms.ModelChoiceField(queryset=None, label=_("Home"))
    kind = forms.ChoiceField(label=_("What kind of incident"), choices=IncidentKind.choices)
    severity = forms.ChoiceField(choices=Severity.choices, help_text=_("Critical tells the managers at once."))
    occurred_at = HomeDateTimeField(label=_("When it happened"))  # on the chosen home's clock
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    involved = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Residents involved"), widget=forms.CheckboxSelectMultiple
    )
    witnesses = forms.ModelMultipleChoiceField(
        queryset=None, required=False, label=_("Residents who saw it"), widget=forms.CheckboxSelectMultiple
    )
    others_involved = forms.CharField(
        label=_("Anyone else involved or who saw it"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    naloxone_given = forms.BooleanField(label=_("Naloxone was given"), required=False)
    called_911 = forms.BooleanField(label=_("911 was called"), required=False)
    other_action = forms.CharField(
        label=_("Anything else done at once"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    self_category = forms.ChoiceField(
        label=_("S.E.L.F. category"), choices=[("", "None"), *SelfCategory.choices], required=False
    )
    confidential = forms.BooleanField(
        label=_("Keep my name from other residents"),
        required=False,
        help_text=_("Only the admins and the home's house manager will see who reported it."),
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
    what_happened = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    what_helped = forms.CharField(label=_("What helped"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    what_we_change = forms.CharField(
        label=_("What we change"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    complete = forms.BooleanField(label=_("The review is complete"), required=False)


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Follow-up action"), max_length=300)
    owner = forms.ModelChoiceField(queryset=None, label=_("Who does it"))
    due_on = forms.DateField(label=_("By"), widget=DateInput)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email


class SeverityForm(forms.Form):
    severity = forms.ChoiceField(
        choices=Severity.choices, help_text=_("Critical tells the admins and managers at once.")
    )


class ResolveForm(forms.Form):
    resolution = forms.CharField(label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 3}))
