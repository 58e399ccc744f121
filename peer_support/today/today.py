"""Check-ins on the home page's Today (recovery.today): a resident's own check-in for today; for staff and coaches,
who asked to talk and who missed yesterday's check-in among the people they look after. Two queries at most."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext

from peer_support.checkins.models import CheckIn
from peer_support.checkins.selectors import talk_answered_lately
from peer_support.today.selectors import people_of
from recovery.models import Role
from recovery.registry import TodayLine, today_lines
from recovery.templatetags.people import person
from recovery.tenancy import home_today, organization_today, viewer_today
from residences.homes.selectors import bed_of


@today_lines(roles={Role.RESIDENT}, order=10)
def my_check_in(request):
    bed = bed_of(user=request.user, on=organization_today(request.organization))
    today = home_today(bed.bed.room.residence) if bed is not None else None  # the day on the home's own clock
    if bed is not None and not CheckIn.objects.filter(resident=bed.stay.resident, day=today).exists():
        yield TodayLine(gettext("Check in for today"), reverse("peer_support:today"), urgent=False)


@today_lines(roles={Role.RESIDENT}, order=5)
def someone_is_reaching_out(request):
    """Whoever answered the resident's "I need to talk" in the last twelve hours: they know who is coming (one query).
    The line is on their own Today, never in a notification title (a lock screen is not private)."""
    answered = talk_answered_lately(resident__user=request.user)
    if answered is not None:
        name = person(answered.answered_by, "Someone who looks after you")
        yield TodayLine(
            gettext("%(name)s is reaching out to you") % {"name": name}, reverse("peer_support:today"), urgent=True
        )


@today_lines(roles={Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER, Role.COACH}, order=10)
def people_checking_in(request):
    """ "Asked to talk" (urgent) and "missed yesterday's check-in", counted over the people this person watches, on
    the viewer's clock (their one home's; over several homes, the organization's)."""
    today = viewer_today(request)
    beds, _shared_only = people_of(request.membership, request.user)
    residents = beds.values("stay__resident")
    my_people = reverse("peer_support:my_people")
    asked = CheckIn.objects.filter(resident__in=residents, day=today, needs_to_talk=True).count()
    if asked:
        yield TodayLine(gettext("Asked to talk today"), my_people, count=asked, urgent=True)
    yesterday = today - timedelta(days=1)
    settled = beds.filter(stay__move_in__lt=yesterday)
    checked_in = CheckIn.objects.filter(resident__in=residents, day=yesterday).values("resident")
    missed = settled.exclude(stay__resident__in=checked_in).count()
    if missed:
        yield TodayLine(gettext("Missed yesterday's check-in"), my_people, count=missed)
    if request.membership.role == Role.COACH:
        yield TodayLine(gettext("Your people"), my_people, count=beds.count())
