"""Grievance and mediation pages. A grievance about the house manager is routed to the admins; the manager never
finds it (their list leaves it out and its page answers 403)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from governance.grievances import selectors as grievances_selectors
from governance.grievances import services
from governance.grievances.forms import FollowUpForm, GrievanceForm, GrievanceResponseForm, MediationForm
from governance.grievances.models import Grievance, Mediation
from governance.incidents import rules as accountability_rules  # noqa: F401 - registers the permissions
from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required, permission_required
from recovery.tenancy import home_today, organization_today
from residences.homes.lookups import residence_or_404
from residences.homes.selectors import home_of, residents_living_in
from residents.profiles.selectors import my_resident_record


@member_required
@require_safe
def grievance_list(request):
    if request.membership.role not in ("admin", "house_manager", "resident"):
        raise PermissionDenied("governance.list_grievances")
    page = grievances_selectors.grievances_page(request.membership, page_number=request.GET.get("page"))
    mediations = list(grievances_selectors.mediations_for(request.membership).order_by("-held_on", "-pk")[:25])
    context = {"page": page, "mediations": mediations, "resident": request.membership.role == "resident"}
    return render(request, "governance/grievances/grievance_list.html", context)


@permission_required("governance.file_grievance")
def grievance_new(request):
    resident = my_resident_record(request.user)
    home = home_of(user=request.user, on=organization_today(request.organization))
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if resident is None or home is None:
            form.add_error(None, "Grievances are for people living in one of the homes. Ask an admin for help.")
        else:
            try:
                grievance = services.file_grievance(
                    resident=resident, residence=home, by=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your grievance is filed. You will get an answer by the date shown."))
                return redirect("governance:grievance_detail", pk=grievance.pk)
    return render(request, "governance/grievances/grievance_form.html", {"form": form})


@member_required
def grievance_detail(request, pk):
    grievance = object_or_404(
        request,
        Grievance.objects.select_related("resident", "residence", "responded_by"),
        "governance.view_grievance",
        pk=pk,
    )
    answering = grievance.closed_at is None and request.user.has_perm("governance.respond_grievance", grievance)
    form = GrievanceResponseForm(request.POST or None) if answering else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("governance.respond_grievance")
        if form.is_valid():
            try:
                services.respond(grievance=grievance, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your response is sent and the grievance is closed."))
                return redirect("governance:grievance_detail", pk=grievance.pk)
    record_view(grievance, detail="grievance")
    return render(request, "governance/grievances/grievance_detail.html", {"grievance": grievance, "form": form})


@member_required
def mediation_new(request, residence_pk):
    residence = residence_or_404(request, residence_pk, "governance.record_mediation")
    residents = residents_living_in(residence, on=home_today(residence)).order_by("last_name", "pk")
    form = MediationForm(request.POST or None, residents=residents, initial={"held_on": home_today(residence)})
    if request.method == "POST" and form.is_valid():
        try:
            mediation = services.record_mediation(
                residence=residence, by=request.user, facilitator=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The mediation is recorded."))
            return redirect("governance:mediation_detail", pk=mediation.pk)
    return render(request, "governance/grievances/mediation_form.html", {"residence": residence, "form": form})


@member_required
def mediation_detail(request, pk):
    mediation = object_or_404(
        request,
        Mediation.objects.select_related("residence", "facilitator").prefetch_related("parties"),
        "governance.view_mediation",
        pk=pk,
    )
    managing = request.user.has_perm("governance.record_mediation", mediation.residence)
    form = FollowUpForm(request.POST or None, initial={"agreement": mediation.agreement}) if managing else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("governance.record_mediation")
        if form.is_valid():
            services.record_follow_up(mediation=mediation, agreement=form.cleaned_data["agreement"])
            messages.success(request, _("The follow-up is recorded."))
            return redirect("governance:mediation_detail", pk=mediation.pk)
    record_view(mediation, detail="mediation")
    return render(request, "governance/grievances/mediation_detail.html", {"mediation": mediation, "form": form})
