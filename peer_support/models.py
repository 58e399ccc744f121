"""The models of peer support, one import per feature (Django looks here)."""

from peer_support.announcements.models import Announcement, AnnouncementDelivery
from peer_support.checkins.models import CheckIn, CheckInReminder, ReminderKind, Slept, TalkRequest
from peer_support.community.models import (
    CommunityEvent,
    EventKind,
    EventRsvp,
    GoalPartner,
    Partner,
    ServiceHours,
    ServiceKind,
)
from peer_support.drift_signals.models import SignalAcknowledgement, SignalKind, SignalSettings
from peer_support.give_and_receive.models import HelpExchange, HelpKind
from peer_support.mentorships.models import DEFAULT_MENTEE_LIMIT, ContactHow, Mentor, MentorContact, Mentorship
from peer_support.outside_meetings.models import MeetingKind, OutsideMeeting
from peer_support.workshops.models import Workshop, WorkshopAttendance, WorkshopRsvp, WorkshopSession, WorkshopTopic

__all__ = [
    "DEFAULT_MENTEE_LIMIT",
    "Announcement",
    "AnnouncementDelivery",
    "CheckIn",
    "CheckInReminder",
    "CommunityEvent",
    "ContactHow",
    "EventKind",
    "EventRsvp",
    "GoalPartner",
    "HelpExchange",
    "HelpKind",
    "MeetingKind",
    "Mentor",
    "MentorContact",
    "Mentorship",
    "OutsideMeeting",
    "Partner",
    "ReminderKind",
    "ServiceHours",
    "ServiceKind",
    "SignalAcknowledgement",
    "SignalKind",
    "SignalSettings",
    "Slept",
    "TalkRequest",
    "Workshop",
    "WorkshopAttendance",
    "WorkshopRsvp",
    "WorkshopSession",
    "WorkshopTopic",
]
