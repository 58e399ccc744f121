"""The stays API: a stay with its bed stretches; admit an applicant, transfer, move out, through the same services
as the pages (`residences.stays.services`), under the same rule (`residences.admit` on the home: the people who
look after it). A change answers the domain's own sentence as a problem (422) when a rule of the house says no, and
needs `If-Match` with the stay's ETag, so that two people do not move one resident at once unknowingly.
"""

from datetime import timedelta

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from recovery.api.errors import Unprocessable
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin, etag_of
from recovery.errors import DomainError
from recovery.lookups import found_or_404
from recovery.registry import api_route
from recovery.tenancy import home_today, organization_today
from residences.homes.selectors import home_of, stay_has_ended
from residences.models import Application, Bed, BedAssignment, DischargeReason, Stay
from residences.stays import services
from residences.stays.selectors import stays_for

MAX_ID = 10**18 - 1  # ids as recovery.lookups reads them: 1 to 18 digits


class BedStretchSerializer(serializers.ModelSerializer):
    """One stretch of a stay in one bed, from `starts_on` until `ends_on` (exclusive; null while current)."""

    residence = serializers.IntegerField(source="bed.room.residence_id", read_only=True)

    class Meta:
        model = BedAssignment
        fields = ["bed", "residence", "starts_on", "ends_on"]
        read_only_fields = fields


class StaySerializer(serializers.ModelSerializer):
    """A resident's continuous time in the organization's housing, with every bed it used (dates are the home's)."""

    beds = BedStretchSerializer(source="bed_assignments", many=True, read_only=True)
    # Blank until the move-out: declared, so that the schema says a blank value may come.
    discharge_reason = serializers.ChoiceField(choices=DischargeReason.choices, allow_blank=True, read_only=True)
    has_ended = serializers.SerializerMethodField(help_text="The move-out day has come (a later one is a plan).")

    class Meta:
        model = Stay
        fields = [
            "id",
            "resident",
            "application",
            "move_in",
            "expected_move_out",
            "move_out",
            "discharge_reason",
            "destination",
            "has_ended",
            "beds",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_ended(self, stay) -> bool:
        return stay_has_ended(stay, organization_today())


class AdmitSerializer(serializers.Serializer):
    application = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The application accepted.")
    bed = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="A bed free from the move-in date.")
    move_in = serializers.DateField()
    expected_move_out = serializers.DateField(required=False, allow_null=True)


class TransferSerializer(serializers.Serializer):
    bed = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The bed they move to.")
    on = serializers.DateField(help_text="The day of the move, on the home's calendar.")


class MoveOutSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="The move-out day; a later day than today is a planned move-out.")
    reason = serializers.ChoiceField(choices=DischargeReason.choices)
    destination = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


def _domain_refusal(error: DomainError) -> Unprocessable:
    """A rule of the house said no: its sentence, as a 422 problem (as every API change answers a domain error)."""
    return Unprocessable(str(error))


@api_route("stays")
class StayViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """Stays: list the ones you look after, read one (with its ETag), admit (`POST`), and the actions `transfer` and
    `move-out` (each needs `If-Match`)."""

    api_resource = "stays"
    serializer_class = StaySerializer
    queryset = Stay.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return Stay.objects.none()
        if self.action == "list":
            return stays_for(self.membership)
        return Stay.objects.prefetch_related("bed_assignments__bed__room")

    def list(self, request, *args, **kwargs):
        self.require("residences.view_residences")
        return super().list(request, *args, **kwargs)

    def get_object(self):
        """The stay (404 outside the organization), then `residences.admit` on its home, as the stay pages check."""
        stay = super().get_object()
        self.require("residences.admit", home_of(stay=stay, on=None, latest=True))
        return stay

    def _answer(self, stay, *, status=200) -> Response:
        stay = self.get_queryset().get(pk=stay.pk)  # its bed stretches as they are now
        data = StaySerializer(stay, context=self.get_serializer_context()).data
        return Response(data, status=status, headers={"ETag": etag_of(data)})

    def _bed(self, pk) -> Bed:
        """The bed named in the request (404 outside the organization), if the person looks after its home."""
        bed = found_or_404(self.request._request, Bed.objects.select_related("room__residence"), pk=pk)
        self.require("residences.admit", bed.room.residence)
        return bed

    @extend_schema(request=AdmitSerializer, responses={201: StaySerializer})
    def create(self, request, *args, **kwargs):
        """Admit an applicant to a bed: the resident, the stay and the bed assignment, all or nothing (the admit
        wizard's service, `admit_applicant`)."""
        incoming = AdmitSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        application = found_or_404(request._request, Application, pk=data["application"])
        self.require("residences.view_application", application)
        self.require("residences.change_application", application)
        bed = self._bed(data["bed"])
        today = home_today(bed.room.residence)
        if data["move_in"] < today - timedelta(days=services.ADMIT_PAST_DAYS):
            raise serializers.ValidationError(
                {"move_in": [f"A move-in can be recorded up to {services.ADMIT_PAST_DAYS} days late, not more."]}
            )
        if data["move_in"] > today + timedelta(days=services.ADMIT_AHEAD_DAYS):
            raise serializers.ValidationError({"move_in": ["Choose a move-in date within the next year."]})
        try:
            stay = services.admit_applicant(
                application=application,
                bed=bed,
                move_in=data["move_in"],
                expected_move_out=data.get("expected_move_out"),
                by=request.user,
            )
        except DomainError as error:
            raise _domain_refusal(error) from error
        return self._answer(stay, status=201)

    @extend_schema(request=TransferSerializer, responses={200: StaySerializer})
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        """Move the resident to another bed (in this home or another they look after) from `on`."""
        stay = self.get_object()
        self.check_if_match(stay)
        incoming = TransferSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        bed = self._bed(incoming.validated_data["bed"])
        try:
            services.transfer(stay=stay, bed=bed, on=incoming.validated_data["on"])
        except DomainError as error:
            raise _domain_refusal(error) from error
        return self._answer(stay)

    @extend_schema(request=MoveOutSerializer, responses={200: StaySerializer})
    @action(detail=True, methods=["post"], url_path="move-out", url_name="move-out")
    def move_out(self, request, pk=None):
        """End the stay on `on` with a discharge reason; a later day is a planned move-out."""
        stay = self.get_object()
        self.check_if_match(stay)
        incoming = MoveOutSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        home = home_of(stay=stay, on=None, latest=True)
        if home is not None and data["on"] > home_today(home) + timedelta(days=services.MOVE_OUT_AHEAD_DAYS):
            raise serializers.ValidationError({"on": ["Choose a move-out date within the next year."]})
        try:
            services.move_out(stay=stay, on=data["on"], reason=data["reason"], destination=data["destination"])
        except DomainError as error:
            raise _domain_refusal(error) from error
        return self._answer(stay)
