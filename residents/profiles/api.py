"""The residents API, minimum necessary: the list the residents page shows (admins and staff: everyone; a house
manager: the people living in their homes today; `residents.profiles.selectors.visible_residents`), and one
resident's profile for whoever may open their record (`residents.view_resident`: a coach their mentees, a resident
themselves). The parts outside the sensitive classes that only the keepers of the record see
(`residents.sensitivity.KEPT_FROM_MENTORS`) follow the record page's rules: the date of birth by
`residents.view_date_of_birth`, justice details by `residents.view_justice_details`, the officer only while a
consent to report to them holds. A part someone may not see is null, never left out, so every answer has one shape.
Sensitive classes have their own endpoints, each under its class's rule (BARC-10, incidents).

Every resident returned is written to the audit log as a read, as the record page's are (`recovery.audit.reads`).
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.registry import api_route
from recovery.tenancy import organization_today
from residents.consents.services import officer_consent
from residents.profiles.models import Resident
from residents.profiles.selectors import visible_residents

LIST_FIELDS = ["id", "first_name", "last_name", "preferred_name", "display_name", "pronouns"]


class ResidentListSerializer(serializers.ModelSerializer):
    """A resident as the residents list names them."""

    display_name = serializers.CharField(read_only=True, help_text="The name they go by, and their last name.")

    class Meta:
        model = Resident
        fields = LIST_FIELDS
        read_only_fields = fields


class JusticeSerializer(serializers.Serializer):
    involvement = serializers.CharField(help_text="none, probation, parole or drug_court")
    officer_name = serializers.CharField(allow_null=True, help_text="Null unless a consent to report to them holds.")
    officer_contact = serializers.CharField(allow_null=True)


class ResidentSerializer(serializers.ModelSerializer):
    """One resident's profile, as their record page shows it to this person."""

    display_name = serializers.CharField(read_only=True, help_text="The name they go by, and their last name.")
    date_of_birth = serializers.SerializerMethodField()
    justice = serializers.SerializerMethodField()

    class Meta:
        model = Resident
        fields = [
            *LIST_FIELDS,
            "phone",
            "email",
            "recovery_start_date",
            "pathways",
            "work_or_school",
            "date_of_birth",
            "justice",
        ]
        read_only_fields = fields

    def _may(self, permission: str, resident) -> bool:
        return self.context["request"].user.has_perm(permission, resident)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_date_of_birth(self, resident):
        return resident.date_of_birth if self._may("residents.view_date_of_birth", resident) else None

    @extend_schema_field(JusticeSerializer(allow_null=True))
    def get_justice(self, resident):
        """Justice involvement for the keepers of the record; the officer only under a consent in force."""
        if not resident.justice_involvement or not self._may("residents.view_justice_details", resident):
            return None
        consent = officer_consent(resident, resident.justice_officer_name)
        return {
            "involvement": resident.justice_involvement,
            "officer_name": resident.justice_officer_name if consent else None,
            "officer_contact": resident.justice_officer_contact if consent else None,
        }


@api_route("residents")
class ResidentViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Residents: the list (`residents.view_residents`) and one resident's profile (`residents.view_resident`)."""

    api_resource = "residents"
    object_permission = "residents.view_resident"
    serializer_class = ResidentSerializer
    queryset = Resident.objects.none()

    def get_serializer_class(self):
        return ResidentListSerializer if self.action == "list" else ResidentSerializer

    def get_queryset(self):
        if self.membership is None:
            return Resident.objects.none()
        if self.action == "list":
            today = organization_today(self.organization)
            return visible_residents(self.membership, today=today).order_by("last_name", "first_name", "pk")
        return Resident.objects.all()

    def list(self, request, *args, **kwargs):
        self.require("residents.view_residents")
        return super().list(request, *args, **kwargs)
