"""Demo passes for one home: answered passes, a trip signed out and back, and one resident overdue back.
Called by the house-life demo (governance.chores.demo); skipped once the home has passes."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from governance.passes import services as pass_services
from governance.passes.models import Pass, PassStatus
from residences.homes.selectors import living_in


def seed_passes(home, *, today, by) -> None:
    """Answered passes in `home` (one used and signed back in, one ahead), and one resident overdue back.
    Nothing when the home has passes."""
    if Pass.objects.filter(residence=home).exists():
        return
    stays = [row.stay for row in living_in(home, on=today)]
    if not stays:
        return
    now = timezone.now()
    decided = {"status": PassStatus.APPROVED, "decided_by": by, "decided_at": now - timedelta(days=6)}
    first = stays[0]
    lunch = today - timedelta(days=5)
    done = Pass.objects.create(
        stay=first,
        residence=home,
        kind="day",
        destination="Family lunch",
        leaves_at=_at(lunch, 10),
        returns_at=_at(lunch, 18),
        **decided,
    )
    trip = pass_services.sign_out(stay=first, residence=home, by=first.resident.user, on_pass=done, now=done.leaves_at)
    pass_services.sign_back_in(sign_out=trip, by=first.resident.user, now=done.returns_at - timedelta(hours=1))
    soon = today + timedelta(days=3)
    Pass.objects.create(
        stay=first,
        residence=home,
        kind="overnight",
        destination="Sister's apartment",
        leaves_at=_at(soon, 17),
        returns_at=_at(soon + timedelta(days=1), 12),
    )
    if len(stays) > 1:
        late = stays[1]
        overdue = Pass.objects.create(
            stay=late,
            residence=home,
            kind="day",
            destination="Job interview",
            leaves_at=now - timedelta(hours=10),
            returns_at=now - timedelta(hours=2),
            **decided,
        )
        sign_out = pass_services.sign_out(stay=late, residence=home, by=by, on_pass=overdue, now=overdue.leaves_at)
        pass_services.flag_if_overdue(sign_out=sign_out)


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))
