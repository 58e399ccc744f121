"""A person's calendar link: make one (replacing the one they had), revoke it, and find the live link a token names.

Only the token's SHA-256 is stored; the token itself is shown once, in the link, when it is made. Making a new link
revokes the old one in the same transaction, so a person has at most one live link (a database constraint too).
Making and revoking are audited as changes of the link (TenantModel), never with the token.
"""

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from governance.calendar.models import TOKEN_START, CalendarFeed


def live_link_of(membership) -> CalendarFeed | None:
    """The member's live (unrevoked) calendar link, or None."""
    return CalendarFeed.objects.filter(membership=membership, revoked_at__isnull=True).first()


@transaction.atomic
def make_link(*, membership) -> str:
    """Revoke the member's live link, if any, and make a new one. Returns the new token (shown once)."""
    revoke_link(membership=membership)
    token = CalendarFeed.new_secret()
    CalendarFeed.objects.create(membership=membership, token_hash=CalendarFeed.hash_token(token))
    return token


def revoke_link(*, membership) -> bool:
    """Revoke the member's live link; from now on it answers 404. Returns whether there was one."""
    feed = CalendarFeed.objects.select_for_update().filter(membership=membership, revoked_at__isnull=True).first()
    if feed is None:
        return False
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    return True


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live link `token` names, with its membership, user and organization, whichever organization it is in;
    None for an unknown, malformed or revoked token, or one whose membership is no longer active. Called before
    any tenant scope exists (the request has no session), so it looks across organizations by the hash alone."""
    if not token.startswith(TOKEN_START) or len(token) > 100:
        return None
    with scopes_disabled():
        feed = (
            CalendarFeed.objects.select_related("membership__user", "organization")
            .filter(token_hash=CalendarFeed.hash_token(token), revoked_at__isnull=True)
            .first()
        )
    if feed is None or not feed.membership.is_active or not feed.membership.user.is_active:
        return None
    return feed
