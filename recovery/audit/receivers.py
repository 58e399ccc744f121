"""Sign-ins (with the factors they used), sign-outs, failed sign-ins, refused second-factor codes and changes to a
person's authenticators go to the audit log of each organization the person belongs to.

Signals are the only hook Django and allauth offer for these; the receivers do nothing but record.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django_scopes import scopes_disabled

from recovery.audit import recorder
from recovery.audit.models import AuditEvent


def _organization_ids(user):
    from recovery.models import Membership

    with scopes_disabled():
        return list(Membership.objects.filter(user=user, is_active=True).values_list("organization_id", flat=True))


def _record_for_each_organization(action, user, request, **event):
    actor = recorder.actor_from_request(request) if request is not None else recorder.current_actor()
    actor = recorder.Actor(**{**actor.__dict__, "user": user, "kind": AuditEvent.ActorKind.PERSON})
    for organization_id in _organization_ids(user) or [None]:
        recorder.record(action, organization=organization_id, actor=actor, **event)


def sign_in_factors(request, user) -> str:
    """The factors this session's sign-in used, in order, e.g. "password+totp" ("" for a sign-in that used no form,
    such as a test's force_login). Read from allauth's record of the session's authentication steps; names only,
    never an address or a code."""
    if request is None or not hasattr(request, "session"):
        return ""
    factors = []
    for step in get_authentication_records(request, user):
        factor = step.get("type") if step.get("method") == "mfa" else step.get("method")
        if factor and not step.get("reauthenticated") and factor not in factors:
            factors.append(str(factor))
    return "+".join(factors)


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    _record_for_each_organization(AuditEvent.Action.SIGN_IN, user, request, detail=sign_in_factors(request, user))


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        _record_for_each_organization(AuditEvent.Action.SIGN_OUT, user, request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def record_sign_in_failed(sender, credentials, request=None, **kwargs):
    # The address typed is not stored (it may be a typo of someone else's); a known account is linked by id.
    email = credentials.get("email") or credentials.get("username") or ""
    user = get_user_model().objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        _record_for_each_organization(AuditEvent.Action.SIGN_IN_FAILED, user, request)
    else:
        actor = recorder.actor_from_request(request) if request is not None else None
        recorder.record(AuditEvent.Action.SIGN_IN_FAILED, actor=actor)


@receiver(mfa_signals.authentication_failed, dispatch_uid="audit_mfa_failed")
def record_mfa_failed(sender, request, user, authenticator, reauthentication=False, **kwargs):
    # The code typed is never stored: only which kind of factor refused it, and whether at sign-in.
    when = "re-authentication" if reauthentication else "sign-in"
    _record_for_each_organization(AuditEvent.Action.MFA_FAILED, user, request, detail=f"{authenticator.type} at {when}")


@receiver(mfa_signals.authenticator_added, dispatch_uid="audit_authenticator_added")
def record_authenticator_added(sender, request, user, authenticator, **kwargs):
    _record_for_each_organization(AuditEvent.Action.CREATE, user, request, obj=authenticator, detail=authenticator.type)


@receiver(mfa_signals.authenticator_removed, dispatch_uid="audit_authenticator_removed")
def record_authenticator_removed(sender, request, user, authenticator, **kwargs):
    # allauth has deleted the row by now (its id is gone from the instance): the event names the kind removed.
    _record_for_each_organization(AuditEvent.Action.DELETE, user, request, obj=authenticator, detail=authenticator.type)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="audit_authenticator_reset")
def record_authenticator_reset(sender, request, user, authenticator, **kwargs):
    _record_for_each_organization(AuditEvent.Action.UPDATE, user, request, obj=authenticator, detail=authenticator.type)
