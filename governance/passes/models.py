"""Passes, sign-outs and curfew: a resident's request to be away, the house's answer, and the log of who is
out and when they came back (with the one flag raised when someone is overdue back)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel

__all__ = ["OverdueFlag", "Pass", "PassKind", "PassStatus", "SignOut"]


class PassKind(models.TextChoices):
    DAY = "day", _("Day pass")
    OVERNIGHT = "overnight", _("Overnight pass")
    WEEKEND = "weekend", _("Weekend pass")


# Passes that count against the phase's overnight allowance.
NIGHTS_AWAY = (PassKind.OVERNIGHT, PassKind.WEEKEND)


class PassStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Pass(TenantModel):
    """A resident's request to be away from the home from `leaves_at` until `returns_at`."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="passes")
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="passes")
    kind = models.CharField(max_length=10, choices=PassKind.choices)
    leaves_at = models.DateTimeField()
    returns_at = models.DateTimeField()
    destination = models.CharField("where you will be", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=PassStatus.choices, default=PassStatus.REQUESTED)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-leaves_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(returns_at__gt=F("leaves_at")), name="pass_returns_after_it_leaves"),
        ]
        indexes = [models.Index(fields=["stay", "leaves_at"], name="pass_stay_leaves")]

    def __str__(self):
        return f"{self.get_kind_display()} from {self.leaves_at:%Y-%m-%d}"


class SignOut(TenantModel):
    """A resident out of the home: signed out at `out_at`, due back at `due_back_at`, back at `back_at`."""

    stay = models.ForeignKey("residences.Stay", on_delete=models.PROTECT, related_name="sign_outs")
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="sign_outs")
    on_pass = models.ForeignKey(Pass, on_delete=models.SET_NULL, null=True, blank=True, related_name="sign_outs")
    out_at = models.DateTimeField()
    due_back_at = models.DateTimeField()
    back_at = models.DateTimeField(null=True, blank=True)
    signed_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-out_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "stay"], condition=Q(back_at__isnull=True), name="one_open_sign_out_per_stay"
            ),
        ]

    def __str__(self):
        return f"Out from {self.out_at:%Y-%m-%d %H:%M}"


class OverdueFlag(TenantModel):
    """The one time the house manager was told a signed-out resident is overdue back (the unique key)."""

    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    sign_out = models.ForeignKey(SignOut, on_delete=models.CASCADE, related_name="overdue_flags")
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "sign_out"], name="one_overdue_flag_per_sign_out"),
        ]
