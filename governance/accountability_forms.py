"""Input for the accountability pages: each form is given the querysets the person may choose from."""

from django import forms
from django.utils import timezone

from governance.drug_tests.models import LabConfirmation, Outcome, Substance, TestKind
from governance.incidents.models import IncidentKind, Severity
from governance.ladder.models import AppealStatus
from residents.plans.models import SelfCategory


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class IncidentForm(forms.Form):
    residence = forms.ModelChoiceField(queryset=None, label="Home")
    kind = forms.ChoiceField(label="What kind of incident", choices=IncidentKind.choices)
    severity = forms.ChoiceField(choices=Severity.choices, help_text="Critical tells the managers at once.")
    occurred_at = forms.DateTimeField(label="When it happened", widget=DateTimeInput(format="%Y-%m-%dT%H:%M"))
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
        self.fields["involved"].queryset = residents
        self.fields["witnesses"].queryset = residents
        if "occurred_at" not in self.initial:
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)


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


class StepForm(forms.Form):
    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=300, required=False)


class ViolationForm(forms.Form):
    rule = forms.CharField(label="The house rule", max_length=300)
    occurred_on = forms.DateField(label="When", widget=DateInput)
    evidence = forms.CharField(label="What was seen", widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, label="Response")

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class StatementForm(forms.Form):
    statement = forms.CharField(label="In my own words", widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)


class AppealForm(forms.Form):
    reason = forms.CharField(label="Why I am appealing", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)


class AppealDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision", choices=[c for c in AppealStatus.choices if c[0] not in ("", "pending")]
    )
    outcome = forms.CharField(label="Outcome, for the resident", widget=forms.Textarea(attrs={"rows": 3}))
    step = forms.ModelChoiceField(queryset=None, required=False, label="New response (if changed)")

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps


class TestForm(forms.Form):
    kind = forms.ChoiceField(choices=TestKind.choices)
    due_on = forms.DateField(label="Date", widget=DateInput)


class ResultsForm(forms.Form):
    """One outcome per substance (left blank: not on this panel)."""

    observed_by_name = forms.CharField(label="Observed by", max_length=200)
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
    note = forms.CharField(label="What was done", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class TestingPolicyForm(forms.Form):
    rate_per_month = forms.DecimalField(
        label="Random tests per resident per month", min_value=0, max_digits=4, decimal_places=2
    )
    reason = forms.CharField(
        label="Why this home needs more than two a week (if it does)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    ladder_on_positive = forms.BooleanField(label="A positive also goes on the consequence ladder", required=False)
    ladder_on_refusal = forms.BooleanField(label="A refusal also goes on the consequence ladder", required=False)


class GrievanceForm(forms.Form):
    subject = forms.CharField(label="In a few words", max_length=200)
    details = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 5}))
    what_would_help = forms.CharField(
        label="What would put it right", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    about_house_manager = forms.BooleanField(
        label="It is about the house manager",
        required=False,
        help_text="Then it goes to the admins only; the house manager will not see it.",
    )


class GrievanceResponseForm(forms.Form):
    response = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.CharField(max_length=200, required=False, help_text="In a line, e.g. “Chore rota changed”.")


class MediationForm(forms.Form):
    parties = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple, label="Who")
    issue = forms.CharField(label="What it is about", widget=forms.Textarea(attrs={"rows": 3}))
    facilitator_name = forms.CharField(label="Facilitator", max_length=200, required=False)
    held_on = forms.DateField(label="Held on", widget=DateInput)
    agreement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label="Follow up on", required=False, widget=DateInput)

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = residents


class FollowUpForm(forms.Form):
    agreement = forms.CharField(label="The agreement, as it stands now", widget=forms.Textarea(attrs={"rows": 3}))
