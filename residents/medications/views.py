"""Pages for progress reviews, the BARC-10, safety plans and self-care plans.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone; every view of a resident's record is audited.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from recovery.audit.recorder import record_view
from recovery.errors import DomainError
from recovery.lookups import object_or_404
from recovery.permissions import member_required
from residents.medications import services as medications_services
from residents.medications.forms import MatCountForm, MatMovementForm, MedicationForm
from residents.medications.models import Medication
from residents.profiles.lookups import resident_or_404


@member_required
def medications(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.view_medications")
    can_manage = request.user.has_perm("residents.manage_medications", resident)
    form = MedicationForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied("residents.manage_medications")
        if form.is_valid():
            try:
                medications_services.add_medication(resident=resident, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The medication is added."))
                return redirect("residents:medications", resident_pk=resident.pk)
    record_view(resident, detail="medications")
    context = {
        "resident": resident,
        "medications": list(Medication.objects.filter(resident=resident).order_by("stopped_on", "name")),
        "form": form,
    }
    return render(request, "residents/medications/medications.html", context)


@member_required
def mat_log(request, pk):
    medication = object_or_404(
        request,
        Medication.objects.select_related("resident"),
        "residents.manage_medications",
        pk=pk,
        checked_on="resident",
    )
    resident = medication.resident
    movement_form = MatMovementForm(request.POST if "movement" in request.POST else None, prefix="movement")
    count_form = MatCountForm(request.POST if "count" in request.POST else None, prefix="count")
    if request.method == "POST":
        form = count_form if "count" in request.POST else movement_form
        if form.is_valid():
            try:
                if form is count_form:
                    entry = medications_services.record_mat_count(
                        medication=medication, by=request.user, **form.cleaned_data
                    )
                else:
                    entry = medications_services.record_mat_movement(
                        medication=medication, by=request.user, **form.cleaned_data
                    )
            except DomainError as error:
                form.add_error(None, str(error))
            else:
                if entry.reconciles is False:
                    messages.warning(
                        request,
                        f"The count ({entry.counted}) does not match the log ({entry.expected}). "
                        "Count again with a witness, then tell the house manager.",
                    )
                else:
                    messages.success(request, _("Logged."))
                return redirect("residents:mat_log", pk=medication.pk)
    record_view(medication, detail="locked-storage log")
    context = {
        "medication": medication,
        "resident": resident,
        "log": list(medication.storage_log.select_related("recorded_by").order_by("-at", "-pk")[:100]),
        "expected": medications_services.expected_count(medication) if medication.stored_on_site else None,
        "movement_form": movement_form,
        "count_form": count_form,
    }
    return render(request, "residents/medications/mat_log.html", context)
