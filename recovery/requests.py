"""Every request reaches a decider: what each kind registered under the registry's "requests" key has in common.

A request (a pass, a phase move, a grievance, an appeal, a maintenance request, "I need to talk") tells whoever may
decide it when it is made (`tell_deciders`), waits on their home page with its age (the "Waiting for you" card),
and tells the asker when it is decided (`tell_asker`). Notification titles are generic on purpose: a phone's lock
screen is not private, so they carry neither the resident's name nor what was asked, only the kind and a link.
"""

from django.db.models import Value
from django.db.models.query import EmptyQuerySet

from recovery.models import Membership, Role
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.registry import WaitingRequest, dashboard_card, registry, request_kind_named

WAITING_SHOWN = 10


def organization_admins() -> list:
    """The active admins of the organization in scope, for kinds whose home has nobody else to decide (one query)."""
    memberships = Membership.objects.filter(role=Role.ADMIN, is_active=True, user__is_active=True)
    return [membership.user for membership in memberships.select_related("user").order_by("pk")]


def waiting_title(kind: str) -> str:
    """The title every decider of a `kind` request is told with: "A pass request is waiting", "An appeal is waiting"."""
    label = request_kind_named(kind).label
    return f"{'An' if label[0] in 'aeiou' else 'A'} {label} is waiting"


def answered_title(kind: str) -> str:
    return f"Your {request_kind_named(kind).label} has an answer"


def tell_deciders(*, kind: str, request, url: str, urgent: bool = False) -> int:
    """Notify everyone the kind named `kind` says may decide `request` (its `deciders`), each once, with a generic
    title ("A pass request is waiting") and `url`, where it is decided. Returns how many were told; someone who has
    left the organization is skipped and the others are still told."""
    told, seen = 0, set()
    for person in request_kind_named(kind).deciders(request):
        if person.pk in seen:
            continue
        seen.add(person.pk)
        try:
            notify(recipient=person, kind=f"request.{kind}.waiting", title=waiting_title(kind), url=url, urgent=urgent)
        except RecipientNotAMember:
            continue
        told += 1
    return told


def tell_asker(*, kind: str, asker, url: str) -> bool:
    """Tell the person who asked (a user, or None when they have no sign-in) that their request of kind `kind` has
    an answer, which they read behind `url`. False when there is nobody to tell."""
    if asker is None:
        return False
    try:
        notify(recipient=asker, kind=f"request.{kind}.decided", title=answered_title(kind), url=url)
    except RecipientNotAMember:
        return False
    return True


def waiting_for(membership) -> list:
    """The open requests of every registered kind this member may decide, oldest first (`WaitingRequest`s). One
    query for every kind together (a UNION of each kind's rows as (kind, asked at, key)), whatever the number of
    kinds and requests; none when no kind has any for this member's role."""
    kinds = {kind.name: kind for kind in registry["requests"]}
    parts = [
        kind.waiting_for(membership).order_by().values_list(Value(kind.name), kind.asked_at, kind.key)
        for kind in kinds.values()
    ]
    parts = [part for part in parts if not isinstance(part, EmptyQuerySet)]
    if not parts:
        return []
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    waiting = [WaitingRequest(kinds[name].label, at, kinds[name].url(key)) for name, at, key in rows]
    return sorted(waiting, key=lambda row: row.asked_at)


@dashboard_card("dashboard/_waiting.html", order=5)
def waiting_card(request):
    """The home page's "Waiting for you": shown only to someone with requests to decide."""
    rows = waiting_for(request.membership)
    if not rows:
        return None
    return {"requests": rows[:WAITING_SHOWN], "more": max(len(rows) - WAITING_SHOWN, 0)}
