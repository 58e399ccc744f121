"""The house treasury of peer-run homes: shared expenses split equally among the residents of the day (the
shares stored, summing to the amount to the cent), money paid in, and the monthly audit against the bank."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["TreasuryAudit", "TreasuryContribution", "TreasuryExpense", "TreasuryShare"]

MONEY = {"max_digits": 10, "decimal_places": 2}


class TreasuryExpense(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="treasury_expenses")
    spent_on = models.DateField("date")
    what = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)
    paid_by = models.ForeignKey(
        "residents.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the house fund paid."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-spent_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="treasury_expense_positive")]

    def __str__(self):
        return f"{self.what} ({self.spent_on:%Y-%m-%d})"


class TreasuryShare(TenantModel):
    """One resident's part of an expense; an expense's shares sum to its amount exactly."""

    expense = models.ForeignKey(TreasuryExpense, on_delete=models.PROTECT, related_name="shares")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="treasury_shares")
    amount = models.DecimalField(**MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "expense", "resident"], name="one_share_per_resident"),
        ]


class TreasuryContribution(TenantModel):
    """Money a resident paid into the house fund."""

    residence = models.ForeignKey(
        "residences.Residence", on_delete=models.PROTECT, related_name="treasury_contributions"
    )
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    paid_on = models.DateField()
    amount = models.DecimalField(**MONEY)
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-paid_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="treasury_contribution_positive")]


class TreasuryAudit(TenantModel):
    """The month's check that the books match the bank: once per home and month; done when two residents or a
    manager have signed."""

    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="treasury_audits")
    month = models.DateField(help_text=_("The first day of the month audited."))
    first_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    first_signed_at = models.DateTimeField(null=True, blank=True)
    second_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    second_signed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "residence", "month"], name="one_treasury_audit_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="treasury_audit_month_starts_on_first"),
        ]

    def __str__(self):
        return f"Audit of {self.month:%B %Y}"
