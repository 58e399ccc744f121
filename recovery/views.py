"""Platform pages: home, health, organizations and their people, invitations, the audit log, error pages."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from recovery import health, selectors, services
from recovery.api.errors import problem_response
from recovery.audit.exports import AUDIT_LOG
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.forms import (
    AuditFilterForm,
    InvitationCodeForm,
    InvitationForm,
    MembershipForm,
    OrganizationForm,
    OrganizationSettingsForm,
)
from recovery.lookups import object_or_404
from recovery.middleware import SESSION_ORGANIZATION_KEY
from recovery.models import Invitation, Membership
from recovery.network import client_ip
from recovery.pagination import keyset_page_of, page_of
from recovery.permissions import member_required, permission_required

AUDIT_PAGE_SIZE = 50
# The invitation a person proved by typing its code, kept in their session until they accept it.
SESSION_CODE_INVITATION_KEY = "hearth_code_invitation"
CODE_ATTEMPTS, CODE_WINDOW_SECONDS = 10, 15 * 60


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "home.html")
    if request.membership is None:
        return redirect("recovery:no_organization")
    from recovery import dashboard

    context = {"membership": request.membership, "cards": dashboard.cards_for(request)}
    return render(request, "recovery/dashboard.html", context)


@never_cache
@require_safe
def healthz(request):
    """200 when the database, cache and broker answer and the scheduler beats; 503 naming what is not. No versions,
    no data; the scheduler's last beat as an ISO time (UTC), or null (recovery/health.py)."""
    checks, last_beat = health.run_checks()
    down = [name for name, state in checks.items() if state != "ok"]
    body = {
        "status": "ok" if not down else "unavailable",
        "checks": checks,
        "last_beat": last_beat.isoformat(timespec="seconds") if last_beat else None,
    }
    return JsonResponse(body, status=200 if not down else 503)


# --- Organizations ------------------------------------------------------------------------------------------


@login_required
@require_safe
def no_organization(request):
    if request.membership is not None:
        return redirect("home")
    if request.session.get(SESSION_CODE_INVITATION_KEY):
        # Back from signing up (or in) with a code typed before: the invitation is the next step, not a dead end.
        return redirect("recovery:code_invitation")
    return render(request, "recovery/no_organization.html")


@login_required
def create_organization(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = services.create_organization(
            name=form.cleaned_data["name"], time_zone=form.cleaned_data["time_zone"], by=request.user
        )
        request.session[SESSION_ORGANIZATION_KEY] = organization.pk
        messages.success(request, f"{organization.name} is ready. Next, invite your house managers and staff.")
        return redirect("recovery:invitations")
    return render(request, "recovery/organization_form.html", {"form": form})


@login_required
@require_POST
def switch_organization(request):
    """Make another of the person's organizations the active one (only ones they belong to)."""
    slug = request.POST.get("organization", "")
    membership = next((m for m in request.memberships if m.organization.slug == slug), None)
    if membership is None:
        raise Http404("No such organization among yours.")
    request.session[SESSION_ORGANIZATION_KEY] = membership.organization_id
    messages.info(request, f"You are now working in {membership.organization.name}.")
    return redirect("home")


@permission_required("recovery.manage_organization")
def organization_settings(request):
    form = OrganizationSettingsForm(request.POST or None, instance=request.organization)
    if request.method == "POST" and form.is_valid():
        services.update_organization(
            organization=form.save(commit=False), changed_fields=form.changed_settings, by=request.user
        )
        messages.success(request, _("The organization's settings are saved."))
        return redirect("recovery:organization_settings")
    return render(request, "recovery/organization_settings.html", {"form": form})


# --- People -------------------------------------------------------------------------------------------------------


@permission_required("recovery.view_members")
@require_safe
def members(request):
    page = page_of(request, selectors.members_page(), 50)
    return render(request, "recovery/members.html", {"page": page})


@member_required
def member_edit(request, pk):
    membership = object_or_404(request, Membership.objects.select_related("user"), "recovery.change_membership", pk=pk)
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(
                membership=membership, role=form.cleaned_data["role"], is_active=form.cleaned_data["is_active"]
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The change is saved."))
            return redirect("recovery:members")
    return render(request, "recovery/member_form.html", {"form": form, "membership": membership})


# --- Invitations --------------------------------------------------------------------------------------------------


@permission_required("recovery.invite_member")
def invitations(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except DomainError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"An invitation is on its way to {form.cleaned_data['email']}.")
            return redirect("recovery:invitations")
    return render(
        request, "recovery/invitations.html", {"form": form, "invitations": selectors.open_invitations()[:100]}
    )


@member_required
@require_POST
def revoke_invitation(request, pk):
    # Look up before checking permission: another organization's invitation is 404 for every role.
    invitation = object_or_404(request, Invitation, "recovery.invite_member", pk=pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, _("The invitation is withdrawn; its link no longer works."))
    return redirect("recovery:invitations")


def accept_invitation(request, token):
    """The link in an invitation email (or under a welcome sheet's QR code). Anyone may look; only its addressee
    (or, for one handed over on paper, whoever holds it), signed in, may accept."""
    invitation = services.find_invitation(token)
    try:
        services.check_invitation(invitation)
    except DomainError as error:
        return render(request, "recovery/invitation_problem.html", {"problem": str(error)}, status=410)

    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            membership = services.accept_invitation(token=token, user=request.user)
        except DomainError as error:
            return render(request, "recovery/invitation_problem.html", {"problem": str(error)}, status=409)
        return _welcome(request, membership)
    return render(request, "recovery/invitation.html", {"invitation": invitation})


def _welcome(request, membership):
    request.session[SESSION_ORGANIZATION_KEY] = membership.organization_id
    request.session.pop(SESSION_CODE_INVITATION_KEY, None)
    messages.success(request, f"Welcome to {membership.organization.name}.")
    return redirect("home")


def _too_many_code_attempts(request) -> bool:
    """Count this address's attempts at a code; True once it has made more than CODE_ATTEMPTS in the window.

    Eight characters from 31 leave about 850 billion codes; a handful of tries per quarter hour keeps guessing
    hopeless while a person who mistypes twice is not locked out.
    """
    key = f"hearth:invitation-code:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=CODE_WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=CODE_WINDOW_SECONDS)
        attempts = 1
    return attempts > CODE_ATTEMPTS


@never_cache
def invitation_code(request):
    """ "I have a code": the short code from a welcome sheet, typed by a person with or without an account yet.

    A right code is remembered in this session (by the invitation's id, never the code) and leads to the page
    that accepts it, through sign-up or sign-in when needed.
    """
    form = InvitationCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _too_many_code_attempts(request):
            form.add_error("code", "Too many tries from here. Wait a quarter of an hour, then try again.")
            return render(request, "recovery/invitation_code.html", {"form": form}, status=429)
        invitation = services.find_invitation_by_code(form.cleaned_data["code"])
        try:
            services.check_invitation(invitation, by_code=True)
        except DomainError as error:
            message = str(error) if invitation is not None else "That code is not right. Check it on your sheet."
            form.add_error("code", message)
        else:
            request.session[SESSION_CODE_INVITATION_KEY] = invitation.pk
            return redirect("recovery:code_invitation")
    status = 400 if form.errors else 200
    return render(request, "recovery/invitation_code.html", {"form": form}, status=status)


@never_cache
def code_invitation(request):
    """The invitation whose code this session typed: sign up or sign in, then accept it."""
    invitation_id = request.session.get(SESSION_CODE_INVITATION_KEY)
    invitation = services.find_invitation_by_id(invitation_id) if invitation_id else None
    if invitation is None:
        return redirect("recovery:invitation_code")
    try:
        services.check_invitation(invitation, by_code=True)
    except DomainError as error:
        request.session.pop(SESSION_CODE_INVITATION_KEY, None)
        return render(request, "recovery/invitation_problem.html", {"problem": str(error)}, status=410)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            membership = services.accept_invitation(code_invitation_id=invitation.pk, user=request.user)
        except DomainError as error:
            return render(request, "recovery/invitation_problem.html", {"problem": str(error)}, status=409)
        return _welcome(request, membership)
    return render(request, "recovery/invitation.html", {"invitation": invitation, "by_code": True})


# --- Audit log ------------------------------------------------------------------------------------------------------


@permission_required("recovery.view_audit_log")
@require_safe
def audit_log(request):
    people = get_user_model().objects.filter(memberships__organization=request.organization).order_by("email")
    form = AuditFilterForm(request.GET or None, people=people)
    events = selectors.audit_events()
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
        events = selectors.audit_events(
            action=filters["action"],
            actor_id=filters["actor"].pk if filters["actor"] else None,
            object_type=filters["object_type"].strip(),
            object_id=filters["object_id"].strip(),
            resident_id=filters["resident"],
            since=filters["since"],
            until=filters["until"],
        )
    fmt = requested_format(request)
    if fmt:
        return AUDIT_LOG.response(request, events.order_by("-created_at", "-pk"), fmt)
    page = keyset_page_of(request, events, AUDIT_PAGE_SIZE)
    query = request.GET.copy()
    for key in ("older", "newer", "format"):
        query.pop(key, None)
    return render(request, "recovery/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


# --- Error pages ----------------------------------------------------------------------------------------------------


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def permission_denied(request, exception=None):
    if _is_api(request):
        return problem_response(403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if _is_api(request):
        return problem_response(404, "No such record or route.")
    return render(request, "404.html", status=404)


def server_error(request):
    # The API answers problem details (RFC 9457), naming nothing of what broke.
    if _is_api(request):
        return problem_response(500)
    # No request context: whatever broke (often the database) must not break the error page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
