"""Which invitation brings a resident to their own record: accepting it joins the sign-in to the record."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from recovery.tenancy import TenantModel


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("By email")
    SMS = "sms", _("By text message")
    SHEET = "sheet", _("On a printed welcome sheet")


class ResidentInvitation(TenantModel):
    """An invitation (recovery.Invitation, always as resident) to the sign-in of one resident's record.

    The invitation is the platform's; this row is what makes its acceptance join `Resident.user` (see
    invitation_accepted.py). Both rows belong to one organization: the tenant base refuses anything else.
    """

    # CASCADE although resident data: not a record, see CASCADE_ALLOWED in tests/recovery/test_deletions.py.
    invitation = models.OneToOneField("recovery.Invitation", on_delete=models.CASCADE, related_name="for_resident")
    resident = models.ForeignKey("residents.Resident", on_delete=models.CASCADE, related_name="invitations")
    channel = models.CharField(max_length=10, choices=InvitationChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(channel__in=InvitationChannel.values), name="resident_invitation_channel_is_known"
            ),
        ]

    def __str__(self):
        return f"Invitation {self.get_channel_display().lower()}"
