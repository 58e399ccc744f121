"""A resident's way in: invite them to their own record (by email, by text, or on a printed welcome sheet with a
short code), and link, relink or take away the sign-in of a record. Staff do all of it; the platform
administrator is never needed."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.languages import in_every_language
from recovery.models import Invitation, Membership, Role
from recovery.notifications.sms import send_sms
from recovery.services import IssuedInvitation, issue_invitation, send_invitation_email, send_when_committed
from residents.profiles.models import Resident
from residents.welcome.models import InvitationChannel, ResidentInvitation


class SignInProblem(DomainError):
    pass


def _withdraw_open_invitations(resident: Resident) -> None:
    open_ones = Invitation.objects.filter(for_resident__resident=resident, accepted_at__isnull=True)
    open_ones.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def _sms_text(issued: IssuedInvitation) -> str:
    # Like the email: no organization, no role, nothing a lock screen should show.
    # No account yet, so no saved language: the text says it in English and in Spanish.
    return in_every_language(
        lambda: (
            gettext(
                "You have an invitation to Hearth. Open %(link)s to accept it, or type the code %(code)s "
                'after choosing "I have a code". It works once, for %(days)s days.'
            )
            % {"link": issued.link, "code": issued.code_for_display, "days": settings.HEARTH_INVITATION_DAYS}
        )
    )


def invite_resident(*, resident: Resident, channel: str, by, base_url: str) -> IssuedInvitation:
    """Invite the resident to sign in to their own record, replacing any open invitation of theirs.

    `channel`: InvitationChannel.EMAIL sends the usual invitation email to the profile's address; SMS texts the
    link and a code to the profile's phone through the notification backend (HEARTH_SMS_BACKEND); SHEET returns a
    short code and link for the printed welcome sheet (the caller renders it once; only hashes are kept).
    Raises SignInProblem when the record already has a sign-in or the channel has no address to reach (nothing is
    saved). The email or text goes once the invitation is committed (recovery.services.send_when_committed): a
    provider that fails raises InvitationNotSent and the invitation stays, its sheet or a new send still possible.
    """
    if channel not in InvitationChannel.values:
        raise SignInProblem("Choose how to send the invitation: by email, by text, or on a welcome sheet.")
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        name = resident.display_name
        if resident.user_id is not None:
            raise SignInProblem(f"{name} already signs in to Hearth. To change whose sign-in it is, relink it.")
        if channel == InvitationChannel.EMAIL and not resident.email:
            raise SignInProblem(
                f"{name}'s profile has no email address. Add one, send a text, or print a welcome sheet."
            )
        if channel == InvitationChannel.SMS and not resident.phone:
            raise SignInProblem(f"{name}'s profile has no phone number. Add one, or print a welcome sheet.")
        _withdraw_open_invitations(resident)
        email = resident.email if channel == InvitationChannel.EMAIL else ""
        issued = issue_invitation(
            email=email, role=Role.RESIDENT, by=by, base_url=base_url, with_code=channel != InvitationChannel.EMAIL
        )
        ResidentInvitation.objects.create(invitation=issued.invitation, resident=resident, channel=channel)
        if channel == InvitationChannel.EMAIL:
            send_when_committed(
                lambda: send_invitation_email(issued),
                failure="The email could not be sent just now. Try again in a moment, or print a welcome sheet.",
            )
        elif channel == InvitationChannel.SMS:
            phone, text = resident.phone, _sms_text(issued)
            send_when_committed(
                lambda: send_sms(to=phone, text=text),
                failure="The text message could not be sent just now. Try again in a moment, or print a welcome sheet.",
            )
        recorder.record(AuditEvent.Action.UPDATE, obj=resident, detail=f"invited to sign in ({channel})")
    return issued


def link_sign_in(*, resident: Resident, membership: Membership) -> Resident:
    """Join a resident account of this organization (`membership`) to the resident's record, replacing the
    record's sign-in if it has one (relinking). The account must not be joined to another record: one record per
    sign-in (a database rule). Open invitations for the record are withdrawn. Audited."""
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        if membership.role != Role.RESIDENT or not membership.is_active:
            raise SignInProblem("Only an active resident's account can be linked to a resident's record.")
        if resident.user_id == membership.user_id:
            raise SignInProblem(f"That sign-in is already {resident.display_name}'s.")
        if Resident.objects.filter(user_id=membership.user_id).exclude(pk=resident.pk).exists():
            raise SignInProblem("That sign-in belongs to another resident's record. Unlink it there first.")
        relinking = resident.user_id is not None
        resident.user_id = membership.user_id
        resident.save()
        _withdraw_open_invitations(resident)
        detail = "sign-in relinked" if relinking else "sign-in linked"
        recorder.record(AuditEvent.Action.UPDATE, obj=resident, changed_fields=["user"], detail=detail)
    return resident


def revoke_sign_in(*, resident: Resident) -> Resident:
    """Take the sign-in away from the resident's record: the record keeps everything, the account is unlinked,
    and its resident membership here ends (so it can no longer sign in to this organization). Open invitations
    for the record are withdrawn too. Audited."""
    with transaction.atomic():
        resident = Resident.objects.select_for_update().get(pk=resident.pk)
        if resident.user_id is None:
            raise SignInProblem(f"{resident.display_name} has no sign-in to take away.")
        Membership.objects.filter(user_id=resident.user_id, role=Role.RESIDENT, is_active=True).update(is_active=False)
        resident.user = None
        resident.save()
        _withdraw_open_invitations(resident)
        recorder.record(AuditEvent.Action.UPDATE, obj=resident, changed_fields=["user"], detail="sign-in revoked")
    return resident
