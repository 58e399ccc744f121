"""Demo waitlist: applications at every step, with notes and priorities, for the homes the demo already has.

Safe to run again: an applicant already there (by name) is left as they are.
"""

from datetime import timedelta

from django.utils import timezone

from recovery.registry import demo_seeder
from recovery.tenancy import tenant_scope
from residences.applications.selectors import free_beds_on
from residences.applications.services import add_note, move_application, set_priority
from residences.models import Application, ApplicationStatus, Residence
from residences.stays.services import admit_applicant

Status = ApplicationStatus

# (first name, last name, status, priority, note or decline reason); each organization has its own people.
APPLICANTS = {
    "harbor-light": [
        ("Alexis", "Moreno", Status.NEW, 2, "Called from the detox unit; discharge planned for Friday."),
        ("Ben", "Carter", Status.SCREENING, 3, "Screening call booked for Tuesday morning."),
        ("Keisha", "Lewis", Status.INTERVIEW, 1, "Interview with two residents present on Thursday."),
        ("Owen", "Price", Status.WAITLISTED, 3, "Good fit; waiting for a bed in the men's house."),
        ("Rosa", "Delgado", Status.DECLINED, 4, "Needs a higher level of care than we offer; referred on."),
        ("Tyler", "Hughes", Status.WITHDRAWN, 5, "Found a place closer to family."),
        ("Imani", "Foster", Status.ACCEPTED, 1, "The house met her and said yes."),
    ],
    "cedar-path": [
        ("Caleb", "Nguyen", Status.NEW, 3, "Referred by the county drug court."),
        ("Maria", "Flores", Status.SCREENING, 2, "Asked about MAT storage on site."),
        ("Derek", "Simmons", Status.INTERVIEW, 2, "Interview with the house on Monday evening."),
        ("Lena", "Fischer", Status.WAITLISTED, 1, "Ready to move as soon as a bed frees up."),
        ("Paul", "Ramirez", Status.DECLINED, 4, "Looking for a family home; we have no space for children."),
        ("Zoe", "Adams", Status.WITHDRAWN, 5, "Chose outpatient treatment at home."),
        ("Victor", "Ochoa", Status.ACCEPTED, 2, "The house voted to welcome him."),
    ],
}
GENERIC = [(f"Applicant{n}", "Demo", status, 3, "Demo note.") for n, status in enumerate(Status.values, start=1)]

# How each step is reached from "new", so the demo walks the same pipeline people do.
PATHS = {
    Status.NEW: [],
    Status.SCREENING: [Status.SCREENING],
    Status.INTERVIEW: [Status.SCREENING, Status.INTERVIEW],
    Status.WAITLISTED: [Status.SCREENING, Status.INTERVIEW, Status.WAITLISTED],
    Status.DECLINED: [Status.SCREENING, Status.DECLINED],
    Status.WITHDRAWN: [Status.WITHDRAWN],
    Status.ACCEPTED: [Status.SCREENING, Status.INTERVIEW],
}


@demo_seeder(order=12)
def seed(organization, spec=None):
    """Add the demo applications missing from `organization`'s waitlist."""
    with tenant_scope(organization):
        homes = list(Residence.objects.order_by("name"))
        today = timezone.localdate(timezone=organization.time_zone)
        for index, (first, last, status, priority, text) in enumerate(APPLICANTS.get(organization.slug, GENERIC)):
            if Application.objects.filter(first_name=first, last_name=last).exists():
                continue
            home = homes[index % len(homes)] if homes and index % 3 else None
            application = Application.objects.create(
                first_name=first,
                last_name=last,
                email=f"{first.lower()}.{last.lower()}@example.org",
                residence=home,
                hoped_move_in=today + timedelta(days=7 + index),
                on_mat=index % 2 == 0,
                referral_source="Demo",
            )
            set_priority(application=application, priority=priority)
            for step in PATHS[status]:
                reason = text if step == Status.DECLINED else ""
                application = move_application(application=application, to_status=step, by=None, reason=reason)
            if status != Status.DECLINED:
                add_note(application=application, by=None, text=text)
            if status == Status.ACCEPTED:
                _admit_if_a_bed_is_free(application, home, today)


def _admit_if_a_bed_is_free(application, home, today):
    """Accepting means admitting; with no free bed the applicant stays at the interview step."""
    beds = free_beds_on(today).select_related("room").order_by("room__residence__name", "room__name", "label")
    if home is not None:
        beds = beds.filter(room__residence=home)
    bed = beds.first()
    if bed is not None:
        admit_applicant(application=application, bed=bed, move_in=today)
