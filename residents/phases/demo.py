"""Demo phases: every home gets the usual four; each current stay sits in a phase that fits how long they have
been there (with its history), one resident has asked to move up, and a graduate has joined the alumni.
Safe to run again: homes with phases and stays with a phase are left as they are."""

from datetime import timedelta

from recovery.registry import demo_seeder
from recovery.tenancy import tenant_scope
from residences.models import Residence, Stay
from residences.stays.models import GOOD_EXITS
from residents.consents.services import organization_today
from residents.models import Alumnus, PhaseStep
from residents.phases import services


@demo_seeder(order=23)
def seed(organization) -> None:
    with tenant_scope(organization):
        today = organization_today()
        for residence in Residence.objects.order_by("pk"):
            services.add_standard_phases(residence=residence)
        asked = False
        for stay in Stay.objects.filter(move_out__isnull=True, move_in__lte=today).order_by("pk"):
            if PhaseStep.objects.filter(stay=stay).exists():
                continue
            home = services.stay_home(stay)
            if home is None:
                continue
            services.welcome(stay=stay, on=stay.move_in)
            day = stay.move_in
            for phase in list(home.phases.order_by("position"))[1:]:
                day = day + timedelta(weeks=max(previous_weeks(home, phase), 1))
                if day > today:
                    break
                services.move_to_phase(stay=stay, phase=phase, on=day, note="Met the phase's requirements")
            if not asked and services.next_phase(stay) is not None:
                services.ask_to_advance(stay=stay, why_ready="I've made every meeting and I'm ready for more trust.")
                asked = True
        # Only the demo's own past stays: once the demo has alumni, a stay somebody ended since is left to them.
        good_exits = Stay.objects.filter(discharge_reason__in=list(GOOD_EXITS))
        past_stays = Stay.objects.none() if Alumnus.objects.exists() else good_exits
        for stay in past_stays.select_related("resident"):
            services.farewell(stay=stay)
            if not Alumnus.objects.filter(resident=stay.resident).exists():
                services.join_alumni(
                    resident=stay.resident,
                    on=stay.move_out,
                    willing_to_mentor=True,
                    contact_note="Text me; happy to meet newcomers for coffee",
                )


def previous_weeks(home, phase) -> int:
    """The minimum weeks of the phase before `phase` in this home."""
    before = home.phases.filter(position=phase.position - 1).first()
    return before.minimum_weeks if before else 1
