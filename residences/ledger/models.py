"""The rent and fees ledger: what a resident was told and signed, what was charged and paid, and the
transparent steps the house follows when a balance stays unpaid.

A ledger entry is posted once and never changed: a mistake is put right by a new entry that reverses it,
with a reason (`services.ledger.correct_entry`). Money is `Decimal` throughout. Every entry carries its own
effect on the balance (`balance_effect`: + owed, - paid), so a balance is one `SUM` and the database checks
that the effect agrees with the kind of entry.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel
from residences.homes.models import RentPeriod, RentRule

MONEY = {"max_digits": 10, "decimal_places": 2}


# What each rule means, in the words of the fee disclosure the resident signs.
RENT_RULE_TERMS = {  # services.rent does what these say
    RentRule.BY_DAY: (
        "A period you live only part of (your first and last) is charged by the day: the rent times the days you "
        "live here in it, divided by the days in the period, rounded to the cent. The day you move in counts; the "
        "day you move out does not. When you move out, rent already charged for the days after is credited to "
        "your ledger that day. No day is ever charged twice, even if you leave and come back."
    ),
    RentRule.FULL_PERIOD: (
        "Any period you live in, even for one day, is charged as the whole period. Rent for the days after you "
        "move out is not credited. No day is ever charged twice, even if you leave and come back."
    ),
}


class FeeDisclosure(TenantModel):
    """The rent, fees and refund policy shown to a resident, and their signature.

    Staff prepare it (a snapshot of the terms, so later changes to the home's policy do not rewrite what the
    resident agreed to); the resident signs it, on their own phone or in person in front of staff. No charge is
    posted and no money taken for a stay before one is signed (a certification rule).
    """

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="fee_disclosures")
    rent_amount = models.DecimalField("rent", **MONEY)
    rent_period = models.CharField(max_length=10, choices=RentPeriod.choices)
    rent_rule = models.CharField(
        "part periods are charged",
        max_length=12,
        choices=RentRule.choices,
        default=RentRule.BY_DAY,
        help_text=_("How the first and last period of the stay are charged."),
    )
    deposit_amount = models.DecimalField("deposit", default=0, **MONEY)
    fee_schedule = models.TextField(
        "other fees", blank=True, max_length=4000, help_text=_("Every other fee and its amount, one per line.")
    )
    refund_policy = models.TextField(max_length=4000)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    prepared_at = models.DateTimeField(auto_now_add=True)

    signed_name = models.CharField("name as signed", max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_ip = models.GenericIPAddressField("signed from address", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The account the signature was given on: the resident's own, or staff's when signed in person."),
    )
    signed_in_person = models.BooleanField(default=False, help_text=_("Signed on a staff member's device."))

    class Meta:
        ordering = ["-prepared_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rent_amount__gte=0), name="disclosed_rent_not_negative"),
            models.CheckConstraint(condition=Q(deposit_amount__gte=0), name="disclosed_deposit_not_negative"),
            models.CheckConstraint(condition=~Q(refund_policy=""), name="disclosure_has_a_refund_policy"),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(signed_name=""), name="signed_disclosure_names_the_signer"
            ),
        ]

    def __str__(self):
        return f"Fee disclosure {self.pk}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    @property
    def rent_rule_terms(self) -> str:
        """The rule for part periods in the resident's words (RENT_RULE_TERMS)."""
        return RENT_RULE_TERMS.get(self.rent_rule, "")


class EntryKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    PAYMENT = "payment", _("Payment")
    CREDIT = "credit", _("Credit")
    ADJUSTMENT = "adjustment", _("Correction")


class EntryCategory(models.TextChoices):
    RENT = "rent", _("Rent")
    DEPOSIT = "deposit", _("Deposit")
    FEE = "fee", _("Fee")
    OTHER = "other", _("Other")


class PayerKind(models.TextChoices):
    RESIDENT = "resident", _("The resident")
    FAMILY = "family", _("Family or friend")
    AGENCY = "agency", _("An agency or program")
    OTHER = "other", _("Someone else")


THIRD_PARTY_PAYERS = (PayerKind.FAMILY, PayerKind.AGENCY, PayerKind.OTHER)


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    CHECK = "check", _("Check")
    CARD = "card", _("Card")
    MONEY_ORDER = "money_order", _("Money order")
    OTHER = "other", _("Other")


class LedgerEntry(TenantModel):
    """One posted line of a stay's ledger. Never edited, never deleted: corrections are new entries."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=12, choices=EntryKind.choices)
    category = models.CharField(max_length=12, choices=EntryCategory.choices, blank=True)
    description = models.CharField(max_length=200, blank=True)
    amount = models.DecimalField(**MONEY, help_text=_("Always positive; the kind says which way it moves the balance."))
    balance_effect = models.DecimalField(**MONEY, editable=False)
    payer_kind = models.CharField("paid by", max_length=10, choices=PayerKind.choices, blank=True)
    payer_name = models.CharField("payer's name", max_length=200, blank=True)
    method = models.CharField(max_length=12, choices=PaymentMethod.choices, blank=True)
    reference = models.CharField(max_length=60, blank=True, help_text=_("A check or money order number, a receipt."))
    posted_on = models.DateField()
    # For recurring rent: one entry per stay and period ("rent:2026-W48", "rent:2026-11"), so a task that runs
    # twice posts nothing twice.
    period_key = models.CharField(max_length=40, blank=True, default="")
    # The days a rent charge is for, or a rent credit gives back: [covers_from, covers_until). No day is charged
    # twice to one person, across their stays (services.rent). Rent posted before these existed has none and
    # covers its whole period (its period_key).
    covers_from = models.DateField(null=True, blank=True)
    covers_until = models.DateField(null=True, blank=True)
    corrects = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True, related_name="correction")
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "ledger entries"
        ordering = ["posted_on", "created_at", "pk"]
        indexes = [models.Index(fields=["organization", "stay", "posted_on"], name="ledger_entry_stay_date")]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ledger_amount_positive"),
            models.CheckConstraint(
                condition=(
                    Q(kind=EntryKind.CHARGE, balance_effect=F("amount"))
                    | Q(kind__in=[EntryKind.PAYMENT, EntryKind.CREDIT], balance_effect=-F("amount"))
                    | Q(kind=EntryKind.ADJUSTMENT, balance_effect=F("amount"))
                    | Q(kind=EntryKind.ADJUSTMENT, balance_effect=-F("amount"))
                ),
                name="ledger_effect_follows_kind",
            ),
            models.CheckConstraint(
                condition=Q(kind=EntryKind.ADJUSTMENT, corrects__isnull=False)
                | (~Q(kind=EntryKind.ADJUSTMENT) & Q(corrects__isnull=True)),
                name="ledger_correction_points_at_an_entry",
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(reason=""), name="ledger_correction_has_a_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind=EntryKind.CHARGE) | ~Q(category=""), name="ledger_charge_has_a_category"
            ),
            models.CheckConstraint(
                condition=(Q(kind=EntryKind.PAYMENT) & ~Q(payer_kind="") & ~Q(method=""))
                | (~Q(kind=EntryKind.PAYMENT) & Q(payer_kind="", method="")),
                name="ledger_payment_names_payer_and_method",
            ),
            models.CheckConstraint(
                condition=~Q(payer_kind__in=THIRD_PARTY_PAYERS) | ~Q(payer_name=""),
                name="ledger_third_party_payer_is_named",
            ),
            models.CheckConstraint(
                condition=Q(covers_from__isnull=True, covers_until__isnull=True)
                | Q(covers_from__isnull=False, covers_until__gt=F("covers_from"), category=EntryCategory.RENT),
                name="ledger_rent_covers_at_least_a_day",
            ),
            models.UniqueConstraint(
                fields=["organization", "stay", "period_key"],
                condition=~Q(period_key=""),
                name="ledger_one_entry_per_stay_and_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def payer_label(self) -> str:
        """Who paid, for a sentence: "the resident", or "Ana Reyes (family or friend)"."""
        if self.payer_kind in THIRD_PARTY_PAYERS:
            return f"{self.payer_name} ({self.get_payer_kind_display().lower()})"
        return self.get_payer_kind_display().lower()


class NonPaymentStepKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder")
    NOTICE = "notice", _("Written notice")
    PAYMENT_PLAN = "payment_plan", _("Payment plan")
    REVIEW = "review", _("Stay review")


class NonPaymentStep(TenantModel):
    """One step of the house's published process for an unpaid balance, opened once per overdue stretch.

    `overdue_since` names the stretch: the date of the oldest charge still unpaid. Paying it off ends the
    stretch; falling behind again later starts a new one, from the first step.
    """

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="nonpayment_steps")
    step = models.CharField(max_length=20, choices=NonPaymentStepKind.choices)
    overdue_since = models.DateField()
    days_overdue = models.PositiveIntegerField()
    balance_at_step = models.DecimalField(**MONEY)
    opened_on = models.DateField()
    note = models.TextField(max_length=2000, help_text=_("What this step means for the resident, in plain words."))
    visible_to_resident = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opened_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "stay", "overdue_since", "step"],
                name="nonpayment_step_once_per_overdue_stretch",
            ),
            models.CheckConstraint(condition=Q(balance_at_step__gt=0), name="nonpayment_step_has_a_balance"),
        ]

    def __str__(self):
        return f"{self.get_step_display()} {self.pk}"
