"""Community pages: the partner directory (and linking partners to goals), events and volunteering with RSVPs,
and community service hours."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peer_support.community import selectors, services
from peer_support.community.forms import EventForm, LinkGoalForm, LinkPartnerForm, PartnerForm, ServiceHoursForm
from peer_support.community.models import CommunityEvent, GoalPartner, Partner, ServiceHours
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import found_or_404, object_or_404
from recovery.models import Role
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import organization_today
from residents.models import Goal
from residents.profiles.selectors import my_resident_record, visible_residents

# --- Partners --------------------------------------------------------------------------------------------------


@permission_required("peer_support.view_partners")
def partners(request):
    may_manage = request.user.has_perm("peer_support.manage_partners")
    form = PartnerForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        require(request, "peer_support.manage_partners")
        if form.is_valid():
            try:
                partner = services.add_partner(**form.cleaned_data)
            except DomainError as error:
                form.add_error("name", str(error))
            else:
                messages.success(request, _("The partner is in the directory."))
                return redirect("peer_support:partner_detail", pk=partner.pk)
    return render(
        request, "peer_support/community/partner_list.html", {"partners": selectors.partner_list(), "form": form}
    )


def _goals_i_look_after(membership):
    residents = visible_residents(membership, today=organization_today(membership.organization))
    return (
        Goal.objects.filter(plan__stay__resident__in=residents.values("pk"))
        .select_related("plan__stay__resident")
        .order_by("plan__stay__resident__first_name", "title")
    )


@permission_required("peer_support.view_partners")
def partner_detail(request, pk):
    partner = found_or_404(request, Partner, pk=pk)
    staff = request.membership.role in (Role.ADMIN, Role.STAFF, Role.HOUSE_MANAGER)
    form = LinkGoalForm(request.POST or None, goals=_goals_i_look_after(request.membership)) if staff else None
    if request.method == "POST":
        if form is None or not form.is_valid():
            require(request, "peer_support.manage_partners")
        else:
            goal = form.cleaned_data["goal"]
            require(request, "peer_support.link_partner", goal)
            services.link_partner(goal=goal, partner=partner, by=request.user)
            messages.success(request, _("The goal now points to this partner."))
            return redirect("peer_support:partner_detail", pk=partner.pk)
    links = selectors.partner_goal_links(partner, request.membership)
    context = {"partner": partner, "form": form, "links": links}
    return render(request, "peer_support/community/partner_detail.html", context)


@member_required
def goal_link_partner(request, goal_pk):
    """ "Link a partner" for one goal, reached from the resident's plan."""
    goal = object_or_404(request, selectors.goal_with_resident(), "peer_support.link_partner", pk=goal_pk)
    resident = goal.plan.stay.resident
    form = LinkPartnerForm(request.POST or None, partners=Partner.objects.order_by("name"))
    if request.method == "POST" and form.is_valid():
        services.link_partner(goal=goal, partner=form.cleaned_data["partner"], by=request.user)
        messages.success(request, _("The goal now points to this partner."))
        return redirect("peer_support:goal_link_partner", goal_pk=goal.pk)
    record_view(resident, detail="goal partners")
    linked = GoalPartner.objects.filter(goal=goal).select_related("partner").order_by("partner__name")
    context = {"goal": goal, "resident": resident, "form": form, "linked": linked}
    return render(request, "peer_support/community/goal_link_partner.html", context)


@member_required
@require_POST
def goal_partner_unlink(request, pk):
    link = object_or_404(
        request,
        GoalPartner.objects.select_related("goal__plan__stay__resident"),
        "peer_support.link_partner",
        pk=pk,
        checked_on="goal",
    )
    services.unlink_partner(link=link)
    messages.success(request, _("The link is removed."))
    return redirect("peer_support:goal_link_partner", goal_pk=link.goal_id)


# --- Events and volunteering -------------------------------------------------------------------------------------


@permission_required("peer_support.view_events")
def events(request):
    may_manage = request.user.has_perm("peer_support.manage_events")
    form = EventForm(request.POST or None) if may_manage else None
    if request.method == "POST":
        require(request, "peer_support.manage_events")
        if form.is_valid():
            services.add_event(by=request.user, **form.cleaned_data)
            messages.success(request, _("It is on the list. Residents can answer from their phones."))
            return redirect("peer_support:events")
    resident = my_resident_record(request.user) if request.membership.role == Role.RESIDENT else None
    upcoming = selectors.events_page(resident=resident, now=timezone.now())[:50]
    return render(
        request, "peer_support/community/events.html", {"events": upcoming, "form": form, "resident": resident}
    )


@member_required
@require_POST
def event_rsvp(request, pk):
    event = object_or_404(request, CommunityEvent, "peer_support.rsvp_event", pk=pk)
    resident = my_resident_record(request.user)
    if resident is None or request.POST.get("going") not in ("yes", "no"):
        messages.error(request, _("Choose going or not going."))
    else:
        try:
            services.rsvp_event(event=event, resident=resident, going=request.POST["going"] == "yes")
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thanks, your answer is saved."))
    return redirect("peer_support:events")


# --- Community service hours -------------------------------------------------------------------------------------


@member_required
def service_hours(request):
    """Residents log their hours and see their totals; staff see entries of residents they look after to verify."""
    membership = request.membership
    if membership.role == Role.RESIDENT:
        resident = my_resident_record(request.user)
        form = ServiceHoursForm(request.POST or None, initial={"on": organization_today(request.organization)})
        if request.method == "POST" and resident is not None and form.is_valid():
            try:
                services.log_service_hours(resident=resident, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Thank you for giving your time. Staff will verify it."))
                return redirect("peer_support:service_hours")
        entries, totals = selectors.my_service_hours(resident) if resident else ([], {})
        context = {"resident": resident, "form": form, "entries": entries[:50] if resident else [], "totals": totals}
        return render(request, "peer_support/community/my_service_hours.html", context)
    require(request, "peer_support.review_service_hours")
    entries, totals = selectors.service_hours_for_staff(membership, today=organization_today(request.organization))
    return render(request, "peer_support/community/service_hours.html", {"entries": entries[:100], "totals": totals})


@member_required
@require_POST
def service_hours_verify(request, pk):
    entry = object_or_404(
        request, ServiceHours.objects.select_related("resident"), "peer_support.verify_service_hours", pk=pk
    )
    services.verify_service_hours(entry=entry, by=request.user)
    messages.success(request, _("Verified."))
    return redirect("peer_support:service_hours")
