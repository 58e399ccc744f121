"""Forms for progress reviews, the BARC-10, and safety and self-care plans."""

from django import forms
from django.utils.translation import gettext_lazy as _

from residents.safety_plans.models import SafetyPlan, SelfCarePlan


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
            raise forms.ValidationError(_("Choose between 7 and 180 days."))
        return days
