"""Reads about check-ins and requests to talk that more than one page needs."""

from datetime import timedelta

from django.utils import timezone

from peer_support.checkins.models import TalkRequest

# How long the person who asked to talk is shown who answered (their check-in page and their Today).
TALK_ANSWER_SHOWN = timedelta(hours=12)


def talk_answered_lately(**resident) -> TalkRequest | None:
    """The resident's request to talk answered in the last TALK_ANSWER_SHOWN, newest first, with `answered_by`
    loaded; None when there is none. `resident` is one lookup: `resident=<Resident>` or `resident__user=<User>`.
    One query."""
    since = timezone.now() - TALK_ANSWER_SHOWN
    answered = TalkRequest.objects.filter(**resident, answered_at__gte=since).select_related("answered_by")
    return answered.order_by("-answered_at").first()
