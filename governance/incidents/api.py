"""The incidents API: report one (anyone, `governance.report_incident`; the homes and residents they may name are
the report page's, `governance.incidents.selectors.report_choices`), list and read them per role as the pages do
(`incidents_for`: the people who look after a home and whose role sees the incidents class, and the reporter their
own; one incident by `governance.view_incident`). A confidential report's reporter is named only to the home's
managers and the reporter, as on the incident page. Every incident read is written to the audit log.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response

from governance.incidents import selectors, services
from governance.incidents.models import Incident, IncidentKind, Severity
from recovery.api.errors import Unprocessable
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.errors import DomainError
from recovery.registry import api_route
from recovery.tenancy import organization_today
from residents.plans.models import SelfCategory

MAX_ID = 10**18 - 1  # ids as recovery.lookups reads them: 1 to 18 digits
_INCIDENT = Incident._meta


def _length(name: str) -> int:
    return _INCIDENT.get_field(name).max_length


class IncidentSerializer(serializers.ModelSerializer):
    """An incident as its page shows it to this person."""

    reported_by = serializers.SerializerMethodField(help_text="The reporter's user id; null when kept from you.")
    is_open = serializers.BooleanField(read_only=True)
    self_category = serializers.ChoiceField(choices=SelfCategory.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "residence",
            "kind",
            "severity",
            "occurred_at",
            "location",
            "description",
            "involved",
            "witnesses",
            "others_involved",
            "naloxone_given",
            "called_911",
            "other_action",
            "self_category",
            "confidential",
            "reported_by",
            "is_open",
            "resolution",
            "resolved_at",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_reported_by(self, incident):
        """The admins and the home's managers always see who reported; others only when it is not confidential."""
        user = self.context["request"].user
        shown = (
            not incident.confidential
            or incident.reported_by_id == user.pk
            or user.has_perm("governance.manage_incident", incident)
        )
        return incident.reported_by_id if shown else None


class NewIncidentSerializer(serializers.Serializer):
    """What a report sends: the report page's questions."""

    residence = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The home where it happened.")
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.LOW)
    occurred_at = serializers.DateTimeField(help_text="When it happened (with a UTC offset).")
    location = serializers.CharField(required=False, allow_blank=True, max_length=_length("location"), default="")
    description = serializers.CharField(max_length=_length("description"))
    involved = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=100
    )
    witnesses = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list, max_length=100
    )
    others_involved = serializers.CharField(
        required=False, allow_blank=True, max_length=_length("others_involved"), default=""
    )
    naloxone_given = serializers.BooleanField(required=False, default=False)
    called_911 = serializers.BooleanField(required=False, default=False)
    other_action = serializers.CharField(
        required=False, allow_blank=True, max_length=_length("other_action"), default=""
    )
    self_category = serializers.ChoiceField(choices=SelfCategory.choices, required=False, allow_blank=True, default="")
    confidential = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        """The home and the residents named must be among those this reporter may name (the report page's lists)."""
        homes, residents = self.context["report_choices"]
        residence = homes.filter(pk=attrs["residence"]).first()
        if residence is None:
            raise serializers.ValidationError({"residence": ["Choose one of the homes you may report about."]})
        named = {}
        for field in ("involved", "witnesses"):
            wanted = set(attrs[field])
            found = list(residents.filter(pk__in=wanted))
            if len(found) != len(wanted):
                raise serializers.ValidationError({field: ["Name only residents you may name in a report."]})
            named[field] = found
        return {**attrs, "residence": residence, **named}


@api_route("incidents")
class IncidentViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Incidents: `POST` reports one; `GET` lists those you may see (`?open=true`: unresolved only) or reads one."""

    api_resource = "incidents"
    object_permission = "governance.view_incident"
    serializer_class = IncidentSerializer
    queryset = Incident.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return Incident.objects.none()
        if self.action == "list":
            incidents = selectors.incidents_for(self.membership).prefetch_related("involved", "witnesses")
            if self.request.query_params.get("open") in ("true", "1"):
                incidents = incidents.filter(resolved_at__isnull=True)
            return incidents
        return selectors.incident_detail(self.kwargs.get("pk"))

    @extend_schema(parameters=[OpenApiParameter("open", OpenApiTypes.BOOL, description="Unresolved ones only.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=NewIncidentSerializer, responses={201: IncidentSerializer})
    def create(self, request, *args, **kwargs):
        self.require("governance.report_incident")
        # Who lives where across the homes, on the organization's day (as the report page asks).
        choices = selectors.report_choices(self.membership, today=organization_today(self.organization))
        incoming = NewIncidentSerializer(data=request.data, context={"report_choices": choices})
        incoming.is_valid(raise_exception=True)
        try:
            incident = services.report_incident(by=request.user, **incoming.validated_data)
        except DomainError as error:
            raise Unprocessable(str(error)) from error
        incident = selectors.incident_detail(incident.pk).get(pk=incident.pk)
        return Response(self.get_serializer(incident).data, status=201)
