"""Forms for progress reviews, the BARC-10, and safety and self-care plans."""

from decimal import Decimal

from django import forms

from residents.barc10 import scoring as barc10
from residents.review_models import BARC10_ITEM_FIELDS, Barc10Occasion, MatLogKind, Medication, SafetyPlan, SelfCarePlan


class ProgressReviewForm(forms.Form):
    progress = forms.CharField(
        label="Overall progress", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="Anything beyond the goals: what changed since the last review.",
    )  # fmt: skip
    reflection = forms.CharField(
        label="The resident's own reflection", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_steps = forms.CharField(label="Next steps", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    resident_signed_name = forms.CharField(
        label="Resident signs (type full name)", max_length=200, required=False,
        help_text="Sign together when the review is done; both signatures complete it.",
    )  # fmt: skip
    reviewer_signed_name = forms.CharField(label="Reviewer signs (type full name)", max_length=200, required=False)

    def __init__(self, *args, goals=(), **kwargs):
        """One field per goal of the plan, first: where it stands now, in words."""
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        goal_fields = {
            f"goal_{goal.pk}": forms.CharField(
                label=f"{goal.title} ({goal.get_domain_display().lower()})",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            for goal in self.goals
        }
        self.fields = {**goal_fields, **self.fields}

    def goal_notes(self) -> dict:
        return {goal: self.cleaned_data.get(f"goal_{goal.pk}", "") for goal in self.goals}

    def review_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if not name.startswith("goal_")}


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label="My reflection", widget=forms.Textarea(attrs={"rows": 5}), required=False,
        help_text="How the last weeks went for you, in your own words.",
    )  # fmt: skip
    resident_signed_name = forms.CharField(
        label="Sign the review (type your full name)", max_length=200, required=False,
        help_text="Sign when you agree with the review as written.",
    )  # fmt: skip


class Barc10Form(forms.Form):
    """Ten statements, each answered on the six-point scale; every one is required."""

    occasion = forms.ChoiceField(label="When is this?", choices=Barc10Occasion.choices, initial=Barc10Occasion.OTHER)

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


class SafetyPlanForm(forms.ModelForm):
    class Meta:
        model = SafetyPlan
        fields = [
            "warning_signs",
            "coping_strategies",
            "people_and_places",
            "people_to_call",
            "professional_contacts",
            "naloxone_location",
            "safe_environment",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "naloxone_location"}


class SelfCarePlanForm(forms.ModelForm):
    class Meta:
        model = SelfCarePlan
        fields = ["daily", "weekly", "when_stressed", "supports", "review_every_days"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ["daily", "weekly", "when_stressed", "supports"]}

    def clean_review_every_days(self):
        days = self.cleaned_data["review_every_days"]
        if not 7 <= days <= 180:
            raise forms.ValidationError("Choose between 7 and 180 days.")
        return days


class MedicationForm(forms.ModelForm):
    class Meta:
        model = Medication
        fields = ["name", "dose", "prescriber", "mat_kind", "stored_on_site", "started_on"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class MatMovementForm(forms.Form):
    kind = forms.ChoiceField(label="What happened", choices=[c for c in MatLogKind.choices if c[0] != MatLogKind.COUNT])
    quantity = forms.DecimalField(label="How much (doses, tablets, films or mL)", min_value=Decimal("0.01"),
                                  max_digits=8, decimal_places=2)  # fmt: skip
    observed_by_name = forms.CharField(label="Observed by", max_length=200, required=False,
                                       help_text="Needed for a self-administration.")  # fmt: skip
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)


class MatCountForm(forms.Form):
    counted = forms.DecimalField(label="Counted now", min_value=Decimal("0"), max_digits=8, decimal_places=2)
    witness_name = forms.CharField(label="Counted with (witness)", max_length=200, required=False)
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)
