"""Sign-ins, sign-outs and failed sign-ins go to the audit log of each organization the person belongs to.

Signals are the only hook Django offers for these; the receivers do nothing but record.
"""

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


def _record_for_each_organization(action, user, request):
    actor = recorder.actor_from_request(request) if request is not None else recorder.current_actor()
    actor = recorder.Actor(**{**actor.__dict__, "user": user, "kind": AuditEvent.ActorKind.PERSON})
    for organization_id in _organization_ids(user) or [None]:
        recorder.record(action, organization=organization_id, actor=actor)


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def record_sign_in(sender, request, user, **kwargs):
    _record_for_each_organization(AuditEvent.Action.SIGN_IN, user, request)


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
