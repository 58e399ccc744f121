"""The organization the token belongs to: `GET /api/v1/organizations/` lists it alone, and another organization's
id answers 404."""

from rest_framework import serializers

from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.models import Organization
from recovery.registry import api_route


class OrganizationSerializer(serializers.ModelSerializer):
    time_zone = serializers.CharField(read_only=True, help_text="IANA time zone of the organization's clock.")

    class Meta:
        model = Organization
        fields = ["id", "name", "slug", "time_zone", "is_part2_program"]
        read_only_fields = fields


@api_route("organizations")
class OrganizationViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """The caller's own organization (a token belongs to exactly one)."""

    api_resource = "organizations"
    object_permission = "recovery.view_organization"
    serializer_class = OrganizationSerializer
    queryset = Organization.objects.none()

    def get_queryset(self):
        return (
            Organization.objects.filter(pk=self.organization.pk) if self.organization else Organization.objects.none()
        )
