"""House operations pages for the staff who look after a home: the house check (a quick bed-by-bed phone form),
maintenance requests, safety inspections and drills, and the good-neighbor log.

Every page looks its object up with the tenant-scoped manager before checking permission, so another
organization's object is simply not found (404) for every role.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.pagination import page_of
from recovery.permissions import member_required
from recovery.tenancy import home_today
from recovery.widgets import DateInput
from residences.homes.lookups import residence_or_404
from residences.models import HouseCheck, MaintenanceRequest, NeighborComplaint
from residences.operations import selectors, services
from residences.operations.models import InspectionKind, MaintenanceStatus, Urgency, Whereabouts

OPERATIONS_PERMISSION = "residences.run_house_operations"


# --- Forms ------------------------------------------------------------------------------------------------------


class HouseCheckForm(forms.Form):
    """One radio group per occupied bed (default: in the house), each with an optional note; built from the sheet."""

    notes = forms.CharField(label="Notes on this round (optional)", required=False, max_length=500)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.sheet = sheet
        for assignment in sheet:
            self.fields[f"bed_{assignment.bed_id}"] = forms.ChoiceField(
                label=f"{assignment.bed} — {assignment.stay.resident.display_name}",
                choices=Whereabouts.choices,
                initial=Whereabouts.PRESENT,
                widget=forms.RadioSelect,
            )
            self.fields[f"note_{assignment.bed_id}"] = forms.CharField(
                label="Note (optional)", required=False, max_length=200
            )

    def rows(self):
        return [
            (assignment, self[f"bed_{assignment.bed_id}"], self[f"note_{assignment.bed_id}"])
            for assignment in self.sheet
        ]

    def marks(self) -> dict[int, tuple[str, str]]:
        return {
            assignment.bed_id: (
                self.cleaned_data[f"bed_{assignment.bed_id}"],
                self.cleaned_data[f"note_{assignment.bed_id}"],
            )
            for assignment in self.sheet
        }


class MaintenanceRequestForm(forms.Form):
    description = forms.CharField(label="What needs fixing", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.CharField(label="Where in the house (optional)", required=False, max_length=120)
    urgency = forms.ChoiceField(label="How urgent", choices=Urgency.choices, initial=Urgency.ROUTINE)


class MaintenanceStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=MaintenanceStatus.choices)
    resolution = forms.CharField(
        label="What was done",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed to mark it done.",
    )


class InspectionForm(forms.Form):
    kind = forms.ChoiceField(label="What was checked", choices=InspectionKind.choices)
    done_on = forms.DateField(label="Done on", widget=DateInput())
    passed = forms.TypedChoiceField(
        label="Result",
        choices=[("yes", "Passed"), ("no", "Needs attention")],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when something needs attention: what failed, and what is being done.",
    )
    next_due_on = forms.DateField(
        label="Next one due (optional)",
        required=False,
        widget=DateInput(),
        help_text="Left empty: a month for detector tests, three months for drills, a year for extinguishers.",
    )


class GoodNeighborContactForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    role = forms.CharField(label="Role (optional)", required=False, max_length=120)
    phone = forms.CharField(label="Phone", required=False, max_length=30)
    email = forms.EmailField(label="Email", required=False)


class NeighborComplaintForm(forms.Form):
    received_on = forms.DateField(label="Received on", widget=DateInput())
    from_name = forms.CharField(
        label="From (optional)", required=False, max_length=120, help_text="Left empty: “Anonymous”."
    )
    from_contact = forms.CharField(label="How to reach them (optional)", required=False, max_length=200)
    summary = forms.CharField(label="What it is about", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class ComplaintResponseForm(forms.Form):
    response = forms.CharField(label="The house's response", max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    responded_on = forms.DateField(label="Responded on", widget=DateInput())


def _apply(form, call) -> bool:
    """Run a service with a valid form; a domain error becomes the form's error. True when it went through."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except DomainError as error:
        form.add_error(None, str(error))
        return False
    return True


# --- House check --------------------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def house_check(request, residence_pk):
    residence = residence_or_404(request, residence_pk, OPERATIONS_PERMISSION)
    sheet = selectors.house_check_sheet(residence, today=home_today(residence))
    form = HouseCheckForm(request.POST or None, sheet=sheet)
    if request.method == "POST" and _apply(
        form,
        lambda data: services.record_house_check(
            residence=residence, marks=form.marks(), notes=data["notes"], by=request.user
        ),
    ):
        messages.success(request, _("The house check is saved."))
        return redirect("residences:house_check", residence_pk=residence.pk)
    return render(
        request,
        "residences/operations/house_check.html",
        {"residence": residence, "form": form, "page": page_of(request, selectors.house_checks(residence), 10)},
    )


@member_required
@require_safe
def house_check_detail(request, pk):
    check = object_or_404(
        request,
        HouseCheck.objects.select_related("residence__organization", "checked_by"),
        OPERATIONS_PERMISSION,
        pk=pk,
        checked_on="residence",
    )
    return render(
        request,
        "residences/operations/house_check_detail.html",
        {"residence": check.residence, "check": check, "entries": selectors.house_check_entries(check)},
    )


# --- Maintenance ----------------------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def maintenance(request, residence_pk):
    residence = residence_or_404(request, residence_pk, OPERATIONS_PERMISSION)
    form = MaintenanceRequestForm(request.POST or None)
    if request.method == "POST" and _apply(
        form, lambda data: services.open_maintenance_request(residence=residence, by=request.user, **data)
    ):
        messages.success(request, _("The maintenance request is open."))
        return redirect("residences:maintenance", residence_pk=residence.pk)
    status = request.GET.get("status", "")
    status = status if status in MaintenanceStatus.values else ""
    return render(
        request,
        "residences/operations/maintenance.html",
        {
            "residence": residence,
            "form": form,
            "status": status,
            "statuses": MaintenanceStatus.choices,
            "page": page_of(request, selectors.maintenance_requests(residence, status=status)),
            "query": f"status={status}" if status else "",
        },
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def maintenance_detail(request, pk):
    maintenance_request = object_or_404(
        request,
        MaintenanceRequest.objects.select_related("residence__organization", "reported_by"),
        OPERATIONS_PERMISSION,
        pk=pk,
        checked_on="residence",
    )
    residence = maintenance_request.residence
    form = MaintenanceStatusForm(
        request.POST or None,
        initial={"status": maintenance_request.status, "resolution": maintenance_request.resolution},
    )
    if request.method == "POST" and _apply(
        form,
        lambda data: services.update_maintenance_request(
            maintenance_request=maintenance_request, by=request.user, **data
        ),
    ):
        messages.success(request, _("The maintenance request is updated."))
        return redirect("residences:maintenance", residence_pk=residence.pk)
    return render(
        request,
        "residences/operations/maintenance_detail.html",
        {"residence": residence, "maintenance_request": maintenance_request, "form": form},
    )


# --- Safety inspections and drills -----------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def inspections(request, residence_pk):
    residence = residence_or_404(request, residence_pk, OPERATIONS_PERMISSION)
    today = home_today(residence)
    form = InspectionForm(request.POST or None, initial={"done_on": today})
    if request.method == "POST" and _apply(
        form, lambda data: services.record_inspection(residence=residence, by=request.user, today=today, **data)
    ):
        messages.success(request, _("The safety check is recorded."))
        return redirect("residences:inspections", residence_pk=residence.pk)
    return render(
        request,
        "residences/operations/inspections.html",
        {
            "residence": residence,
            "form": form,
            "due": selectors.inspections_due(residence, today=today),
            "page": page_of(request, selectors.safety_inspections(residence)),
        },
    )


# --- Good neighbor ---------------------------------------------------------------------------------------------


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def good_neighbor(request, residence_pk):
    residence = residence_or_404(request, residence_pk, OPERATIONS_PERMISSION)
    today = home_today(residence)
    contact = selectors.good_neighbor_contact(residence)
    which = request.POST.get("form") if request.method == "POST" else None
    contact_form = GoodNeighborContactForm(
        request.POST if which == "contact" else None,
        prefix="contact",
        initial={field: getattr(contact, field) for field in ("name", "role", "phone", "email")} if contact else None,
    )
    complaint_form = NeighborComplaintForm(
        request.POST if which == "complaint" else None, prefix="complaint", initial={"received_on": today}
    )
    if which == "contact" and _apply(
        contact_form, lambda data: services.set_good_neighbor_contact(residence=residence, **data)
    ):
        messages.success(request, _("The good-neighbor contact is saved."))
        return redirect("residences:good_neighbor", residence_pk=residence.pk)
    if which == "complaint" and _apply(
        complaint_form,
        lambda data: services.log_neighbor_complaint(residence=residence, by=request.user, today=today, **data),
    ):
        messages.success(request, _("The complaint is logged. Record the house's response when there is one."))
        return redirect("residences:good_neighbor", residence_pk=residence.pk)
    return render(
        request,
        "residences/operations/good_neighbor.html",
        {
            "residence": residence,
            "contact": contact,
            "contact_form": contact_form,
            "complaint_form": complaint_form,
            "page": page_of(request, selectors.neighbor_complaints(residence)),
        },
    )


@member_required
@require_http_methods(["GET", "HEAD", "POST"])
def neighbor_complaint(request, pk):
    complaint = object_or_404(
        request,
        NeighborComplaint.objects.select_related("residence__organization"),
        OPERATIONS_PERMISSION,
        pk=pk,
        checked_on="residence",
    )
    residence = complaint.residence
    today = home_today(residence)
    form = ComplaintResponseForm(
        request.POST or None,
        initial={"response": complaint.response, "responded_on": complaint.responded_on or today},
    )
    if request.method == "POST" and _apply(
        form,
        lambda data: services.respond_to_neighbor_complaint(complaint=complaint, by=request.user, today=today, **data),
    ):
        messages.success(request, _("The house's response is recorded."))
        return redirect("residences:good_neighbor", residence_pk=residence.pk)
    return render(
        request,
        "residences/operations/neighbor_complaint.html",
        {"residence": residence, "complaint": complaint, "form": form},
    )
