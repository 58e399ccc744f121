""" "I need to talk" as a kind of request (see `recovery.requests`): the resident's coaches and mentors and their
home's house managers answer it (the admins and staff when none of them is awake), on the resident's check-ins page."""

from django.db.models import Q
from django.utils import timezone

from peer_support.checkins.models import TalkRequest
from peer_support.checkins.services import talk_url, who_to_tell_about_talk
from peer_support.mentorships.models import Mentorship
from recovery.registry import request_kind
from residences.homes.selectors import visible_residences

LABEL = "request to talk"


def deciders(talk_request: TalkRequest) -> list:
    """Whoever `who_to_tell_about_talk` would tell about this request now."""
    told = who_to_tell_about_talk(talk_request.resident, residence=talk_request.residence, now=timezone.now())
    return [person for person, _urgent in told]


@request_kind(
    "talk", label=LABEL, model=TalkRequest, deciders=deciders, asked_at="asked_at", key="resident_id", url=talk_url
)
def waiting_talk_requests(membership):
    """Open requests to talk from this member's mentees and from the homes they run (a TalkRequest queryset)."""
    user = membership.user
    mentees = Mentorship.objects.filter(ended_on__isnull=True).filter(
        Q(mentor__membership__user=user) | Q(mentor__resident__user=user)
    )
    return (
        TalkRequest.objects.filter(answered_at__isnull=True)
        .filter(Q(residence__in=visible_residences(membership)) | Q(resident__in=mentees.values("mentee_id")))
        .exclude(resident__user=user)
    )
