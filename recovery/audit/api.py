"""The audit log API, for the organization's admins (`recovery.view_audit_log`, as the audit log page): the events,
newest first, narrowed as the page narrows them (`recovery.selectors.audit_events`). Pages by cursor (`?cursor=`
from `next` / `previous`), never by counting: the log grows with every read of a record (issue 20).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.pagination import CursorPagination

from recovery import selectors
from recovery.api.pagination import MAX_PAGE_SIZE
from recovery.api.viewsets import ApiViewSet, ListModelMixin
from recovery.audit.models import AuditEvent
from recovery.registry import api_route


class AuditEventSerializer(serializers.ModelSerializer):
    """One thing that happened: who (a user id, or the task or command), what, to which record, from where. Never
    the values of what changed, only the fields' names."""

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "action",
            "actor",
            "actor_kind",
            "actor_label",
            "object_type",
            "object_id",
            "resident_id",
            "changed_fields",
            "detail",
            "ip_address",
        ]
        read_only_fields = fields


class AuditFilterSerializer(serializers.Serializer):
    """The audit log page's filters, as query parameters."""

    action = serializers.ChoiceField(choices=AuditEvent.Action.choices, required=False)
    actor = serializers.IntegerField(required=False, min_value=1, max_value=10**18 - 1, help_text="A user id.")
    object_type = serializers.CharField(required=False, max_length=100, help_text="For example residents.casenote")
    object_id = serializers.CharField(required=False, max_length=64)
    resident = serializers.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
    since = serializers.DateField(required=False, help_text="From this day (the organization's calendar).")
    until = serializers.DateField(required=False)


class AuditPagination(CursorPagination):
    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


@api_route("audit-events")
class AuditEventViewSet(ListModelMixin, ApiViewSet):
    """The organization's audit log (admins only), newest first, with the page's filters."""

    api_resource = "audit_log"
    serializer_class = AuditEventSerializer
    pagination_class = AuditPagination
    queryset = AuditEvent.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return AuditEvent.objects.none()
        filters = AuditFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        return selectors.audit_events(
            action=wanted.get("action", ""),
            actor_id=wanted.get("actor"),
            object_type=wanted.get("object_type", "").strip(),
            object_id=wanted.get("object_id", "").strip(),
            resident_id=wanted.get("resident"),
            since=wanted.get("since"),
            until=wanted.get("until"),
        )

    @extend_schema(parameters=[AuditFilterSerializer])
    def list(self, request, *args, **kwargs):
        self.require("recovery.view_audit_log")
        return super().list(request, *args, **kwargs)
