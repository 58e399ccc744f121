"""Pages for progress reviews, the BARC-10, safety plans and self-care plans.

Every view looks its object up through the tenant-scoped manager before it checks permission, so another
organization's id is a 404 for everyone; every view of a resident's record is audited.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from recovery.audit.recorder import record_view
from recovery.pdf import render_pdf, wants_pdf
from recovery.permissions import member_required, require
from recovery.tenancy import organization_today
from residents.profiles.lookups import own_record_or_403, resident_or_404
from residents.safety_plans import services as safety_plans_services
from residents.safety_plans.forms import SafetyPlanForm, SelfCarePlanForm
from residents.safety_plans.models import SafetyPlan, SelfCarePlan


def _safety_plan_page(request, *, resident, own):
    plan = SafetyPlan.objects.filter(resident=resident).first()
    editing = request.method == "POST" or request.GET.get("edit") == "1" or plan is None
    form = SafetyPlanForm(request.POST or None, instance=plan) if editing else None
    if request.method == "POST":
        require(request, "residents.change_safety_plan", resident)
        if form.is_valid():
            safety_plans_services.save_safety_plan(resident=resident, by=request.user, **form.cleaned_data)
            messages.success(request, _("The safety plan is saved."))
            return redirect("residents:my_safety_plan") if own else redirect("residents:safety_plan", resident.pk)
    if plan is not None:
        record_view(plan, detail="safety plan PDF" if wants_pdf(request) and not editing else "safety plan")
    context = {
        "resident": resident,
        "plan": plan,
        "form": form,
        "own": own,
        "can_change": request.user.has_perm("residents.change_safety_plan", resident),
        "people_to_call": safety_plans_services.phone_lines(plan.people_to_call) if plan else [],
        "professional_contacts": safety_plans_services.phone_lines(plan.professional_contacts) if plan else [],
    }
    if plan is not None and not editing and wants_pdf(request):
        today = organization_today(request.organization)
        return render_pdf(
            request, "residents/safety_plans/safety_plan.html", context, filename=f"safety-plan-{today:%Y-%m-%d}.pdf"
        )
    return render(request, "residents/safety_plans/safety_plan.html", context)


@member_required
def safety_plan(request, resident_pk):
    resident = resident_or_404(request, resident_pk, "residents.view_safety_plan")
    return _safety_plan_page(request, resident=resident, own=False)


@member_required
def my_safety_plan(request):
    return _safety_plan_page(request, resident=own_record_or_403(request), own=True)


@member_required
def self_care_plan(request):
    """Every member's own plan (residents and staff alike); nobody else's."""
    plan = SelfCarePlan.objects.filter(user=request.user).first()
    form = SelfCarePlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        safety_plans_services.save_self_care_plan(user=request.user, today=organization_today(), **form.cleaned_data)
        messages.success(request, _("Your self-care plan is saved. We will remind you to look at it again."))
        return redirect("residents:self_care_plan")
    return render(request, "residents/safety_plans/self_care_plan.html", {"plan": plan, "form": form})
