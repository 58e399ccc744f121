"""Forms for the residences' pages."""

from django import forms
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneFormField

from recovery.models import Membership, Role
from recovery.widgets import DateInput, TimeInput
from residences.models import Bed, Level, Residence


class ResidenceForm(forms.ModelForm):
    class Meta:
        model = Residence
        fields = [
            "name",
            "level",
            "population",
            "mat_welcoming",
            "street",
            "city",
            "state",
            "postal_code",
            "phone",
            "email",
        ]


class ResidencePoliciesForm(forms.ModelForm):
    time_zone = TimeZoneFormField(
        use_pytz=False,
        required=False,
        label=_("Time zone"),
        help_text=_(
            "Leave as the organization's unless this home is in another time zone. Check-in window and "
            "reminders, curfew and due-back times, chores week, house meetings and rent dates follow this clock."
        ),
    )
    managers = forms.ModelMultipleChoiceField(
        label=_("House managers"),
        required=False,
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see and run this home."),
    )

    class Meta:
        model = Residence
        fields = [
            "name",
            "level",
            "population",
            "mat_welcoming",
            "street",
            "city",
            "state",
            "postal_code",
            "phone",
            "email",
            "certification_body",
            "certification_number",
            "certification_expires_on",
            "check_in_opens_at",
            "check_in_closes_at",
            "curfew",
            "time_zone",
            "review_every_days",
            "weekly_reviews_first_month",
            "rent_amount",
            "rent_period",
            "rent_rule",
            "random_tests_per_month",
            "mat_storage",
            "democracy_features",
            "drug_screening",
            "clinical_documentation",
            "medication_records",
            "publish_availability",
        ]
        widgets = {
            "certification_expires_on": DateInput(),
            "check_in_opens_at": TimeInput(),
            "check_in_closes_at": TimeInput(),
            "curfew": TimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.instance.organization if self.instance.organization_id else None
        same = f"The organization's ({organization.time_zone})" if organization else "The organization's"
        self.fields["time_zone"].choices = [("", same), *self.fields["time_zone"].choices]
        self.fields["managers"].queryset = Membership.objects.filter(
            role=Role.HOUSE_MANAGER, is_active=True
        ).select_related("user")
        if self.instance.pk:
            self.fields["managers"].initial = list(
                self.instance.manager_assignments.values_list("membership_id", flat=True)
            )

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("check_in_opens_at"), cleaned.get("check_in_closes_at")
        if opens and closes and opens >= closes:
            self.add_error("check_in_closes_at", _("The check-in window must close after it opens."))
        if cleaned.get("rent_amount") is not None and cleaned["rent_amount"] < 0:
            self.add_error("rent_amount", _("Rent cannot be negative."))
        return cleaned


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Room name"), max_length=60, help_text=_("e.g. “Upstairs front” or “Room 3”."))
    beds = forms.CharField(
        label=_("Beds"), max_length=200, initial="A, B", help_text=_("Bed labels separated by commas, e.g. “A, B”.")
    )

    def clean_beds(self):
        labels = [label.strip() for label in self.cleaned_data["beds"].split(",") if label.strip()]
        if not labels:
            raise forms.ValidationError(_("Name at least one bed."))
        if len(set(labels)) != len(labels):
            raise forms.ValidationError(_("Each bed in a room needs its own label."))
        if any(len(label) > 40 for label in labels):
            raise forms.ValidationError(_("Keep each bed label under 40 characters."))
        return labels


class BedServiceForm(forms.ModelForm):
    class Meta:
        model = Bed
        fields = ["in_service", "out_of_service_reason"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("in_service") and not cleaned.get("out_of_service_reason", "").strip():
            self.add_error("out_of_service_reason", _("Say why the bed is out of service, e.g. “broken frame”."))
        return cleaned


LEVEL_HELP = {level.value: level.label for level in Level}
