"""House rules, versioned per residence, and each resident's acknowledgement of a version.

A version is never edited once published: a change is a new version, and everyone living in the house is asked
to read and acknowledge it again. The latest version of a residence is its current rules.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class HouseRuleVersion(TenantModel):
    residence = models.ForeignKey("residences.Residence", on_delete=models.PROTECT, related_name="rule_versions")
    version = models.PositiveIntegerField()
    text = models.TextField("the rules", max_length=20000)
    summary = models.CharField(
        "what changed", max_length=300, blank=True, help_text=_("A line for residents, e.g. “Curfew moves to 11 pm.”")
    )
    effective_on = models.DateField("in force from")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["residence", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "residence", "version"], name="house_rule_version_unique_per_residence"
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="house_rule_version_from_1"),
        ]

    def __str__(self):
        return f"House rules v{self.version}"


class RuleAcknowledgement(TenantModel):
    """A resident's typed-name acknowledgement that they read one version of their house's rules."""

    rule_version = models.ForeignKey(HouseRuleVersion, on_delete=models.PROTECT, related_name="acknowledgements")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="rule_acknowledgements")
    typed_name = models.CharField(max_length=200)
    acknowledged_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField("from address", null=True, blank=True)
    where = models.CharField(max_length=60, blank=True, help_text=_("How it was given, e.g. “In Hearth, signed in”."))

    class Meta:
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "rule_version", "resident"], name="one_acknowledgement_per_rule_version"
            ),
        ]

    def __str__(self):
        return f"Acknowledgement #{self.pk}"
