"""Forms for the platform pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneFormField
from timezone_field.forms import get_coerce

from recovery.audit.models import AuditEvent
from recovery.models import Membership, Organization, Role
from recovery.widgets import DateInput


class TimeZoneChoiceField(TimeZoneFormField):
    """A time zone from the list, as a ZoneInfo; any other value is the form message "Choose a time zone from the
    list." (issue 14's fuzzer: django-timezone-field looked a posted name up on disk when Django asked whether the
    field changed, and a 20,000-character name raised OSError, a NUL byte ValueError, both a server error).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, use_pytz=False, **kwargs)
        listed = {str(value) for value, _label in self.choices}
        to_zone = get_coerce(self.tz_backend)

        def listed_zone(value):
            if str(value) not in listed:
                raise forms.ValidationError(_("Choose a time zone from the list."))
            return to_zone(value)

        self.coerce = listed_zone
        self.error_messages["invalid_choice"] = "Choose a time zone from the list."


class OrganizationForm(forms.ModelForm):
    time_zone = TimeZoneChoiceField(
        initial="America/New_York", help_text=_("Check-in windows and reminders follow this clock.")
    )

    class Meta:
        model = Organization
        fields = ["name", "time_zone"]
        labels = {"name": "Organization name"}
        help_texts = {"name": "As residents and referrers know you, e.g. “Harbor Light Recovery Homes”."}


class OrganizationSettingsForm(forms.ModelForm):
    time_zone = TimeZoneChoiceField()
    # Switching the second step off is confirmed on purpose, not by one untick (issue 12, item 10).
    confirm_second_step_off = forms.BooleanField(
        required=False,
        label=_("Yes, let these roles sign in with a password alone"),
        help_text=(
            "Only for a demo organization. Without the second step, anyone who learns a staff member's or coach's "
            "password can open residents' records. The other administrators are told."
        ),
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "time_zone",
            "is_part2_program",
            "require_mfa_for_staff",
            "staff_idle_minutes",
            "resident_idle_minutes",
        ]
        widgets = {
            "staff_idle_minutes": forms.NumberInput(attrs={"min": 5, "max": 480}),
            "resident_idle_minutes": forms.NumberInput(attrs={"min": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.require_mfa_for_staff:
            del self.fields["confirm_second_step_off"]  # already off: nothing to confirm

    @property
    def changed_settings(self) -> list[str]:
        """The organization's fields this form changed, for the audit log (the confirmation box is not one)."""
        return [name for name in self.changed_data if name in self._meta.fields]

    def clean(self):
        cleaned_data = super().clean()
        switching_off = "require_mfa_for_staff" in self.changed_data and not cleaned_data.get("require_mfa_for_staff")
        if switching_off and not cleaned_data.get("confirm_second_step_off"):
            self.add_error(
                "confirm_second_step_off",
                "Switching two-step sign-in off lets admins, house managers, staff and coaches sign in with a "
                "password alone. Tick this box to confirm, or keep two-step sign-in on.",
            )
        return cleaned_data

    def clean_staff_idle_minutes(self):
        minutes = self.cleaned_data["staff_idle_minutes"]
        if not 5 <= minutes <= 480:
            raise forms.ValidationError(_("Choose between 5 minutes and 8 hours (480 minutes)."))
        return minutes

    def clean_resident_idle_minutes(self):
        minutes = self.cleaned_data["resident_idle_minutes"]
        if minutes < 5:
            raise forms.ValidationError(_("Choose at least 5 minutes."))
        return minutes


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.RESIDENT)


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("Eight letters and numbers from your welcome sheet, for example ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}),
        error_messages={"required": "Type the code from your welcome sheet."},
    )


class MembershipForm(forms.ModelForm):
    is_active = forms.BooleanField(
        label=_("Member of this organization"), required=False, help_text=_("Untick to take this person's access away.")
    )

    class Meta:
        model = Membership
        fields = ["role", "is_active"]


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What happened"), required=False, choices=[("", "Anything"), *AuditEvent.Action.choices]
    )
    actor = forms.ModelChoiceField(
        label=_("Who"), required=False, queryset=get_user_model().objects.none(), empty_label=_("Anyone")
    )
    object_type = forms.CharField(
        label=_("Record type"), required=False, max_length=100, help_text=_("For example residents.casenote")
    )
    object_id = forms.CharField(
        label=_("Record number"),
        required=False,
        max_length=64,
        help_text=_("With a record type: everything that happened to that one record."),
    )
    resident = forms.IntegerField(
        label=_("Resident number"),
        required=False,
        min_value=1,
        help_text=_("Every record of one resident that anyone opened or changed (the link on a resident's page)."),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["actor"].queryset = people

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("since") and cleaned.get("until") and cleaned["since"] > cleaned["until"]:
            raise forms.ValidationError(_("The “From” date must come before the “Until” date."))
        if cleaned.get("object_id", "").strip() and not cleaned.get("object_type", "").strip():
            self.add_error("object_type", _("Say which kind of record the number is, for example residents.casenote."))
        return cleaned
