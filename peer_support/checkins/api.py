"""The check-ins API, a resident's own: their check-ins, newest first, and today's, sent as the Today page sends it
(`peer_support.checkins.services.check_in`: once a day on the home's clock, a second time changes the first, "I need
to talk" heard at any hour). Only a resident checks in (`peer_support.check_in`); nobody reads another's here (staff
read a resident's check-ins on their pages, under their rules).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from peer_support.checkins import services
from peer_support.checkins.models import CheckIn
from recovery.api.errors import Unprocessable
from recovery.api.viewsets import ApiViewSet, CreateModelMixin, ListModelMixin, RetrieveModelMixin
from recovery.audit.recorder import record_denied
from recovery.errors import DomainError
from recovery.registry import api_route
from residents.profiles.selectors import my_resident_record


class CheckInSerializer(serializers.ModelSerializer):
    """One day's check-in, in the resident's own words (`day` is the home's calendar day)."""

    class Meta:
        model = CheckIn
        fields = ["id", "day", *services.CHECK_IN_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["id", "day", "created_at", "updated_at"]
        extra_kwargs = {
            # As the Today page's form: hours of sleep from 0 to 24.
            "slept_hours": {"min_value": 0, "max_value": 24},
            "share_with_mentor": {"default": True},
        }


@api_route("check-ins")
class CheckInViewSet(ListModelMixin, RetrieveModelMixin, CreateModelMixin, ApiViewSet):
    """My check-ins: list and read them; `POST` sends today's (201 when new, 200 when it changed today's)."""

    api_resource = "check_ins"
    serializer_class = CheckInSerializer
    queryset = CheckIn.objects.none()
    if_match_required = False  # today's check-in is changed by sending it again, as on the page

    def _own_record(self):
        """The caller's resident record, after the rule that only a resident checks in (`peer_support.check_in`)."""
        self.require("peer_support.check_in")
        return my_resident_record(self.request.user)

    def get_queryset(self):
        if self.membership is None:
            return CheckIn.objects.none()
        if self.action != "list":
            return CheckIn.objects.all()  # one check-in: found (or not: 404) first, then whose it is
        resident = self._own_record()
        if resident is None:
            return CheckIn.objects.none()
        return CheckIn.objects.filter(resident=resident).order_by("-day", "-pk")

    def get_object(self):
        """A check-in of this organization (404 otherwise), if it is the caller's own (403 otherwise)."""
        check_in = super().get_object()
        resident = self._own_record()
        if resident is None or check_in.resident_id != resident.pk:
            record_denied(organization=self.organization, permission="peer_support.check_in", obj=check_in)
            raise PermissionDenied("Only your own check-ins are here.")
        return check_in

    @extend_schema(responses={200: CheckInSerializer, 201: CheckInSerializer})
    def create(self, request, *args, **kwargs):
        resident = self._own_record()
        if resident is None:
            raise Unprocessable("Check-ins are for residents with a record here; ask the house manager to link yours.")
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        try:
            check_in, created = services.check_in(resident=resident, answers=incoming.validated_data)
        except DomainError as error:
            raise Unprocessable(str(error)) from error
        return Response(self.get_serializer(check_in).data, status=201 if created else 200)
