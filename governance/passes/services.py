"""Passes and sign-outs: asking within the phase's allowance, the house's answer, signing out and back, and
the one flag to the house manager(s) when a resident is overdue back."""

from contextlib import suppress
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from governance.passes import requests as pass_requests
from governance.passes.models import NIGHTS_AWAY, OverdueFlag, Pass, PassKind, PassStatus, SignOut
from recovery.errors import DomainError
from recovery.notifications.services import RecipientNotAMember, notify
from recovery.requests import tell_asker, tell_deciders
from recovery.tenancy import home_time_zone, next_occurrence
from residences.homes.selectors import house_managers_of
from residents.phases.services import current_step


class PassProblem(DomainError):
    """A pass or sign-out the house's rules say no to."""


def curfew_for(stay, residence):
    """The phase's curfew, else the home's."""
    step = current_step(stay)
    return step.phase.curfew if step and step.phase.curfew else residence.curfew


def nights_allowed(stay) -> int | None:
    """Overnight and weekend passes a month under the stay's phase (None: not on a phase yet)."""
    step = current_step(stay)
    return step.phase.overnight_passes_per_month if step else None


def _month_bounds(moment: datetime, residence):
    """The home's calendar month (on its own clock, `home_time_zone()`) that `moment` falls in."""
    local = timezone.localtime(moment, home_time_zone(residence))
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    return start, end


def request_pass(*, stay, residence, kind: str, leaves_at: datetime, returns_at: datetime, destination="") -> Pass:
    """Ask for a pass. Overnight and weekend passes count against the phase's monthly allowance (the month the
    pass starts in); requests waiting for an answer count too, declined and cancelled ones do not. Whoever decides
    passes at the home is told at once (`governance.passes.requests.deciders`)."""
    if returns_at <= leaves_at:
        raise PassProblem("The return time must be after the time you leave.")
    with transaction.atomic():
        if kind in NIGHTS_AWAY:
            allowed = nights_allowed(stay)
            if allowed is None:
                raise PassProblem(
                    "You are not on a phase yet, so overnight passes are not open to you. Talk with your house manager."
                )
            start, end = _month_bounds(leaves_at, residence)
            # Lock the stay, so two requests at once cannot both take the last night of the month.
            type(stay).objects.select_for_update().filter(pk=stay.pk).first()
            used = Pass.objects.filter(
                stay=stay,
                kind__in=NIGHTS_AWAY,
                leaves_at__gte=start,
                leaves_at__lt=end,
                status__in=[PassStatus.REQUESTED, PassStatus.APPROVED],
            ).count()
            if used >= allowed:
                raise PassProblem(
                    f"Your phase allows {allowed} overnight or weekend pass{'es' if allowed != 1 else ''} a month, "
                    f"and you have used {used} in {start:%B}. A day pass is still possible, or talk with your "
                    "house manager."
                )
        pass_ = Pass.objects.create(
            stay=stay,
            residence=residence,
            kind=kind,
            leaves_at=leaves_at,
            returns_at=returns_at,
            destination=destination,
        )
        tell_deciders(kind="pass", request=pass_, url=pass_requests.decide_url(pass_.residence_id))
    return pass_


def decide_pass(*, pass_: Pass, approve: bool, by, reason="") -> Pass:
    """Approve or decline a waiting pass; a decline needs a reason, which the resident sees."""
    with transaction.atomic():
        pass_ = Pass.objects.select_for_update().get(pk=pass_.pk)
        if pass_.status != PassStatus.REQUESTED:
            raise PassProblem("This pass has already been answered.")
        if not approve and not reason.strip():
            raise PassProblem("Please give a reason when you decline, so they know what to change.")
        pass_.status = PassStatus.APPROVED if approve else PassStatus.DECLINED
        pass_.decided_by, pass_.decided_at, pass_.decision_reason = by, timezone.now(), reason.strip()
        pass_.save()
    tell_asker(kind="pass", asker=pass_.stay.resident.user, url=reverse("governance:pass_mine"))
    return pass_


def cancel_pass(*, pass_: Pass) -> Pass:
    if pass_.status not in (PassStatus.REQUESTED, PassStatus.APPROVED):
        raise PassProblem("This pass can no longer be cancelled.")
    pass_.status = PassStatus.CANCELLED
    pass_.save()
    return pass_


# The curfew night runs from the curfew to this hour of the home's morning: whoever leaves then without a pass is out
# past curfew, due back at once, rather than due back at tomorrow night's curfew (a free night away). House policy.
CURFEW_NIGHT_ENDS = time(5, 0)


def is_curfew_night(curfew: time, local: time) -> bool:
    """Whether the home's wall-clock time `local` falls in the curfew night that begins at `curfew` (local, naive)
    and ends at CURFEW_NIGHT_ENDS: 23:30 and 03:00 do for a curfew at 23:00; 09:00 does not, nor 23:30 for a
    curfew at 01:00 (that night has not begun)."""
    if curfew > CURFEW_NIGHT_ENDS:
        return local >= curfew or local < CURFEW_NIGHT_ENDS
    return curfew <= local < CURFEW_NIGHT_ENDS


def sign_out(*, stay, residence, by, now: datetime | None = None, on_pass: Pass | None = None) -> SignOut:
    """Sign out of the home: due back when the pass ends, else at the next curfew after `now`; without a pass in the
    curfew night (`is_curfew_night`: from the curfew to 05:00), due back at once.

    The next curfew is the first moment after `now` (aware, default the present) at which the home's clock
    (`recovery.tenancy.home_time_zone()`: its own time zone, else the organization's) reads the phase's curfew,
    else the home's: so a curfew of midnight or 1 a.m. seen at 9 a.m. is tonight's, never this morning's, and the
    resident is due back within 24 hours (25 on the night the clocks go back). Around daylight-saving changes a
    curfew in the skipped spring hour moves forward by the hour; one in the repeated autumn hour is its first
    occurrence (`recovery.tenancy.at_wall_time()`). Rule: issue 15, item 5. Raises PassProblem for a pass that
    is not the resident's approved one, or when they are already out.
    """
    now = now or timezone.now()
    if on_pass is not None:
        if on_pass.stay_id != stay.pk or on_pass.status != PassStatus.APPROVED:
            raise PassProblem("That pass is not an approved pass of yours.")
        due = on_pass.returns_at
    else:
        curfew, zone = curfew_for(stay, residence), home_time_zone(residence)
        # Leaving in the curfew night without a pass is out past curfew: due back at once, and the house managers
        # hear it from the overdue check, instead of the resident being due back at tomorrow night's curfew.
        past_curfew = is_curfew_night(curfew, timezone.localtime(now, zone).time().replace(tzinfo=None))
        due = now if past_curfew else next_occurrence(curfew, after=now, time_zone=zone)
    try:
        with transaction.atomic():
            return SignOut.objects.create(
                stay=stay, residence=residence, on_pass=on_pass, out_at=now, due_back_at=due, signed_out_by=by
            )
    except IntegrityError as error:
        raise PassProblem("You are already out of the house. Tap “I'm back home” first.") from error


def sign_back_in(*, sign_out: SignOut, by, now: datetime | None = None) -> SignOut:
    if sign_out.back_at is not None:
        raise PassProblem("This sign-out was already closed.")
    sign_out.back_at, sign_out.signed_back_by = now or timezone.now(), by
    sign_out.save()
    return sign_out


def flag_if_overdue(*, sign_out: SignOut, now: datetime | None = None) -> bool:
    """Tell the home's house manager(s) once that a resident is overdue back. True when this call flagged.

    The flag (the occurrence's unique key) and the notifications commit together: when notifying fails the flag
    is rolled back too, so the next run flags again instead of finding the key and doing nothing.
    """
    now = now or timezone.now()
    if sign_out.back_at is not None or sign_out.due_back_at > now:
        return False
    with transaction.atomic():
        try:
            with transaction.atomic():
                OverdueFlag.objects.create(sign_out=sign_out)
        except IntegrityError:
            return False
        for manager in house_managers_of(sign_out.residence):
            with suppress(RecipientNotAMember):  # one who left is skipped; the others are still told
                notify(
                    recipient=manager,
                    kind="governance.overdue_back",
                    title="A resident is overdue back",
                    url=f"/house/passes/home/{sign_out.residence_id}/",
                    urgent=True,
                )
    return True


PASS_KIND_HOURS = {PassKind.DAY: 12, PassKind.OVERNIGHT: 24, PassKind.WEEKEND: 72}
