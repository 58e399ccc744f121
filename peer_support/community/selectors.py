"""Reads for the community pages, and `partners_for_goals` for the recovery plan page."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from peer_support.community.models import CommunityEvent, EventRsvp, GoalPartner, Partner, ServiceHours
from recovery.models import Role
from residents.models import Goal


def partners_for_goals(goal_ids) -> dict[int, list[Partner]]:
    """Each goal's partners, by goal id, in one query."""
    found = defaultdict(list)
    for link in (
        GoalPartner.objects.filter(goal_id__in=list(goal_ids)).select_related("partner").order_by("partner__name")
    ):
        found[link.goal_id].append(link.partner)
    return dict(found)


def partner_list():
    return Partner.objects.annotate(goal_count=Count("goal_links")).order_by("name")


def partner_goal_links(partner: Partner, membership):
    """Goals that point at this partner, for staff: only goals of residents they look after (house managers:
    residents of their homes). One query."""
    links = GoalPartner.objects.filter(partner=partner).select_related("goal__plan__stay__resident")
    if membership.role == Role.HOUSE_MANAGER:
        from residences.homes.selectors import assigned_residence_ids

        links = links.filter(
            goal__plan__stay__bed_assignments__bed__room__residence__in=assigned_residence_ids(membership)
        ).distinct()
    elif membership.role not in (Role.ADMIN, Role.STAFF):
        return GoalPartner.objects.none()
    return links.order_by("goal__plan__stay__resident__last_name", "goal__title")


def goal_with_resident():
    return Goal.objects.select_related("plan__stay__resident")


def events_page(*, resident, now):
    events = CommunityEvent.objects.filter(starts_at__gte=now).select_related("partner")
    events = events.annotate(going_count=Count("rsvps", filter=Q(rsvps__going=True)))
    if resident is not None:
        mine = EventRsvp.objects.filter(event=OuterRef("pk"), resident=resident).values("going")[:1]
        events = events.annotate(my_going=Subquery(mine))
    return events.order_by("starts_at")


def my_service_hours(resident):
    entries = ServiceHours.objects.filter(resident=resident).order_by("-on", "-created_at")
    totals = entries.aggregate(all=Sum("hours"), verified=Sum("hours", filter=Q(verified_at__isnull=False)))
    return entries, {key: value or Decimal("0") for key, value in totals.items()}


def service_hours_for_staff(membership, *, today):
    """Entries of residents this person looks after (house manager: living in their homes), newest first, and
    totals per resident (verified and all)."""
    from residents.profiles.selectors import visible_residents

    residents = visible_residents(membership, today=today)
    entries = ServiceHours.objects.filter(resident__in=residents.values("pk")).select_related("resident")
    # Residents, not values(): the people listed are loaded as records, so the page's audit names each of them.
    totals = (
        residents.filter(pk__in=entries.values("resident_id"))
        .annotate(
            all=Sum("service_hours__hours"),
            verified=Sum("service_hours__hours", filter=Q(service_hours__verified_at__isnull=False)),
        )
        .order_by("last_name", "first_name")
    )
    return entries.order_by("verified_at", "-on"), totals


def attach_partners(goals):
    """Set `goal.linked_partners` on each goal (one query), for templates that loop over a plan's goals."""
    goals = list(goals)
    found = partners_for_goals(goal.pk for goal in goals)
    for goal in goals:
        goal.linked_partners = found.get(goal.pk, [])
    return goals
