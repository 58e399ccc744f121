"""Input for the resident profile, the plan editor, progress and case notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from recovery.widgets import DateInput
from residents.models import (
    CaseNote,
    Domain,
    EmergencyContact,
    Goal,
    GoalStatus,
    Milestone,
    Pathway,
    PlanResource,
    Resident,
    SelfCategory,
)


class ResidentFilterForm(forms.Form):
    house = forms.TypedChoiceField(label=_("House"), coerce=int, required=False, empty_value=None)
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    flag = forms.ChoiceField(label=_("Flag"), required=False)

    def __init__(self, *args, houses=(), phase_names=(), **kwargs):
        from residents.plans.selectors import FLAGS

        super().__init__(*args, **kwargs)
        self.fields["house"].choices = [("", "Every house"), *((home.pk, home.name) for home in houses)]
        self.fields["phase"].choices = [("", "Any phase"), *((name, name) for name in phase_names)]
        self.fields["flag"].choices = [("", "Any"), *FLAGS.items()]


class ResidentProfileForm(forms.ModelForm):
    pathways = forms.MultipleChoiceField(
        label=_("Recovery pathways"), choices=Pathway.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Resident
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "phone",
            "email",
            "recovery_start_date",
            "pathways",
            "work_or_school",
            "justice_involvement",
            "justice_officer_name",
            "justice_officer_contact",
        ]
        widgets = {
            "date_of_birth": DateInput(),
            "recovery_start_date": DateInput(),
        }
        help_texts = {
            "justice_officer_name": "Kept only with the resident's signed consent naming this officer as a recipient.",
        }

    def clean(self):
        """Part 2: the officer to whom reports go is recorded only under a consent in force that names them."""
        from residents.consents.services import officer_consent

        data = super().clean()
        name, contact = data.get("justice_officer_name", ""), data.get("justice_officer_contact", "")
        if (name or contact) and officer_consent(self.instance, name) is None:
            self.add_error(
                "justice_officer_name",
                "Record the resident's signed consent naming this officer as a recipient first (on their consents "
                "page); the officer's details are kept only with consent.",
            )
        return data


class ExitPlanForm(forms.Form):
    exit_where_next = forms.CharField(label=_("Where next"), max_length=200, required=False)
    exit_supports = forms.CharField(
        label=_("Supports in place"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    clinical_considerations = forms.CharField(label=_("Clinical considerations"), required=False, widget=forms.Textarea)

    def __init__(self, *args, clinical=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not clinical:
            del self.fields["clinical_considerations"]


class GoalForm(forms.ModelForm):
    domain = forms.ChoiceField(label=_("Life domain"), choices=Domain.choices)
    status = forms.ChoiceField(choices=GoalStatus.choices, initial=GoalStatus.NOT_STARTED)
    self_category = forms.ChoiceField(
        label=_("S.E.L.F. category"), choices=[("", "None"), *SelfCategory.choices], required=False
    )

    class Meta:
        model = Goal
        fields = ["domain", "title", "why", "status", "self_category"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "target_date"]
        widgets = {"target_date": DateInput()}


class ResourceForm(forms.ModelForm):
    class Meta:
        model = PlanResource
        fields = ["kind", "name", "contact"]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class ProgressForm(forms.Form):
    goal = forms.ModelChoiceField(label=_("Goal"), queryset=Goal.objects.none())
    text = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class CaseNoteForm(forms.ModelForm):
    class Meta:
        model = CaseNote
        fields = ["text", "shared_with_resident"]


EmergencyContactFormSet = forms.inlineformset_factory(
    Resident, EmergencyContact, fields=["name", "relationship", "phone"], extra=1, can_delete=True
)
