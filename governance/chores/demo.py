"""Demo house life: a few weeks of chore rotation with completions (and one miss) in every lived-in home,
then passes (seed_passes) and a peer-run (or democratic) home's treasury (seed_treasury). Runs after the stays are
seeded; safe to run again (each part is skipped once present)."""

from datetime import timedelta

from governance.chores import services as chore_services
from governance.chores.models import Chore, ChoreAssignment
from governance.passes.demo import seed_passes
from governance.treasury import services as treasury_services
from governance.treasury.demo import seed_treasury
from recovery.models import Membership, Role
from recovery.registry import demo_seeder
from recovery.tenancy import organization_today, tenant_scope
from residences.homes.selectors import living_in
from residences.models import Residence

CHORES = [
    ("Kitchen and dishes", "daily", "Counters wiped, dishwasher run, floor swept."),
    ("Bathrooms", "twice_weekly", "Sinks, toilets, showers; restock paper."),
    ("Trash and recycling", "twice_weekly", "Out Tuesday and Friday nights."),
    ("Living room and floors", "weekly", "Vacuum and mop the shared rooms."),
]


@demo_seeder(order=42)
def seed(organization) -> None:
    with tenant_scope(organization):
        today = organization_today(organization)
        homes = [home for home in Residence.objects.order_by("pk") if living_in(home, on=today).exists()]
        manager = Membership.objects.filter(role=Role.HOUSE_MANAGER).select_related("user").first()
        by = manager.user if manager else None
        for home in homes:
            _seed_chores(home, today=today, by=by)
            seed_passes(home, today=today, by=by)
        treasury_homes = sorted((h for h in homes if treasury_services.treasury_open(h)), key=lambda h: h.level)
        if treasury_homes:
            seed_treasury(treasury_homes[0], today=today, by=by)


def _seed_chores(home, *, today, by) -> None:
    if Chore.objects.filter(residence=home).exists():
        return
    for name, frequency, notes in CHORES:
        chore_services.add_chore(residence=home, name=name, frequency=frequency, notes=notes)
    for weeks_ago in (3, 2, 1, 0):
        chore_services.turn_week(residence=home, today=today - timedelta(weeks=weeks_ago))
    past = ChoreAssignment.objects.filter(chore__residence=home, week__week_of__lt=chore_services.week_start(today))
    for index, assignment in enumerate(past.order_by("week__week_of", "chore__name")):
        if index == 5:
            chore_services.mark_missed(assignment=assignment, by=by, note="Not done; talked it over at house meeting.")
            continue
        chore_services.mark_done(assignment=assignment)
        chore_services.check(assignment=assignment, by=by)
