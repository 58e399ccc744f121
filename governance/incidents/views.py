"""Incident pages: report one (anyone), the list, one incident with its follow-ups and resolution, and the
red-flag review (which anyone in the home may call, and which shows no disciplinary record)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from governance.incidents import rules as accountability_rules  # noqa: F401 - registers the permissions
from governance.incidents import selectors as incidents_selectors
from governance.incidents import services
from governance.incidents.exports import INCIDENTS
from governance.incidents.forms import ActionForm, IncidentForm, ResolveForm, ReviewForm, SeverityForm
from governance.incidents.models import FollowUpAction, Incident, IncidentReview
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.exports import requested_format
from recovery.lookups import found_or_404, object_or_404
from recovery.models import User
from recovery.permissions import member_required, permission_required, require
from recovery.tenancy import organization_today


@permission_required("governance.report_incident")
def incident_new(request):
    homes, residents = incidents_selectors.report_choices(
        request.membership, today=organization_today(request.organization)
    )
    form = IncidentForm(request.POST or None, residences=homes, residents=residents.order_by("last_name", "pk"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incident = services.report_incident(by=request.user, **data)
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. The incident is reported."))
            if request.user.has_perm("governance.view_incident", incident):
                return redirect("governance:incident_detail", pk=incident.pk)
            return redirect("governance:incident_list")
    return render(request, "governance/incidents/incident_form.html", {"form": form, "no_home": not homes.exists()})


@member_required
@require_safe
def incident_list(request):
    open_only = request.GET.get("open") == "1"
    fmt = requested_format(request)
    if fmt:
        return INCIDENTS.response(
            request, incidents_selectors.incidents_for(request.membership, open_only=open_only), fmt
        )
    page = incidents_selectors.incidents_page(
        request.membership, page_number=request.GET.get("page"), open_only=open_only
    )
    context = {"page": page, "staff": request.user.has_perm("governance.list_incidents")}
    if request.membership.role == "resident":
        context["home_incidents"] = list(incidents_selectors.home_incidents_for_resident(request.membership)[:25])
    return render(request, "governance/incidents/incident_list.html", context)


@member_required
def incident_detail(request, pk):
    incident = object_or_404(request, incidents_selectors.incident_detail(pk), "governance.view_incident", pk=pk)
    managing = request.user.has_perm("governance.manage_incident", incident)
    owners = User.objects.filter(
        memberships__organization=request.organization,
        memberships__is_active=True,
        memberships__role__in=["admin", "staff", "house_manager"],
    ).order_by("first_name")
    action_form = ActionForm(owners=owners, prefix="action")
    resolve_form = ResolveForm(prefix="resolve")
    severity_form = SeverityForm(prefix="severity", initial={"severity": incident.severity})
    if request.method == "POST":
        if not managing:
            raise PermissionDenied("governance.manage_incident")
        step = request.POST.get("step")
        try:
            if step == "action":
                action_form = ActionForm(request.POST, owners=owners, prefix="action")
                if action_form.is_valid():
                    services.add_action(incident=incident, **action_form.cleaned_data)
                    messages.success(request, _("The follow-up action is added."))
                    return redirect("governance:incident_detail", pk=incident.pk)
            elif step == "done":
                action = found_or_404(request, FollowUpAction, pk=request.POST.get("action_id"), incident=incident)
                services.finish_action(action=action)
                messages.success(request, _("Marked as done."))
                return redirect("governance:incident_detail", pk=incident.pk)
            elif step == "severity":
                severity_form = SeverityForm(request.POST, prefix="severity")
                if severity_form.is_valid():
                    services.change_severity(incident=incident, **severity_form.cleaned_data)
                    messages.success(request, _("The severity is changed."))
                    return redirect("governance:incident_detail", pk=incident.pk)
            elif step == "resolve":
                resolve_form = ResolveForm(request.POST, prefix="resolve")
                if resolve_form.is_valid():
                    services.resolve_incident(incident=incident, by=request.user, **resolve_form.cleaned_data)
                    messages.success(request, _("The incident is resolved."))
                    return redirect("governance:incident_detail", pk=incident.pk)
        except DomainError as error:
            messages.error(request, str(error))
    record_view(incident, detail="incident")
    # The reporter's name: the admins and the home's managers always; others only when it is not confidential.
    show_reporter = managing or not incident.confidential or incident.reported_by_id == request.user.pk
    context = {
        "incident": incident,
        "managing": managing,
        "show_reporter": show_reporter,
        "review": next(iter(incident.reviews.all()), None),
        "actions": list(incident.actions.all()),
        "action_form": action_form,
        "resolve_form": resolve_form,
        "severity_form": severity_form,
    }
    return render(request, "governance/incidents/incident_detail.html", context)


@member_required
def incident_review(request, pk):
    """The red-flag review: GET shows it (or the button to call it); POST calls it, then saves what is written."""
    incident = object_or_404(request, Incident.objects.select_related("residence"), "governance.call_review", pk=pk)
    review = IncidentReview.objects.filter(incident=incident).first()
    form = None
    if review is not None and review.completed_at is None:
        initial = {name: getattr(review, name) for name in ("what_happened", "what_helped", "what_we_change")}
        form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if review is None:
            services.call_review(incident=incident, by=request.user)
            messages.success(request, _("A red-flag review is open. Everyone in the home can add to it."))
            return redirect("governance:incident_review", pk=incident.pk)
        if form is not None and form.is_valid():
            require(request, "governance.write_review", incident)
            try:
                services.save_review(review=review, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The review is saved."))
                return redirect("governance:incident_review", pk=incident.pk)
    context = {
        "incident": incident,
        "review": review,
        "form": form,
        "can_open_incident": request.user.has_perm("governance.view_incident", incident),
    }
    return render(request, "governance/incidents/incident_review.html", context)
