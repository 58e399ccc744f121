"""The homes in the API: residences with live occupancy, and their beds with today's status (the bed board's rule),
filtered by home, room and status: `GET /api/v1/beds/?residence=<id>&status=available` lists a home's free beds.

Who sees what is the pages' rule: admins and staff every home, a house manager the assigned ones
(`visible_residences`); nobody else sees homes here. A bed goes in or out of service through the page's own form
(`BedServiceForm`), guarded by `If-Match`. Nothing here names a resident.
"""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from recovery.api.filters import IdFilter
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin, etag_of
from recovery.registry import api_route
from recovery.tenancy import home_time_zone, organization_today
from residences.homes.forms import BedServiceForm
from residences.homes.models import Bed, BedStatus, Residence
from residences.homes.selectors import beds_with_status, residences_with_availability, visible_residences


class ResidenceSerializer(serializers.ModelSerializer):
    beds_in_service = serializers.IntegerField(read_only=True, help_text="Beds in service.")
    beds_occupied = serializers.IntegerField(read_only=True, help_text="Beds someone lives in today.")
    beds_available = serializers.IntegerField(
        read_only=True, help_text="Beds in service, nobody in them today and nobody booked to come."
    )
    time_zone = serializers.SerializerMethodField(help_text="IANA time zone of the home's clock.")

    class Meta:
        model = Residence
        fields = [
            "id",
            "name",
            "level",
            "population",
            "mat_welcoming",
            "city",
            "state",
            "time_zone",
            "rent_amount",
            "rent_period",
            "publish_availability",
            "beds_in_service",
            "beds_occupied",
            "beds_available",
        ]
        read_only_fields = fields

    def get_time_zone(self, residence) -> str:
        return str(home_time_zone(residence))


class BedSerializer(serializers.ModelSerializer):
    residence = serializers.IntegerField(source="room.residence_id", read_only=True)
    room = serializers.IntegerField(source="room_id", read_only=True)
    room_name = serializers.CharField(source="room.name", read_only=True)
    status = serializers.ChoiceField(choices=BedStatus.choices, read_only=True, help_text="Today, on the home's board.")

    class Meta:
        model = Bed
        fields = ["id", "residence", "room", "room_name", "label", "in_service", "out_of_service_reason", "status"]
        read_only_fields = ["id", "residence", "room", "room_name", "label", "status"]


class BedFilter(django_filters.FilterSet):
    residence = IdFilter(field_name="room__residence_id", help_text="Only this home's beds.")
    room = IdFilter(field_name="room_id")
    status = django_filters.ChoiceFilter(field_name="status", choices=BedStatus.choices)

    class Meta:
        model = Bed
        fields = ["residence", "room", "status"]


@api_route("residences")
class ResidenceViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """The homes this person looks after, with today's occupancy (admins and staff: every home; house managers:
    their own)."""

    api_resource = "residences"
    object_permission = "residences.view_residence"
    serializer_class = ResidenceSerializer
    queryset = Residence.objects.none()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.require("residences.view_residences")

    def get_queryset(self):
        if self.membership is None:
            return Residence.objects.none()
        today = organization_today(self.organization)
        return residences_with_availability(self.membership, today=today).select_related("organization")


@api_route("beds")
class BedViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Beds of the homes this person looks after, with today's status; `PATCH` takes a bed in or out of service
    (with a reason), as the home's page does, and needs `If-Match`."""

    api_resource = "beds"
    object_permission = "residences.manage_beds"
    checked_on = "room.residence"
    serializer_class = BedSerializer
    filterset_class = BedFilter
    queryset = Bed.objects.none()
    http_method_names = ["get", "patch", "head", "options"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.require("residences.view_residences")

    def get_queryset(self):
        if self.membership is None:
            return Bed.objects.none()
        today = organization_today(self.organization)
        return beds_with_status(today=today).filter(room__residence__in=visible_residences(self.membership))

    @extend_schema(request=BedSerializer, responses=BedSerializer)
    def partial_update(self, request, *args, **kwargs):
        bed = self.get_object()
        self.check_if_match(bed)
        current = {"in_service": bed.in_service, "out_of_service_reason": bed.out_of_service_reason}
        form = BedServiceForm({**current, **self._bed_fields(request.data)}, instance=bed)
        if not form.is_valid():
            errors = form.errors.get_json_data()
            raise serializers.ValidationError(
                {field: [error["message"] for error in errors[field]] for field in errors}
            )
        form.save()
        data = self.get_serializer(self.get_object()).data
        return Response(data, headers={"ETag": etag_of(data)})

    @staticmethod
    def _bed_fields(data) -> dict:
        if not isinstance(data, dict):
            raise serializers.ValidationError({"non_field_errors": ["Send a JSON object."]})
        fields = {}
        if "in_service" in data:
            if not isinstance(data["in_service"], bool):
                raise serializers.ValidationError({"in_service": ["true or false."]})
            fields["in_service"] = data["in_service"]
        if "out_of_service_reason" in data:
            if not isinstance(data["out_of_service_reason"], str):
                raise serializers.ValidationError({"out_of_service_reason": ["A sentence, as text."]})
            fields["out_of_service_reason"] = data["out_of_service_reason"]
        return fields
