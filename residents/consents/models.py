"""Consents to disclose a resident's information (42 CFR § 2.31), their recipients, and the append-only log of
every disclosure made under them.

A consent names its recipients one by one, so the resident can revoke it for one recipient and keep it for the
others. A disclosure row is never changed or deleted (on PostgreSQL a trigger refuses it): it is the accounting
the resident may ask for.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from recovery.tenancy import TenantModel
from residents.sensitivity import InfoClass

__all__ = ["Consent", "ConsentRecipient", "Disclosure", "DisclosureChannel"]

DEFAULT_REVOCATION_TERMS = (
    "You may revoke this consent at any time, for every recipient or for one, by telling staff in writing or by "
    "revoking it yourself on your “My consents” page. Revoking does not undo a disclosure already made under it."
)


class Consent(TenantModel):
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="consents")
    discloser = models.CharField(
        "who may disclose", max_length=200, help_text="The program, or the people in it, allowed to disclose."
    )
    information_classes = models.JSONField("classes of information", default=list)
    information_description = models.TextField(
        "what information, specifically", help_text="How much and what kind, for example “weekly test results”."
    )
    purpose = models.TextField("purpose of the disclosure")
    revocation_terms = models.TextField("the right to revoke, and how", default=DEFAULT_REVOCATION_TERMS)
    expires_on = models.DateField("expires on", null=True, blank=True)
    expiry_event = models.CharField("or expires when", max_length=200, blank=True)
    signed_name = models.CharField("signed by", max_length=200, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=False) | ~Q(expiry_event=""), name="consent_has_an_expiry"
            ),
            models.CheckConstraint(
                condition=Q(signed_at__isnull=True) | ~Q(signed_name=""), name="signed_consent_names_its_signer"
            ),
        ]

    def __str__(self):
        return f"Consent {self.pk}"

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None

    def class_labels(self) -> list[str]:
        labels = dict(InfoClass.choices)
        return [labels.get(value, value) for value in self.information_classes]


class ConsentRecipient(TenantModel):
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="recipients")
    name = models.CharField("recipient's name", max_length=200)
    role = models.CharField(
        "role or organization", max_length=200, blank=True, help_text="For example “Probation officer, County”."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class DisclosureChannel(models.TextChoices):
    REPORT = "report", "Report"
    EXPORT = "export", "Export"
    PRINT = "print", "Print"
    OTHER = "other", "Other"


class Disclosure(TenantModel):
    """One disclosure: what, to whom, when, under which consent, by which channel. Append-only."""

    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="disclosures")
    recipient = models.ForeignKey(ConsentRecipient, on_delete=models.PROTECT, related_name="disclosures")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="disclosures")
    information_classes = models.JSONField("classes of information", default=list)
    description = models.CharField("what was disclosed", max_length=300, blank=True)
    channel = models.CharField(max_length=20, choices=DisclosureChannel.choices)
    disclosed_at = models.DateTimeField()
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-disclosed_at", "-pk"]
        indexes = [models.Index(fields=["resident", "disclosed_at"], name="disclosure_accounting")]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=DisclosureChannel.values), name="disclosure_channel_known"),
        ]

    def __str__(self):
        return f"Disclosure {self.pk}"

    def class_labels(self) -> list[str]:
        labels = dict(InfoClass.choices)
        return [labels.get(value, value) for value in self.information_classes]
