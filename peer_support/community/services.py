"""Community: partners and their links to goals, events with RSVPs, and community service hours."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from peer_support.community.models import CommunityEvent, EventRsvp, GoalPartner, Partner, ServiceHours
from recovery.errors import DomainError
from recovery.tenancy import CrossTenantRelation


class PartnerNotLinked(DomainError):
    pass


class EventRsvpClosed(DomainError):
    pass


class HoursNotLogged(DomainError):
    pass


def add_partner(**fields) -> Partner:
    try:
        with transaction.atomic():
            return Partner.objects.create(**fields)
    except IntegrityError:
        raise PartnerNotLinked("There is already a partner with this name.") from None


def link_partner(*, goal, partner, by) -> GoalPartner:
    """Point a recovery-plan goal at a partner of the same organization (linking twice keeps one link)."""
    if goal.organization_id != partner.organization_id:
        raise CrossTenantRelation("This goal and this partner belong to different organizations.")
    link, _ = GoalPartner.objects.get_or_create(goal=goal, partner=partner, defaults={"linked_by": by})
    return link


def unlink_partner(*, link: GoalPartner) -> None:
    link.delete()


def add_event(*, by, **fields) -> CommunityEvent:
    return CommunityEvent.objects.create(created_by=by, **fields)


def rsvp_event(*, event, resident, going: bool, now=None) -> EventRsvp:
    if event.starts_at <= (now or timezone.now()):
        raise EventRsvpClosed("This has already started, so answers are closed.")
    answer, _ = EventRsvp.objects.update_or_create(event=event, resident=resident, defaults={"going": going})
    return answer


def log_service_hours(*, resident, on, hours, where: str) -> ServiceHours:
    if on > timezone.localdate():
        raise HoursNotLogged("That date is in the future. Log hours once they are done.")
    if not 0 < hours <= 24:
        raise HoursNotLogged("Hours are more than 0 and at most 24 for one day.")
    return ServiceHours.objects.create(resident=resident, on=on, hours=hours, where=where)


def verify_service_hours(*, entry: ServiceHours, by, now=None) -> ServiceHours:
    if entry.verified_at is None:
        entry.verified_by, entry.verified_at = by, now or timezone.now()
        entry.save(update_fields=["verified_by", "verified_at"])
    return entry
