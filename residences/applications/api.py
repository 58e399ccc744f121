"""The applications API: a referral partner's integration sends an application (the public form's service, the same
checks) and reads where it stands; intake lists the waitlist as the page does (`residences.applications.selectors`).

Who may: the people who do intake (`residences.view_applications`: admins, staff, house managers); one application
by `residences.view_application` (a house manager: their homes' and those naming no home). Every application read
is written to the audit log as the waitlist page's are (`recovery.audit.reads`).
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from recovery.api.errors import Unprocessable
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.errors import DomainError
from recovery.notifications.models import validate_phone_number
from recovery.registry import api_route
from recovery.tenancy import organization_today
from residences.applications import services as intake
from residences.applications.selectors import OPEN, waitlist
from residences.models import Application, ApplicationStatus, Residence


class ApplicationSerializer(serializers.ModelSerializer):
    """One application as intake reads it: who, how to reach them, which home, and where it stands."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    stay = serializers.SerializerMethodField(help_text="The stay the applicant was admitted to, once accepted.")

    class Meta:
        model = Application
        fields = [
            "id",
            "status",
            "status_label",
            "priority",
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "residence",
            "hoped_move_in",
            "on_mat",
            "referral_source",
            "message",
            "house_consulted",
            "decline_reason",
            "resident",
            "stay",
            "submitted_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_stay(self, application) -> int | None:
        stay = getattr(application, "stay", None) if application.resident_id else None
        return stay.pk if stay is not None else None


class NewApplicationSerializer(serializers.ModelSerializer):
    """What a referral partner sends: the public form's questions, checked as the form checks them."""

    residence = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=10**18 - 1,
        help_text="The id of the home asked for; leave out for any home.",
    )
    phone = serializers.CharField(
        required=False, allow_blank=True, max_length=30, validators=[validate_phone_number], default=""
    )
    on_mat = serializers.BooleanField(help_text="Whether the applicant takes medication for addiction treatment.")

    class Meta:
        model = Application
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "pronouns",
            "email",
            "phone",
            "residence",
            "hoped_move_in",
            "on_mat",
            "referral_source",
            "message",
        ]

    def validate_residence(self, value):
        """The home as a Residence of the caller's organization (the tenant scope hides the others)."""
        if value is None:
            return None
        residence = Residence.objects.filter(pk=value).first()
        if residence is None:
            raise serializers.ValidationError("Choose one of this organization's homes, or leave it out.")
        return residence

    def validate_hoped_move_in(self, value):
        problem = intake.hoped_move_in_problem(value, today=organization_today())
        if problem is not None:
            raise serializers.ValidationError(problem)
        return value

    def validate(self, attrs):
        if not (attrs.get("email") or "").strip() and not (attrs.get("phone") or "").strip():
            raise serializers.ValidationError({"email": [intake.CONTACT_MISSING]})
        return attrs


@api_route("applications")
class ApplicationViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Applications: `POST` sends one in (as the public form does, telling intake); `GET` lists the waitlist (open
    ones by default, `?status=` one status) or reads one application's status."""

    api_resource = "applications"
    object_permission = "residences.view_application"
    serializer_class = ApplicationSerializer
    queryset = Application.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return Application.objects.none()
        if self.action == "list":
            status = self.request.query_params.get("status", OPEN)
            status = status if status in ApplicationStatus.values else OPEN
            return waitlist(self.membership, status=status).select_related("stay")
        return Application.objects.select_related("residence", "stay")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=[OPEN, *ApplicationStatus.values],
                description="`open` (the default): every application still in the pipeline; or one status.",
            )
        ]
    )
    def list(self, request, *args, **kwargs):
        self.require("residences.view_applications")
        return super().list(request, *args, **kwargs)

    @extend_schema(request=NewApplicationSerializer, responses={201: ApplicationSerializer})
    def create(self, request, *args, **kwargs):
        self.require("residences.view_applications")
        incoming = NewApplicationSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            application = intake.submit_public_application(organization=self.organization, data=incoming.validated_data)
        except DomainError as error:
            raise Unprocessable(str(error)) from error
        return Response(ApplicationSerializer(application).data, status=201)
