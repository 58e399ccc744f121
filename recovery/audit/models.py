"""The audit event: one row per thing that happened. Rows are never changed or removed (on PostgreSQL a
trigger refuses UPDATE and DELETE); an event names the fields that changed, never their values."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "sign_out", _("Signed out")
        MFA_FAILED = "mfa_failed", _("Second-factor code refused")
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        VIEW = "view", _("Viewed")
        EXPORT = "export", _("Exported")
        DENIED = "denied", _("Permission denied")

    class ActorKind(models.TextChoices):
        PERSON = "person", _("Person")
        PLATFORM_STAFF = "platform_staff", _("Platform staff")
        TASK = "task", _("Scheduled task")
        COMMAND = "command", _("Command")
        SYSTEM = "system", _("System")

    # Platform events (a failed sign-in for an unknown address) have no organization.
    organization = models.ForeignKey(
        "recovery.Organization", on_delete=models.DO_NOTHING, null=True, blank=True, related_name="+"
    )
    # No database constraint: a person's account may be removed, their trail may not.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_kind = models.CharField(max_length=20, choices=ActorKind.choices, default=ActorKind.SYSTEM)
    actor_label = models.CharField(
        max_length=100, blank=True, help_text=_("The task or command that acted, when no person did.")
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=100, blank=True, help_text=_("app_label.model"))
    object_id = models.CharField(max_length=64, blank=True)
    # The resident whose record the object is part of (see the registry's "resident_data"), so the log answers
    # "who opened this resident". An id, not a foreign key: the audit app sits below the residents app.
    resident_id = models.BigIntegerField(null=True, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    detail = models.CharField(max_length=200, blank=True, help_text=_("Never personal or clinical data."))
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    path = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="audit_org_recent"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["organization", "resident_id", "-created_at"], name="audit_resident"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.object_type} {self.object_id}".strip()


class ExportDisclosure(models.Model):
    """One file taken from a list page (recovery.exports): who took it, when, which list, in which format, how many
    rows, and the residents whose records it holds, so a resident can be told which files held theirs (42 CFR § 2.24,
    the accounting of disclosures; the audit log keeps the same file row by row). Rows are never changed or removed
    (on PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE)."""

    organization = models.ForeignKey("recovery.Organization", on_delete=models.DO_NOTHING, related_name="+")
    # No database constraint, as for audit events: the account may go, the record of what it took may not.
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    export = models.CharField(max_length=40, help_text="The list's export name, such as “residents”.")
    file_format = models.CharField(max_length=5)
    filename = models.CharField(max_length=100)
    row_count = models.PositiveIntegerField()
    # Ids, not foreign keys: the audit app sits below the residents app.
    resident_ids = models.JSONField(default=list, blank=True)
    notice = models.TextField(help_text="The redisclosure notice the file carried, word for word.")
    exported_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ScopedManager(organization="organization")

    class Meta:
        ordering = ["-exported_at", "-id"]
        indexes = [models.Index(fields=["organization", "-exported_at"], name="export_disclosure_recent")]

    def __str__(self):
        return f"Export of {self.export} ({self.row_count} rows)"

    @property
    def list_name(self) -> str:
        """The list in words ("home check ins" for "home-check-ins")."""
        return self.export.replace("-", " ")
