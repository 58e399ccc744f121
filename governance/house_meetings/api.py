"""The house meetings API, to read: a home's meetings (agenda, motions, decisions, minutes and attendance, as the
meeting page shows them, `governance.house_meetings.selectors.meeting_page`) and its decisions log. The same people
as the pages (`governance.view_meetings`): the people who look after the home, and the residents living in it. A
motion's tally shows once its vote has closed, as on the page, so a running count never tells how someone voted.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers

from governance.house_meetings import selectors
from governance.house_meetings.models import (
    AgendaItem,
    HouseDecision,
    HouseMeeting,
    MeetingAttendance,
    Motion,
    MotionResult,
)
from recovery.api.viewsets import ApiViewSet, ListModelMixin, RetrieveModelMixin
from recovery.lookups import requested_id
from recovery.models import Role
from recovery.registry import api_route
from recovery.tenancy import home_today
from residences.homes.selectors import visible_residences
from residents.profiles.selectors import my_resident_record

RESIDENCE_FILTER = OpenApiParameter("residence", OpenApiTypes.INT, description="Only this home's.")


def _homes(membership):
    """The homes whose meetings this member reads: the ones they look after, or the one they live in."""
    return visible_residences(membership, own_home=True)


def _of_home(queryset, request):
    residence = request.query_params.get("residence")
    if residence is None:
        return queryset
    wanted = requested_id(residence)
    return queryset.filter(residence_id=wanted) if wanted else queryset.none()


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "19:00"})
class WallTimeField(serializers.TimeField):
    """A time of day on the home's own clock, "HH:MM", without a UTC offset (JSON Schema's "time" format needs one,
    and a meeting's time is the house's wall time, whatever the offset that day)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "title", "details", "created_at"]
        read_only_fields = fields


class TallySerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    no = serializers.IntegerField()
    abstain = serializers.IntegerField()


class MotionSerializer(serializers.ModelSerializer):
    result = serializers.ChoiceField(
        choices=MotionResult.choices, allow_blank=True, read_only=True, help_text="Blank while the vote is open."
    )
    tally = serializers.SerializerMethodField()

    class Meta:
        model = Motion
        fields = ["id", "title", "details", "secret", "opened_at", "closed_at", "result", "eligible_count", "tally"]
        read_only_fields = fields

    @extend_schema_field(TallySerializer(allow_null=True))
    def get_tally(self, motion):
        """The counts once the vote has closed (null while it is open, as the meeting page shows them)."""
        if motion.is_open:
            return None
        return {"yes": motion.yes_count, "no": motion.no_count, "abstain": motion.abstain_count}


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = HouseDecision
        fields = ["id", "residence", "meeting", "motion", "summary", "decided_on", "created_at"]
        read_only_fields = fields


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingAttendance
        fields = ["resident", "status", "note"]
        read_only_fields = fields


class HouseMeetingSerializer(serializers.ModelSerializer):
    """A meeting as the list shows it."""

    starts_at = WallTimeField(read_only=True)

    class Meta:
        model = HouseMeeting
        fields = ["id", "residence", "held_on", "starts_at", "place", "cancelled", "minutes_approved_at"]
        read_only_fields = fields


class HouseMeetingDetailSerializer(HouseMeetingSerializer):
    """A meeting as its page shows it."""

    # Read from the meeting page's selector (set on the meeting as `page_<name>` before it is shown).
    agenda = AgendaItemSerializer(source="page_agenda", many=True, read_only=True)
    motions = MotionSerializer(source="page_motions", many=True, read_only=True)
    decisions = DecisionSerializer(source="page_decisions", many=True, read_only=True)
    attendance = AttendanceSerializer(source="page_attendance", many=True, read_only=True)

    class Meta(HouseMeetingSerializer.Meta):
        fields = [*HouseMeetingSerializer.Meta.fields, "minutes", "agenda", "motions", "decisions", "attendance"]
        read_only_fields = fields

    def to_representation(self, meeting):
        request = self.context["request"]
        resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
        page = selectors.meeting_page(meeting, resident=resident, today=home_today(meeting.residence))
        for name in ("agenda", "motions", "decisions", "attendance"):
            setattr(meeting, f"page_{name}", page[name])
        return super().to_representation(meeting)


@api_route("house-meetings")
class HouseMeetingViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """House meetings of the homes you look after or live in, newest first (`?residence=` one home's)."""

    api_resource = "house_meetings"
    serializer_class = HouseMeetingDetailSerializer
    queryset = HouseMeeting.objects.none()

    def get_serializer_class(self):
        return HouseMeetingSerializer if self.action == "list" else HouseMeetingDetailSerializer

    def get_queryset(self):
        if self.membership is None:
            return HouseMeeting.objects.none()
        if self.action == "list":
            meetings = HouseMeeting.objects.filter(residence__in=_homes(self.membership))
            return _of_home(meetings, self.request).order_by("-held_on", "-pk")
        return HouseMeeting.objects.select_related("residence")

    @extend_schema(parameters=[RESIDENCE_FILTER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        meeting = super().get_object()
        self.require("governance.view_meetings", meeting.residence)
        return meeting


@api_route("house-decisions")
class HouseDecisionViewSet(ListModelMixin, RetrieveModelMixin, ApiViewSet):
    """The decisions logs of the homes you look after or live in, newest first (`?residence=` one home's)."""

    api_resource = "house_meetings"
    serializer_class = DecisionSerializer
    queryset = HouseDecision.objects.none()

    def get_queryset(self):
        if self.membership is None:
            return HouseDecision.objects.none()
        if self.action == "list":
            decisions = HouseDecision.objects.filter(residence__in=_homes(self.membership))
            return _of_home(decisions, self.request).order_by("-decided_on", "-pk")
        return HouseDecision.objects.select_related("residence")

    @extend_schema(parameters=[RESIDENCE_FILTER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        decision = super().get_object()
        self.require("governance.view_meetings", decision.residence)
        return decision
