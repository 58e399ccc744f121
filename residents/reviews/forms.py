"""Forms for progress reviews, the BARC-10, and safety and self-care plans."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProgressReviewForm(forms.Form):
    progress = forms.CharField(
        label=_("Overall progress"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Anything beyond the goals: what changed since the last review."),
    )
    reflection = forms.CharField(
        label=_("The resident's own reflection"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    next_steps = forms.CharField(label=_("Next steps"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    resident_signed_name = forms.CharField(
        label=_("Resident signs (type full name)"),
        max_length=200,
        required=False,
        help_text=_("Sign together when the review is done; both signatures complete it."),
    )
    reviewer_signed_name = forms.CharField(label=_("Reviewer signs (type full name)"), max_length=200, required=False)

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
        label=_("My reflection"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("How the last weeks went for you, in your own words."),
    )
    resident_signed_name = forms.CharField(
        label=_("Sign the review (type your full name)"),
        max_length=200,
        required=False,
        help_text=_("Sign when you agree with the review as written."),
    )
