"""A resident's start in Hearth: "add a resident" (a direct admission by staff, with the invitation in the same
step), the welcome page (next steps after admission, and their sign-in), the printed welcome sheet, and the staff
actions on the sign-in: invite, link or relink, revoke. Another organization's resident is not found;
a coach, who looks after mentees but does not hand out sign-ins, is not allowed."""

import base64

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.permissions import member_required, require
from recovery.tenancy import organization_today
from residences.homes import selectors as home_selectors
from residences.stays import selectors as stay_selectors
from residences.stays import services as stay_services
from residents.profiles.lookups import resident_or_404
from residents.welcome import selectors, services
from residents.welcome.forms import AddResidentForm, InviteForm, LinkSignInForm, RevokeSignInForm
from residents.welcome.models import InvitationChannel


def _resident(request, pk, detail):
    resident = resident_or_404(request, pk, "residents.manage_sign_in")
    record_view(resident, detail=detail)
    return resident


def _page(request, resident, *, link_form=None, revoke_form=None, invite_form=None, status=200):
    candidates = selectors.sign_in_candidates()
    context = {
        "resident": resident,
        "steps": selectors.next_steps(resident),
        "open_invitation": selectors.open_invitations_of(resident).first(),
        "invite_form": invite_form or InviteForm(),
        "link_form": link_form or LinkSignInForm(candidates=candidates),
        "revoke_form": revoke_form or RevokeSignInForm(),
    }
    return render(request, "residents/welcome/welcome.html", context, status=status)


def _base_url(request) -> str:
    # Links lead where staff reached Hearth, as the invitations page's do.
    return request.build_absolute_uri("/")


@member_required
@require_safe
def welcome(request, pk):
    resident = _resident(request, pk, "welcome page")
    return _page(request, resident)


@member_required
@require_POST
def invite(request, pk):
    resident = _resident(request, pk, "invitation")
    form = InviteForm(request.POST)
    if not form.is_valid():
        return _page(request, resident, invite_form=form, status=400)
    channel = form.cleaned_data["channel"]
    try:
        services.invite_resident(resident=resident, channel=channel, by=request.user, base_url=_base_url(request))
    except DomainError as error:
        form.add_error(None, str(error))
        return _page(request, resident, invite_form=form, status=400)
    where = "email" if channel == InvitationChannel.EMAIL else "text message"
    messages.success(request, f"An invitation is on its way to {resident.display_name} by {where}.")
    return redirect("residents:welcome", pk=resident.pk)


@member_required
def add_resident(request):
    """ "Add a resident": a direct admission by staff, without a public application, and, when asked, the
    invitation to Hearth by email or text in the same step. Then the resident's welcome page (next steps, the
    printed welcome sheet). An invitation that cannot be sent leaves the admission in place and says why."""
    homes = home_selectors.visible_residences(request.membership)
    if not homes.exists():
        raise PermissionDenied("no home to admit to")
    today = organization_today(request.organization)
    form = AddResidentForm(
        request.POST or None,
        beds=stay_selectors.beds_free_from(today, residences=homes),
        today=today,
        initial={"move_in": today, "invite": ""},
    )
    if request.method == "POST" and form.is_valid():
        bed = form.cleaned_data["bed"]
        require(request, "residences.admit", bed.room.residence)
        fields = {
            name: form.cleaned_data[name] for name in ("first_name", "last_name", "preferred_name", "email", "phone")
        }
        try:
            stay = stay_services.admit_resident(**fields, bed=bed, move_in=form.cleaned_data["move_in"])
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            resident = stay.resident
            messages.success(request, f"{resident.display_name} is admitted to {bed.room.name} · {bed.label}.")
            _invite_on_admission(request, resident, form.cleaned_data["invite"])
            return redirect("residents:welcome", pk=resident.pk)
    status = 400 if form.errors else 200
    return render(request, "residents/welcome/add_resident.html", {"form": form}, status=status)


def _invite_on_admission(request, resident, channel: str) -> None:
    if not channel:
        return
    try:
        services.invite_resident(resident=resident, channel=channel, by=request.user, base_url=_base_url(request))
    except DomainError as error:
        messages.warning(request, f"The invitation was not sent: {error}")
    else:
        where = "email" if channel == InvitationChannel.EMAIL else "text message"
        messages.success(request, f"An invitation is on its way to {resident.display_name} by {where}.")


def _qr_data_uri(link: str) -> str:
    """The link as an SVG QR code in a data: address for an <img> (no file, no outside service; the CSP allows
    data: images)."""
    image = qrcode.make(link, image_factory=qrcode.image.svg.SvgPathImage, box_size=20)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@never_cache
@member_required
@require_POST
def welcome_sheet(request, pk):
    """A new short code and QR link, shown once on a page to print (only their hashes are kept; printing again
    makes a new code and the old one stops working)."""
    resident = _resident(request, pk, "welcome sheet")
    try:
        issued = services.invite_resident(
            resident=resident, channel=InvitationChannel.SHEET, by=request.user, base_url=_base_url(request)
        )
    except DomainError as error:
        form = InviteForm()
        form.add_error(None, str(error))
        return _page(request, resident, invite_form=form, status=400)
    context = {
        "resident": resident,
        "code": issued.code_for_display,
        "qr": _qr_data_uri(issued.link),
        "code_url": request.build_absolute_uri(reverse("recovery:invitation_code")),
        "expires_at": issued.invitation.expires_at,
        "days": settings.HEARTH_INVITATION_DAYS,
    }
    return render(request, "residents/welcome/welcome_sheet.html", context)


@member_required
@require_POST
def link_sign_in(request, pk):
    resident = _resident(request, pk, "link sign-in")
    form = LinkSignInForm(request.POST, candidates=selectors.sign_in_candidates())
    if not form.is_valid():
        return _page(request, resident, link_form=form, status=400)
    try:
        services.link_sign_in(resident=resident, membership=form.cleaned_data["membership"])
    except DomainError as error:
        form.add_error(None, str(error))
        return _page(request, resident, link_form=form, status=400)
    messages.success(request, f"{resident.display_name}'s record is linked to that sign-in.")
    return redirect("residents:welcome", pk=resident.pk)


@member_required
@require_POST
def revoke_sign_in(request, pk):
    resident = _resident(request, pk, "revoke sign-in")
    form = RevokeSignInForm(request.POST)
    if not form.is_valid():
        return _page(request, resident, revoke_form=form, status=400)
    try:
        services.revoke_sign_in(resident=resident)
    except DomainError as error:
        form.add_error(None, str(error))
        return _page(request, resident, revoke_form=form, status=400)
    messages.success(request, f"{resident.display_name} can no longer sign in; their record is kept.")
    return redirect("residents:welcome", pk=resident.pk)
