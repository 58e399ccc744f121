"""The platform core's routes."""

from recovery.models import Invitation, Membership, Role
from recovery.tenancy import tenant_scope
from tests.recovery.builders import MARKER, UserFactory


def _membership(org):
    with tenant_scope(org):
        return {"pk": Membership.objects.create(user=UserFactory(last_name=MARKER), role=Role.RESIDENT).pk}


def _invitation(org):
    with tenant_scope(org):
        return {"pk": Invitation.objects.create(email=f"{MARKER}@example.org", role="coach", token_hash=MARKER).pk}


def _notification(org):
    from recovery.notifications.models import Notification

    with tenant_scope(org):
        recipient = UserFactory()
        Membership.objects.create(user=recipient, role=Role.RESIDENT)
        return {"pk": Notification.objects.create(recipient=recipient, kind="test", title=MARKER).pk}


OBJECT_ROUTES = {
    "recovery:member_edit": _membership,
    "recovery:revoke_invitation": _invitation,
    "notifications:open": _notification,
}

NOT_TENANT_ROUTES = {
    "admin:": "Django admin is for platform staff across tenants; every access is audited (test_audit_log)",
    "recovery:accept_invitation": "a secret-token link meant to cross from outside; only its addressee can accept "
    "(test_invitations)",
    "account_confirm_email": "allauth: a signed email-confirmation key, not a tenant row",
    "account_reset_password_from_key": "allauth: a signed password-reset key, not a tenant row",
    "mfa_edit_webauthn": "allauth: the signed-in person's own passkeys, looked up by request.user",
    "mfa_remove_webauthn": "allauth: the signed-in person's own passkeys, looked up by request.user",
}
