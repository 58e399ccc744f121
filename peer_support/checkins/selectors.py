"""Reads about check-ins and requests to talk that more than one page needs."""

from datetime import timedelta

from django.utils import timezone

from peer_support.checkins.models import CheckIn, TalkRequest
from recovery.models import Role
from residences.homes.selectors import assigned_residence_ids

# How long the person who asked to talk is shown who answered (their check-in page and their Today).
TALK_ANSWER_SHOWN = timedelta(hours=12)


def talk_answered_lately(**resident) -> TalkRequest | None:
    """The resident's request to talk answered in the last TALK_ANSWER_SHOWN, newest first, with `answered_by`
    loaded; None when there is none. `resident` is one lookup: `resident=<Resident>` or `resident__user=<User>`.
    One query."""
    since = timezone.now() - TALK_ANSWER_SHOWN
    answered = TalkRequest.objects.filter(**resident, answered_at__gte=since).select_related("answered_by")
    return answered.order_by("-answered_at").first()


def check_ins_for(membership, *, residence=None):
    """The check-ins list of the homes this person keeps, newest day first, with resident and home: every check-in
    for admins and staff; for a house manager, those made in a home assigned to them (a check-in is filed under the
    home the resident lived in that day); none for anyone else. `residence` narrows to one home (already checked
    by the caller). An unevaluated queryset."""
    rows = CheckIn.objects.select_related("resident", "residence").order_by("-day", "resident__last_name", "-pk")
    if residence is not None:
        rows = rows.filter(residence=residence)
    if membership.role in (Role.ADMIN, Role.STAFF):
        return rows
    if membership.role == Role.HOUSE_MANAGER:
        return rows.filter(residence_id__in=assigned_residence_ids(membership))
    return rows.none()
