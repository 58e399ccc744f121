"""Residences (the homes), their policies, and which house managers look after which home."""

from datetime import time
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from timezone_field import TimeZoneField

from recovery.tenancy import TenantModel


class Level(models.IntegerChoices):
    PEER_RUN = 1, _("Level 1 — peer-run")
    SUPERVISED = 2, _("Level 2 — supervised")
    CLINICALLY_MANAGED = 3, _("Level 3 — clinically managed")


class Population(models.TextChoices):
    MEN = "men", _("Men")
    WOMEN = "women", _("Women")
    ALL_GENDERS = "all_genders", _("All genders")
    PARENTS_WITH_CHILDREN = "parents_with_children", _("Parents with children")
    YOUNG_ADULTS = "young_adults", _("Young adults")


class RentPeriod(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")


class RentRule(models.TextChoices):
    """How a period the resident lives only part of is charged (written into the fee disclosure they sign)."""

    BY_DAY = "by_day", _("By the day: a part period is charged for the days lived")
    FULL_PERIOD = "full_period", _("Full period: any day of a period is charged as the whole period")


class MATStorage(models.TextChoices):
    ON_SITE_LOCKED = "on_site_locked", _("On site, locked")
    OFF_SITE_ONLY = "off_site_only", _("Off site only")


# What a residence's level turns on when it is created; an operator can change any of them afterwards.
LEVEL_DEFAULTS = {
    Level.PEER_RUN: {
        "democracy_features": True,
        "drug_screening": False,
        "clinical_documentation": False,
        "medication_records": False,
        "review_every_days": 30,
    },
    Level.SUPERVISED: {
        "democracy_features": True,
        "drug_screening": True,
        "clinical_documentation": False,
        "medication_records": False,
        "review_every_days": 30,
    },
    Level.CLINICALLY_MANAGED: {
        "democracy_features": False,
        "drug_screening": True,
        "clinical_documentation": True,
        "medication_records": True,
        "review_every_days": 14,
    },
}


class Residence(TenantModel):
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.SUPERVISED)
    population = models.CharField(
        "who it serves", max_length=30, choices=Population.choices, default=Population.ALL_GENDERS
    )
    mat_welcoming = models.BooleanField("welcomes residents on MAT", default=True)
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=50, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    phone = models.CharField("house phone", max_length=30, blank=True)
    email = models.EmailField("house email", blank=True)

    certification_body = models.CharField(max_length=120, blank=True, help_text=_("e.g. the state NARR affiliate"))
    certification_number = models.CharField(max_length=60, blank=True)
    certification_expires_on = models.DateField(null=True, blank=True)

    # Policies
    check_in_opens_at = models.TimeField("daily check-in opens", default=time(6, 0))
    check_in_closes_at = models.TimeField("daily check-in closes", default=time(10, 0))
    curfew = models.TimeField("curfew", default=time(23, 0), help_text=_("Phases may set their own curfew."))
    # Blank: the organization's. Every clock of the home reads it through recovery.tenancy.home_time_zone().
    time_zone = TimeZoneField(
        "time zone",
        blank=True,
        default="",
        use_pytz=False,
        help_text=_(
            "Leave empty to use the organization's. Check-ins, reminders, curfew, chores, meetings and rent "
            "dates follow this clock."
        ),
    )
    review_every_days = models.PositiveSmallIntegerField(
        "progress review every (days)", default=30, validators=[MinValueValidator(7), MaxValueValidator(180)]
    )
    weekly_reviews_first_month = models.BooleanField("weekly reviews in the first month", default=True)
    rent_amount = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    rent_period = models.CharField(max_length=10, choices=RentPeriod.choices, default=RentPeriod.WEEKLY)
    rent_rule = models.CharField(
        "part periods are charged",
        max_length=12,
        choices=RentRule.choices,
        default=RentRule.BY_DAY,
        help_text=_("For the first and last period of a stay. New fee disclosures start from this."),
    )
    random_tests_per_month = models.DecimalField(
        "random drug tests per resident per month", max_digits=4, decimal_places=2, default=Decimal("2.00")
    )
    mat_storage = models.CharField(
        "MAT storage", max_length=20, choices=MATStorage.choices, default=MATStorage.ON_SITE_LOCKED
    )

    # Features the level turns on by default (see LEVEL_DEFAULTS)
    democracy_features = models.BooleanField("house democracy (officers, votes)", default=True)
    drug_screening = models.BooleanField(default=True)
    clinical_documentation = models.BooleanField("clinical documentation and case notes", default=False)
    medication_records = models.BooleanField(default=False)

    # The operator's one choice about the public: an unpublished home is never named on a public page.
    publish_availability = models.BooleanField(
        "publish this home",
        default=False,
        help_text=_(
            "Name this home on the public application form and show its free beds on the public availability page."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="residence_name_unique_per_organization"),
            models.CheckConstraint(condition=models.Q(level__in=[1, 2, 3]), name="residence_level_1_to_3"),
            models.CheckConstraint(condition=models.Q(rent_amount__gte=0), name="residence_rent_not_negative"),
            models.CheckConstraint(
                condition=models.Q(check_in_opens_at__lt=models.F("check_in_closes_at")),
                name="check_in_window_opens_before_it_closes",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, self.city, self.state, self.postal_code) if part)


class HouseManagerAssignment(TenantModel):
    """A house manager looks after these residences (and sees only them)."""

    membership = models.ForeignKey("recovery.Membership", on_delete=models.CASCADE, related_name="assignments")
    residence = models.ForeignKey(Residence, on_delete=models.CASCADE, related_name="manager_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "membership", "residence"], name="one_assignment_per_manager_and_residence"
            ),
        ]

    def __str__(self):
        return f"{self.membership} → {self.residence}"


class Room(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=60, help_text=_("e.g. “Upstairs front” or “Room 3”"))
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
    AVAILABLE = "available", _("Available")
    OCCUPIED = "occupied", _("Occupied")
    RESERVED = "reserved", _("Reserved")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


class Bed(TenantModel):
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="beds")
    label = models.CharField(max_length=40, help_text=_("e.g. “A” or “Window bed”"))
    in_service = models.BooleanField(default=True)
    out_of_service_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["room__name", "label"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "room", "label"], name="bed_label_unique_per_room"),
        ]

    def __str__(self):
        return f"{self.room.name} · {self.label}"
