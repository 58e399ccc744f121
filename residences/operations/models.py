"""Running the house: staff rounds (house checks), maintenance requests, safety inspections and drills, and the
good-neighbor log (the house's named contact for neighbors, and their complaints with the house's responses)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class HouseCheck(TenantModel):
    """One round of the house: who was in, bed by bed, at a moment."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="house_checks")
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        indexes = [models.Index(fields=["organization", "residence", "checked_at"], name="house_check_by_residence")]

    def __str__(self):
        return f"House check #{self.pk}"


class Whereabouts(models.TextChoices):
    PRESENT = "present", _("In the house")
    OUT_ON_PASS = "out_on_pass", _("Out on pass")
    AWAY = "away", _("Away (work, school, appointment)")
    NOT_SEEN = "not_seen", _("Not seen")


class HouseCheckEntry(TenantModel):
    """One occupied bed in a house check, and where its resident was."""

    house_check = models.ForeignKey(HouseCheck, on_delete=models.PROTECT, related_name="entries")
    bed = models.ForeignKey("residences.Bed", on_delete=models.PROTECT, related_name="+")
    # Who was in the bed at the time, kept so the log still reads right after transfers and move-outs.
    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="house_check_entries")
    whereabouts = models.CharField(max_length=20, choices=Whereabouts.choices, default=Whereabouts.PRESENT)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["bed__room__name", "bed__label"]
        verbose_name_plural = "house check entries"
        constraints = [
            models.UniqueConstraint(fields=["organization", "house_check", "bed"], name="one_entry_per_bed_and_check"),
            models.CheckConstraint(
                condition=models.Q(whereabouts__in=Whereabouts.values), name="house_check_whereabouts_is_known"
            ),
        ]

    def __str__(self):
        return f"House check entry #{self.pk}"


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon (this week)")
    URGENT = "urgent", _("Urgent (safety, water, heat, power)")


class MaintenanceStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class MaintenanceRequest(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="maintenance_requests")
    location = models.CharField("where in the house", max_length=120, blank=True)
    description = models.TextField("what needs fixing", max_length=2000)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    status = models.CharField(max_length=15, choices=MaintenanceStatus.choices, default=MaintenanceStatus.OPEN)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField()
    resolution = models.TextField("what was done", max_length=2000, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["organization", "residence", "status"], name="maintenance_by_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(urgency__in=Urgency.values), name="maintenance_urgency_is_known"),
            models.CheckConstraint(
                condition=models.Q(status__in=MaintenanceStatus.values), name="maintenance_status_is_known"
            ),
            # Done exactly when it has a resolution time: the list's "open" and the log's "fixed on" agree.
            models.CheckConstraint(
                condition=models.Q(status=MaintenanceStatus.DONE, resolved_at__isnull=False)
                | (~models.Q(status=MaintenanceStatus.DONE) & models.Q(resolved_at__isnull=True)),
                name="maintenance_done_has_resolved_at",
            ),
        ]

    def __str__(self):
        return f"Maintenance request #{self.pk}"


class InspectionKind(models.TextChoices):
    SMOKE_DETECTORS = "smoke_detectors", _("Smoke detectors")
    CO_DETECTORS = "co_detectors", _("Carbon monoxide (CO) detectors")
    EXTINGUISHERS = "extinguishers", _("Fire extinguishers")
    EVACUATION_DRILL = "evacuation_drill", _("Evacuation drill")
    OTHER = "other", _("Other safety check")


# How soon the next one is due when the person recording does not say (common practice; local code may differ).
INSPECTION_INTERVALS = {
    InspectionKind.SMOKE_DETECTORS: timedelta(days=30),
    InspectionKind.CO_DETECTORS: timedelta(days=30),
    InspectionKind.EXTINGUISHERS: timedelta(days=365),
    InspectionKind.EVACUATION_DRILL: timedelta(days=91),
    InspectionKind.OTHER: timedelta(days=365),
}


class SafetyInspection(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="safety_inspections")
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    done_on = models.DateField()
    passed = models.BooleanField(default=True)
    notes = models.TextField(max_length=2000, blank=True)
    next_due_on = models.DateField("next one due", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-done_on", "-pk"]
        indexes = [models.Index(fields=["organization", "residence", "done_on"], name="inspection_by_residence")]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=InspectionKind.values), name="inspection_kind_is_known"),
            models.CheckConstraint(
                condition=models.Q(next_due_on__isnull=True) | models.Q(next_due_on__gt=models.F("done_on")),
                name="inspection_next_due_after_done",
            ),
            models.CheckConstraint(
                condition=models.Q(passed=True) | ~models.Q(notes=""), name="failed_inspection_has_notes"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.done_on:%Y-%m-%d}"


class GoodNeighborContact(TenantModel):
    """The person neighbors can reach about the house: one per residence, shared with the neighbors."""

    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.CASCADE, related_name="good_neighbor_contacts"
    )
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True, help_text=_("e.g. “House manager”"))
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence"], name="one_good_neighbor_contact_per_home"),
            models.CheckConstraint(condition=~models.Q(phone="", email=""), name="good_neighbor_contact_reachable"),
        ]

    def __str__(self):
        return f"Good-neighbor contact #{self.pk}"


class NeighborComplaint(TenantModel):
    """A neighbor's complaint about the house and the house's response."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="neighbor_complaints")
    received_on = models.DateField()
    from_name = models.CharField("from", max_length=120, help_text=_("A name, or “Anonymous”."))
    from_contact = models.CharField("how to reach them", max_length=200, blank=True)
    summary = models.TextField("what it is about", max_length=2000)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    response = models.TextField("the house's response", max_length=2000, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(response="") & models.Q(responded_on__isnull=True))
                | (
                    ~models.Q(response="")
                    & models.Q(responded_on__isnull=False, responded_on__gte=models.F("received_on"))
                ),
                name="neighbor_response_has_a_date_after_receipt",
            ),
        ]

    def __str__(self):
        return f"Neighbor complaint #{self.pk}"
