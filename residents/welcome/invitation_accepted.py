"""When a resident accepts their invitation, their sign-in joins their record (the registry's "invitation_accepted")."""

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.registry import invitation_accepted
from recovery.services import InvitationProblem
from residents.profiles.models import Resident
from residents.welcome.models import ResidentInvitation


@invitation_accepted
def join_resident_record(*, invitation, user) -> None:
    """Link `user` to the record the invitation was for. Refuses (undoing the acceptance) when the record is
    already someone else's, or the account is already another record's."""
    link = ResidentInvitation.objects.filter(invitation=invitation).first()
    if link is None:
        return
    resident = Resident.objects.select_for_update().get(pk=link.resident_id)
    if resident.user_id == user.pk:
        return
    if resident.user_id is not None:
        raise InvitationProblem(
            "This invitation is for a resident's record that already has its own sign-in. "
            "Ask your house manager for a new invitation."
        )
    if Resident.objects.filter(user=user).exists():
        raise InvitationProblem(
            "Your account is already linked to another resident's record here. Ask your house manager to sort it out."
        )
    resident.user = user
    resident.save()
    recorder.record(
        AuditEvent.Action.UPDATE, obj=resident, changed_fields=["user"], detail="sign-in linked by invitation"
    )
