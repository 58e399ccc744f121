"""The platform's verbs: start an organization, invite people, accept an invitation, change a role."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from recovery.audit import recorder
from recovery.audit.models import AuditEvent
from recovery.errors import DomainError
from recovery.languages import in_every_language
from recovery.models import Invitation, Membership, Organization, Role
from recovery.notifications.sms import SMSDeliveryError
from recovery.registry import run_invitation_accepted
from recovery.tenancy import tenant_scope


class InvitationProblem(DomainError):
    pass


class LastAdministrator(DomainError):
    pass


class InvitationNotSent(DomainError):
    """The invitation is saved and its link works, but its email or text could not be handed to the provider."""


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organization"
    slug, n = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def create_organization(*, name: str, time_zone, by, **policies) -> Organization:
    """A new operator: the organization, with the person who created it as its administrator."""
    organization = Organization.objects.create(name=name, slug=_unique_slug(name), time_zone=time_zone, **policies)
    with tenant_scope(organization):
        Membership.objects.create(user=by, role=Role.ADMIN)
    return organization


SECOND_STEP_OFF_KIND = "recovery.second_step_off"


@transaction.atomic
def update_organization(*, organization: Organization, changed_fields, by=None) -> Organization:
    """Save an organization's settings. The organization is the tenant itself, not a tenant-owned row, so
    its changes are audited here rather than by the tenant base.

    Switching the second sign-in step off for the whole organization is recorded as such and every other active
    administrator is told, so that one admin (or a stolen admin session) cannot weaken everyone's sign-in unseen
    (issue 12, item 10). `by` is the person who changed the settings (None for a command).
    """
    organization.save()
    second_step_off = "require_mfa_for_staff" in changed_fields and not organization.require_mfa_for_staff
    if changed_fields:
        recorder.record(
            AuditEvent.Action.UPDATE,
            obj=organization,
            organization=organization,
            changed_fields=sorted(changed_fields),
            detail="two-step sign-in no longer required" if second_step_off else "",
        )
    if second_step_off:
        _tell_administrators_the_second_step_is_off(organization, by=by)
    return organization


def _tell_administrators_the_second_step_is_off(organization: Organization, *, by) -> None:
    from recovery.notifications.services import notify

    with tenant_scope(organization):
        others = Membership.objects.filter(role=Role.ADMIN, is_active=True, user__is_active=True).exclude(user=by)
        for membership in others.select_related("user"):
            notify(
                recipient=membership.user,
                kind=SECOND_STEP_OFF_KIND,
                title="Two-step sign-in was switched off for your organization",
                body=(
                    f"{by or 'Hearth'} switched off the second sign-in step for administrators, house managers, staff "
                    "and coaches: a password alone now opens residents' records. If this was not agreed, switch it "
                    "back on in the organization's settings and review the audit log."
                ),
                url=reverse("recovery:organization_settings"),
                urgent=True,
            )


@dataclass(frozen=True)
class IssuedInvitation:
    """A new invitation with its secrets, which exist only here: the link, and the short code if one was asked for."""

    invitation: Invitation
    link: str
    code: str = ""

    @property
    def code_for_display(self) -> str:
        return f"{self.code[:4]}-{self.code[4:]}" if self.code else ""


@transaction.atomic
def issue_invitation(*, email: str, role: str, by, base_url: str, with_code: bool = False) -> IssuedInvitation:
    """Create an expiring, single-use invitation presetting `role`, without sending it (the caller delivers it).

    An invitation with an address replaces any open one to that address. `with_code` adds a short code to type
    (Invitation.hash_code); the email may then be blank, and whoever holds the link or code may accept.
    Raises InvitationProblem when the address already belongs to a member.
    """
    email = email.strip()
    if email:
        if Membership.objects.filter(user__email__iexact=email, is_active=True).exists():
            raise InvitationProblem("That person is already a member of this organization.")
        Invitation.objects.filter(email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    elif not with_code:
        raise InvitationProblem("An invitation needs an email address or a code to reach its person.")
    token, code = Invitation.new_token(), Invitation.new_code() if with_code else ""
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        token_hash=Invitation.hash_token(token),
        code_hash=Invitation.hash_code(code) if code else None,
        invited_by=by,
    )
    link = base_url.rstrip("/") + reverse("recovery:accept_invitation", args=[token])
    return IssuedInvitation(invitation=invitation, link=link, code=code)


def send_invitation_email(issued: IssuedInvitation) -> None:
    """Email the invitation's link to its address. The email names neither the organization nor the role:
    whoever sees it on a lock screen learns nothing."""
    # The person has no account yet, so no saved language: the email says it in English and in Spanish.
    subject = in_every_language(lambda: gettext("You have an invitation"))
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject.replace("\n\n", " / "),
        message=in_every_language(
            lambda: (
                gettext(
                    "Hello,\n\nYou have been invited to join a team on Hearth. Open this link to see the invitation "
                    "and accept it:\n\n%(link)s\n\nThe link works once and expires in %(days)s days. If you were not "
                    "expecting it, you can ignore this email.\n"
                )
                % {"link": issued.link, "days": settings.HEARTH_INVITATION_DAYS}
            )
        ),
        from_email=None,
        recipient_list=[issued.invitation.email],
    )


def send_when_committed(send: Callable[[], None], *, failure: str) -> None:
    """Call `send` (one hand-over to the mail or SMS provider) once the outermost transaction has committed, or at
    once when none is open (issue 15, item 4).

    A slow or silent provider then holds no transaction and no row lock, and a send that fails cannot take back the
    invitation saved with it. A failure (OSError, which covers SMTP errors and timeouts, or SMSDeliveryError) raises
    InvitationNotSent(`failure`) after the commit: from the outermost `with transaction.atomic()` block that the
    caller leaves, or from this call when no transaction is open.
    """

    def hand_over() -> None:
        try:
            send()
        except (OSError, SMSDeliveryError) as error:
            raise InvitationNotSent(failure) from error

    transaction.on_commit(hand_over, robust=False)


def invite(*, email: str, role: str, by, base_url: str) -> Invitation:
    """Email an expiring, single-use invitation link that presets `role` (replacing any open invitation).

    The email goes after the invitation is committed (send_when_committed). Raises InvitationProblem (nothing is
    saved) or InvitationNotSent (the invitation is saved and listed; sending again replaces it).
    """
    with transaction.atomic():
        issued = issue_invitation(email=email, role=role, by=by, base_url=base_url)
        send_when_committed(
            lambda: send_invitation_email(issued),
            failure=(
                f"The invitation to {issued.invitation.email} is saved, but its email could not be sent just now. "
                "Invite again in a moment: the new link replaces this one."
            ),
        )
    return issued.invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation behind a link, whatever organization it belongs to (the token is the key)."""
    with scopes_disabled():
        return Invitation.objects.select_related("organization").filter(token_hash=Invitation.hash_token(token)).first()


def find_invitation_by_code(code: str) -> Invitation | None:
    """The invitation behind a short code, whatever organization it belongs to (the code is the key)."""
    if not code.strip():
        return None
    with scopes_disabled():
        return Invitation.objects.select_related("organization").filter(code_hash=Invitation.hash_code(code)).first()


def find_invitation_by_id(pk) -> Invitation | None:
    """An invitation by id, whatever organization it belongs to: only for an id this session proved by its code."""
    with scopes_disabled():
        return Invitation.objects.select_related("organization").filter(pk=pk).first()


def check_invitation(invitation: Invitation | None, *, user=None, by_code: bool = False) -> None:
    """Raise InvitationProblem with the reason a person would need, if this invitation cannot be accepted.

    An invitation sent to an address is for that address's account; one handed over on paper (no address), or
    proved by its code, is for whoever holds it.
    """
    if invitation is None:
        raise InvitationProblem("This invitation link is not valid. Check that you copied the whole link.")
    if invitation.accepted_at is not None:
        raise InvitationProblem(
            "This invitation has already been used. If you have an account, sign in; otherwise ask for a new one."
        )
    if invitation.revoked_at is not None:
        raise InvitationProblem("This invitation was withdrawn. Ask the person who invited you for a new one.")
    if invitation.is_expired:
        raise InvitationProblem(
            f"This invitation expired on {timezone.localtime(invitation.expires_at):%B %-d, %Y}. "
            "Ask the person who invited you to send a new one."
        )
    addressed = invitation.email and not by_code
    if user is not None and addressed and user.email.casefold() != invitation.email.casefold():
        raise InvitationProblem(
            "This invitation was sent to a different email address. Sign out, then sign in or sign up with the "
            "address the invitation was sent to."
        )


def accept_invitation(*, user, token: str = "", code_invitation_id: int | None = None) -> Membership:
    """Join the organization with the invitation's role. Works once, before it expires, for its addressee.

    The invitation is named by its link's `token`, or by `code_invitation_id`: the id of an invitation whose code
    this person typed (the caller keeps that proof, see views.invitation_code). What else an accepted invitation
    brings (a resident's record joined to the sign-in) answers in the registry's "invitation_accepted" key,
    inside the same transaction: its InvitationProblem undoes the acceptance.
    """
    by_code = code_invitation_id is not None
    with transaction.atomic(), scopes_disabled():
        invitation = find_invitation_by_id(code_invitation_id) if by_code else find_invitation(token)
        if invitation is not None:
            invitation = Invitation.objects.select_for_update().select_related("organization").get(pk=invitation.pk)
        check_invitation(invitation, user=user, by_code=by_code)
    with transaction.atomic(), tenant_scope(invitation.organization):
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        check_invitation(invitation, user=user, by_code=by_code)  # again, under the lock: two clicks, one success
        membership, _ = Membership.objects.get_or_create(user=user, defaults={"role": invitation.role})
        if membership.is_active and membership.role != invitation.role:
            # A staff member trying a resident's welcome sheet on their own phone must not become a resident.
            raise InvitationProblem(
                f"You are already in {invitation.organization.name} as {membership.get_role_display().lower()}. "
                "This invitation is for someone else's account: sign out first, then they can use it."
            )
        if not membership.is_active or membership.role != invitation.role:
            membership.is_active, membership.role = True, invitation.role
            membership.save()
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
        invitation.save()
        run_invitation_accepted(invitation=invitation, user=user)
    return membership


def revoke_invitation(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save()


def _guard_last_administrator(membership: Membership, *, new_role: str, active: bool) -> None:
    if membership.role == Role.ADMIN and (new_role != Role.ADMIN or not active):
        others = Membership.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=membership.pk)
        if not others.exists():
            raise LastAdministrator(
                "An organization needs at least one administrator. Make someone else an administrator first."
            )


@transaction.atomic
def change_membership(*, membership: Membership, role: str, is_active: bool) -> Membership:
    """Change a person's role or take them out of the organization (never the last administrator)."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _guard_last_administrator(membership, new_role=role, active=is_active)
    membership.role, membership.is_active = role, is_active
    membership.save()
    return membership


def tenant_rows_reached(users) -> dict[str, int]:
    """{verbose name plural: count} of the tenant-owned rows that deleting `users` (a queryset or list of users)
    would remove, change (SET_NULL) or be refused by (PROTECT); empty when the accounts hold no tenant data.

    Issue 15, item 7: people are deactivated, not deleted; only an account that never took part in an
    organization (no membership, no record) may be deleted. Runs with scopes disabled (it looks across tenants).
    """
    from django.db.models import QuerySet
    from django.db.models.deletion import Collector, ProtectedError, RestrictedError

    from recovery.tenancy import TenantModel

    counts: dict[str, int] = {}

    def add(model, number):
        if number and issubclass(model, TenantModel):
            name = str(model._meta.verbose_name_plural)
            counts[name] = counts.get(name, 0) + number

    users = list(users)
    if not users:
        return counts
    with scopes_disabled():
        collector = Collector(using="default")
        try:
            collector.collect(users)
        except (ProtectedError, RestrictedError) as refused:
            rows = refused.protected_objects if isinstance(refused, ProtectedError) else refused.restricted_objects
            for row in rows:
                add(type(row), 1)
            return counts
        for model, instances in collector.data.items():
            add(model, len(instances))
        for queryset in collector.fast_deletes:
            add(queryset.model, queryset.count())
        for (field, _value), batches in collector.field_updates.items():
            for batch in batches:
                add(field.model, batch.count() if isinstance(batch, QuerySet) else len(batch))
    return counts


@transaction.atomic
def deactivate_person(*, user) -> None:
    """Take a person out of Hearth without removing what they took part in: the account can no longer sign in
    (`is_active` False), every membership ends (`is_active` False, audited per row by the tenant base), and every
    session they have open is ended. Their records, votes and the audit trail that names them stay.

    Raises LastAdministrator (nothing changed) when they are the last active administrator of an organization:
    someone else must be made an administrator first. Issue 15, item 7.
    """
    from allauth.usersessions.models import UserSession

    with scopes_disabled():
        memberships = list(Membership.objects.select_for_update().filter(user=user, is_active=True))
        for membership in memberships:
            if membership.role == Role.ADMIN:
                others = Membership.objects.filter(
                    organization_id=membership.organization_id, role=Role.ADMIN, is_active=True
                ).exclude(user=user)
                if not others.exists():
                    raise LastAdministrator(
                        "This person is the last administrator of an organization. Make someone else an "
                        "administrator there first, then deactivate them."
                    )
        Membership.objects.filter(pk__in=[membership.pk for membership in memberships]).update(is_active=False)
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
        for organization_id in {membership.organization_id for membership in memberships} or {None}:
            recorder.record(
                AuditEvent.Action.UPDATE, obj=user, organization=organization_id, changed_fields=["is_active"]
            )
    for session in UserSession.objects.filter(user=user):
        session.end()
