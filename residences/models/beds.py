"""Rooms and beds. A bed's status is derived from its stays (occupied, reserved) and one stored fact: whether
it is in service. Capacity and occupancy are counted, never typed."""

from django.db import models

from recovery.tenancy import TenantModel


class Room(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=60, help_text="e.g. “Upstairs front” or “Room 3”")
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["residence", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "residence", "name"], name="room_name_unique_per_residence"
            ),
        ]

    def __str__(self):
        return self.name


class BedStatus(models.TextChoices):
    AVAILABLE = "available", "Available"
    OCCUPIED = "occupied", "Occupied"
    RESERVED = "reserved", "Reserved"
    OUT_OF_SERVICE = "out_of_service", "Out of service"


class Bed(TenantModel):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="beds")
    label = models.CharField(max_length=40, help_text="e.g. “A” or “Window bed”")
    in_service = models.BooleanField(default=True)
    out_of_service_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["room__name", "label"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "room", "label"], name="bed_label_unique_per_room"),
        ]

    def __str__(self):
        return f"{self.room.name} · {self.label}"
