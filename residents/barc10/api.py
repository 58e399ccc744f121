"""The BARC-10 API, to read: a resident's assessments (`?resident=`, or a resident's own), one assessment. An
assessment is a sensitive class (`residents.sensitivity`): `residents.view_barc10` lets only the people whose role
sees assessments by default and who look after the resident, and the resident themselves. Every assessment returned
is written to the audit log, as the BARC-10 pages' are.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.registry import api_route
from residents.barc10.models import Barc10Assessment
from residents.barc10.selectors import assessments_of
from residents.profiles.lookups import resident_or_404
from residents.profiles.selectors import my_resident_record

VIEW = "residents.view_barc10"


class Barc10Serializer(serializers.ModelSerializer):
    """One BARC-10: ten answers from 1 (strongly disagree) to 6 (strongly agree), in order, and their total."""

    answers = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=6), read_only=True)

    class Meta:
        model = Barc10Assessment
        fields = ["id", "resident", "stay", "occasion", "taken_on", "answers", "total", "created_at"]
        read_only_fields = fields


@api_route("barc10")
class Barc10ViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """BARC-10 assessments, oldest first: `?resident=` one resident's (without it, a resident's own)."""

    api_resource = "barc10"
    serializer_class = Barc10Serializer
    queryset = Barc10Assessment.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return Barc10Assessment.objects.none()
        if self.action != "list":
            return Barc10Assessment.objects.select_related("resident")
        wanted = self.request.query_params.get("resident")
        if wanted is not None:
            return assessments_of(resident_or_404(self.request._request, wanted, VIEW))
        resident = my_resident_record(self.request.user)
        if resident is None:
            return Barc10Assessment.objects.none()
        self.require(VIEW, resident)
        return assessments_of(resident)

    @extend_schema(parameters=[OpenApiParameter("resident", OpenApiTypes.INT, description="This resident's.")])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        assessment = super().get_object()
        self.require(VIEW, assessment.resident)
        return assessment
